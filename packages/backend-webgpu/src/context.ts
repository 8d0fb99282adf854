// The device and everything kept per device: storage and staging pools, the params arena,
// the shader library, the recorder and the fuser. Kernels call run() (or defer elementwise
// ops to the fuser); whatever reads a storage computes it first if it is pending. Tracks
// device loss (device-loss.ts) and GPU errors, and turns them into Errors that say what to do.
/// <reference types="@webgpu/types" preserve="true" />
import { DeviceLoss, LOST_GRACE_MS } from './device-loss.js';
import { BufferUsage, MAP_READ } from './gpu-flags.js';
import { Fuser } from './fusion/fuser.js';
import { BufferPool, type GpuStorage } from './pool.js';
import { Recorder } from './recorder.js';
import { ShaderLibrary, type Constants, type ShaderName } from './shader-library.js';
import { PARAMS_BYTES, UniformArena } from './uniforms.js';

/** One dispatch of a kernel. */
export interface Dispatch {
  /** The op it computes (named in errors and pipeline labels). */
  op: string;
  shader: ShaderName;
  entry?: string;
  constants?: Constants;
  /** The shader's Params struct, packed (see kernels/params.ts). */
  params: Uint32Array;
  inputs: readonly GpuStorage[];
  output: GpuStorage;
  /** Workgroups along x, y, z. */
  grid: readonly [number, number, number];
}

/** Per-device state shared by the backend and its kernels. */
export class GpuContext {
  readonly storage: BufferPool;
  readonly staging: BufferPool;
  readonly arena: UniformArena;
  readonly library: ShaderLibrary;
  readonly recorder: Recorder;
  /** Defers elementwise ops and fuses them; absent when fusion is off (each op dispatches). */
  readonly fuser: Fuser | undefined;
  /** Whether reductions fold within subgroups (shaders/reduce-subgroups.wgsl). */
  readonly subgroups: boolean;
  readonly events = new EventTarget();
  /** Whether, and why, the device is gone; every call checks it, every wait races it. */
  readonly loss: DeviceLoss;
  /** Errors the GPU reported that no read has surfaced yet. */
  private readonly errors: Error[] = [];

  /**
   * @param gemm how GEMMs run: staging tiles in workgroup memory, or reading the buffers
   *   directly; 'auto-direct' is direct for matmul only (a CPU adapter: there barriers cost
   *   more than the cache they save, while convolutions' gathered loads still gain from tiles)
   * @param fusion whether elementwise ops are deferred and fused into generated kernels
   * @param subgroups whether reductions use subgroup builtins (only where the device has the feature)
   */
  constructor(
    readonly device: GPUDevice,
    readonly name: string,
    readonly gemm: 'tiled' | 'direct' | 'auto-direct' = 'tiled',
    fusion = true,
    subgroups = true,
  ) {
    this.subgroups = subgroups && device.features.has('subgroups');
    const limits = device.limits;
    const maxBinding = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
    this.storage = new BufferPool(device, BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST, 'webgrad tensor', maxBinding);
    this.staging = new BufferPool(device, BufferUsage.MAP_READ | BufferUsage.COPY_DST, 'webgrad readback', limits.maxBufferSize);
    this.arena = new UniformArena(device, limits.minUniformBufferOffsetAlignment);
    this.library = new ShaderLibrary(device);
    this.recorder = new Recorder(device, this.arena, (e) => this.fail(e), () => this.fuser?.materialiseLive());
    this.fuser = fusion
      ? new Fuser(
          { dispatchFused: (label, body, params, inputs, outputs, grid) => this.dispatchFused(label, body, params, inputs, outputs, grid), recycle: (s) => this.storage.release(s) },
          { bindings: limits.maxStorageBuffersPerShaderStage, values: 64, paramWords: PARAMS_BYTES / 4 },
        )
      : undefined;
    device.addEventListener('uncapturederror', (event) => {
      this.fail(new Error(`webgpu: uncaptured GPU error: ${(event as GPUUncapturedErrorEvent).error.message}`));
    });
    this.loss = new DeviceLoss(name, device, (error) => {
      this.errors.length = 0; // what a dead device reported is moot: every call now says it is lost
      this.events.dispatchEvent(Object.assign(new Event('devicelost'), { reason: error.reason, error }));
    });
  }

  /** Whether the device is still usable. */
  get available(): boolean {
    return !this.loss.lost;
  }

  /** Records a GPU error for the next read and tells listeners (not once the device is lost: that is the error). */
  fail(e: Error): void {
    if (this.loss.lost) return;
    this.errors.push(e);
    this.events.dispatchEvent(Object.assign(new Event('gpuerror'), { error: e }));
  }

