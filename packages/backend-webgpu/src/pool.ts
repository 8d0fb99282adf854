// GPU buffers pooled by size class: freed buffers wait on a per-class free list and are handed
// out again, so after a warm-up step a training step creates no new GPUBuffer. Counts hits,
// misses and bytes; also serves the readback staging buffers (a second pool, MAP_READ usage).
/// <reference types="@webgpu/types" preserve="true" />
import type { Pending } from './fusion/expr.js';

/** Tensor storage on the 'webgpu' backend: a pooled buffer plus bookkeeping. */
export interface GpuStorage {
  /** Stable id, used in bind group cache keys. */
  readonly id: number;
  readonly buffer: GPUBuffer;
  /** Capacity in bytes (the size class). */
  readonly bytes: number;
  /** The submission a command touching it was recorded for (see Recorder.epoch); -1 if never. */
  lastUse: number;
  /** Host copy of int32 values written from JavaScript, so gather can check indices synchronously. */
  shadow?: Int32Array;
  /**
   * Holders of the buffer: its tensor (until freed) and each pending expression that reads it.
   * It goes back to the pool at zero, so a pending read never finds it reused.
   */
  refs: number;
  /** Whether its tensor still holds it (not yet freed). */
  live: boolean;
  /** An elementwise expression not computed into the buffer yet (see fusion/fuser.ts). */
  pending?: Pending;
  /** The bits of a one-element tensor written from JavaScript: fused kernels take it as a uniform. */
  scalar?: number;
  /** A reshape's storage reads this one's buffer instead of its own (held until it is freed). */
  alias?: GpuStorage;
}

/** Pool counters. */
export interface PoolCounters {
  hits: number;
  misses: number;
  /** Bytes of all buffers the pool created and has not destroyed (live or free). */
  reservedBytes: number;
  /** Bytes of buffers handed out and not yet released. */
  liveBytes: number;
  /** GPUBuffers created so far. */
  created: number;
}

/**
 * The capacity a request of `bytes` is served from: at least 16 bytes, exact powers of two up
 * to 1 KiB, then four classes per octave (at most 25% slack), capped at `max`.
 */
export function sizeClass(bytes: number, max = Infinity): number {
  const b = Math.max(16, Math.ceil(bytes / 4) * 4);
  const octave = 2 ** Math.floor(Math.log2(b));
  if (b === octave) return b;
  const step = octave <= 512 ? octave : octave / 4;
  return Math.min(Math.ceil(b / step) * step, Math.max(b, max));
}

let nextId = 1;

/** A pool of GPUBuffers of one usage, by size class. */
export class BufferPool {
  readonly counters: PoolCounters = { hits: 0, misses: 0, reservedBytes: 0, liveBytes: 0, created: 0 };
  private readonly free = new Map<number, GpuStorage[]>();

  constructor(
    private readonly device: GPUDevice,
    private readonly usage: number,
    private readonly label: string,
    private readonly maxBytes: number,
  ) {}

  /**
   * A buffer of at least `bytes`. With `avoidEpoch`, a free buffer last used by the commands
   * of that (unsubmitted) epoch is skipped: queue.writeBuffer into it would run before them.
   */
  acquire(bytes: number, avoidEpoch?: number): GpuStorage {
    const cls = sizeClass(bytes, this.maxBytes);
    const list = this.free.get(cls);
    if (list?.length) {
      for (let i = list.length - 1; i >= 0; i--) {
        if (avoidEpoch === undefined || list[i]!.lastUse !== avoidEpoch) {
          const s = list.splice(i, 1)[0]!;
          s.refs = 1;
          s.live = true;
          this.counters.hits++;
          this.counters.liveBytes += s.bytes;
          return s;
        }
      }
    }
    const buffer = this.device.createBuffer({ size: cls, usage: this.usage, label: `${this.label} ${cls}B` });
    this.counters.misses++;
    this.counters.created++;
    this.counters.reservedBytes += cls;
    this.counters.liveBytes += cls;
    return { id: nextId++, buffer, bytes: cls, lastUse: -1, refs: 1, live: true };
  }

  /** Returns a buffer to its free list. */
  release(s: GpuStorage): void {
    s.shadow = undefined;
    s.scalar = undefined;
    s.pending = undefined;
    s.alias = undefined;
    this.counters.liveBytes -= s.bytes;
    const list = this.free.get(s.bytes);
    if (list) list.push(s);
    else this.free.set(s.bytes, [s]);
  }

  /** Destroys every free buffer; returns the ids destroyed (for caches keyed on them). */
  trim(): number[] {
    const ids: number[] = [];
    for (const list of this.free.values()) {
      for (const s of list) {
        s.buffer.destroy();
        this.counters.reservedBytes -= s.bytes;
        ids.push(s.id);
      }
    }
    this.free.clear();
    return ids;
  }
}