  /** Throws a DeviceLostError naming `action` ('run matmul') if the device was lost. */
  ensureAlive(action: string): void {
    this.loss.check(action);
  }

  /** Throws the oldest error the GPU reported, if any. */
  throwPendingError(): void {
    const e = this.errors.shift();
    if (e) throw e;
  }

  /**
   * Storage of at least `bytes`, checked against the device's binding limit. `what` names it
   * in errors ('a float32 tensor of 4 elements').
   */
  alloc(bytes: number, what: string, forWrite = false): GpuStorage {
    this.ensureAlive(`${forWrite ? 'write' : 'allocate'} ${what}`);
    const limits = this.device.limits;
    const max = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
    if (bytes > max) {
      throw new Error(`${this.name}: ${what}: needs a buffer of ${bytes} bytes; this device binds at most ${max} bytes in one storage buffer (maxStorageBufferBindingSize ${limits.maxStorageBufferBindingSize}, maxBufferSize ${limits.maxBufferSize})`);
    }
    return this.storage.acquire(bytes, forWrite && this.recorder.hasPending ? this.recorder.epoch : undefined);
  }

  /** Computes `s` now if an elementwise op into it is still pending. */
  materialise(s: GpuStorage): void {
    this.fuser?.materialise(s);
  }

  /** The storage whose buffer holds `s`'s values (itself, or what a reshape aliases). */
  resolve(s: GpuStorage): GpuStorage {
    return s.alias ?? s;
  }

  /** Returns storage its tensor freed: to the pool, or to the fuser while pending ops read it. */
  release(s: GpuStorage): void {
    if (this.fuser) this.fuser.free(s);
    else this.storage.release(s);
  }

  /** Records one kernel dispatch (computing pending inputs first). */
  run(d: Dispatch): void {
    this.ensureAlive(`run ${d.op}`);
    const max = this.device.limits.maxComputeWorkgroupsPerDimension;
    if (d.grid.some((g) => g > max)) {
      throw new Error(`${d.op}: needs a grid of [${d.grid.join(', ')}] workgroups; this device allows at most ${max} along each axis`);
    }
    if (d.grid.some((g) => g === 0)) return;
    for (const s of d.inputs) this.materialise(s);
    this.recorder.begin();
    const pipeline = this.library.pipeline(d.shader, d.entry ?? 'main', d.constants ?? {}, d.inputs.length, d.op);
    this.record(pipeline, d.params, d.inputs.map((s) => this.resolve(s)), [d.output], d.grid);
  }

  private dispatchFused(label: string, body: string, params: Uint32Array, inputs: readonly GpuStorage[], outputs: readonly GpuStorage[], grid: readonly [number, number, number]): void {
    this.ensureAlive(`run ${label}`);
    this.recorder.begin();
    this.record(this.library.fusedPipeline(body, inputs.length, outputs.length, label), params, inputs, outputs, grid);
  }

  private record(pipeline: GPUComputePipeline, params: Uint32Array, inputs: readonly GpuStorage[], outputs: readonly GpuStorage[], grid: readonly [number, number, number]): void {
    const slot = this.arena.push(params);
    const buffers = [...inputs, ...outputs];
    const group = this.library.bindGroup(inputs.length, slot, buffers, outputs.length);
    for (const b of buffers) b.lastUse = this.recorder.epoch;
    this.recorder.dispatch(pipeline, group, slot.offset, grid);
  }

  /**
   * Copies `bytes` out of a storage buffer through a pooled staging buffer. On a lost device
   * it rejects with a DeviceLostError, also when the loss comes while it waits: a dead device's
   * map may never settle, reject with a bare AbortError, or (read back) hold zeros.
   */
  async download(src: GpuStorage, bytes: number): Promise<ArrayBuffer> {
    const action = 'read a tensor';
    this.ensureAlive(action);
    this.materialise(src);
    const from = this.resolve(src);
    const staging = this.staging.acquire(bytes);
    this.recorder.copy(from.buffer, staging.buffer, bytes);
    from.lastUse = this.recorder.epoch;
    try {
      await this.loss.race(this.recorder.flushSoon(), action);
      this.throwPendingError();
      await this.loss.race(staging.buffer.mapAsync(MAP_READ, 0, bytes), action);
      const copy = staging.buffer.getMappedRange(0, bytes).slice(0);
      staging.buffer.unmap();
      this.ensureAlive(action); // lost while mapping: the values are not the tensor's
      return copy;
    } catch (e) {
      this.ensureAlive(action);
      if (e instanceof DOMException) await this.loss.grace(LOST_GRACE_MS, action);
      throw e;
    } finally {
      if (!this.loss.lost && staging.buffer.mapState === 'unmapped') this.staging.release(staging);
    }
  }
}
