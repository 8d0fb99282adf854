// Lazy elementwise ops: a kernel attaches its op to the output storage (defer) and returns;
// whatever consumes that storage (another kernel's dispatch, a read, a submit) calls
// materialise, which plans the pending tree, generates one shader and dispatches it. Storages
// are reference counted, so one freed while a pending op still reads it stays out of the pool
// until that op is computed or dropped; a pending storage nobody holds is never computed.
import type { GpuStorage } from '../pool.js';
import { grid1d, MAX_AXES } from '../kernels/params.js';
import { broadcastStrides, coalesce } from '../kernels/strides.js';
import { FUSED_WG, generate } from './codegen.js';
import type { FusedOp, Operand } from './expr.js';
import { plan, type FusionLimits, type Program } from './plan.js';

/** Longest chain of pending ops before the deepest operand is computed (bounds recursion and shader size). */
export const MAX_DEPTH = 24;

/** What the fuser needs from the context. */
export interface FuserHost {
  /** Records one dispatch of a generated shader body. */
  dispatchFused(label: string, body: string, params: Uint32Array, inputs: readonly GpuStorage[], outputs: readonly GpuStorage[], grid: readonly [number, number, number]): void;
  /** Returns a storage's buffer to the pool. */
  recycle(s: GpuStorage): void;
}

/** Counters of fused work. */
export interface FusionCounters {
  /** Elementwise ops deferred. */
  deferred: number;
  /** Fused kernels dispatched. */
  kernels: number;
  /** Pending ops freed before anything needed them (never computed). */
  dropped: number;
}

/** Defers elementwise ops and compiles pending trees into single kernels. */
export class Fuser {
  readonly counters: FusionCounters = { deferred: 0, kernels: 0, dropped: 0 };
  /** Pending storages in the order they were deferred. */
  private readonly pending = new Set<GpuStorage>();

  constructor(private readonly host: FuserHost, readonly limits: FusionLimits) {}

  /** Records `op` into `out` without computing it; operands are held until it is computed or dropped. */
  defer(out: GpuStorage, name: string, op: FusedOp, shape: readonly number[], inputs: readonly Operand[]): void {
    // The same limit, and message, as the unfused kernels: fail at the op, not at a later read.
    const axes = coalesce(shape, inputs.map((x) => broadcastStrides(x.shape, shape))).shape.length;
    if (axes > MAX_AXES) throw new Error(`${name}: the webgpu kernels index at most ${MAX_AXES} axes after merging contiguous ones, this needs ${axes}`);
    // Past the depth limit, compute the deepest operand first: chains then never grow unbounded.
    for (const x of inputs) if ((x.storage.pending?.depth ?? 0) >= MAX_DEPTH) this.materialise(x.storage);
    const depth = 1 + Math.max(0, ...inputs.map((x) => x.storage.pending?.depth ?? 0));
    for (const x of inputs) x.storage.refs++;
    out.pending = { op, name, shape, inputs, depth };
    this.pending.add(out);
    this.counters.deferred++;
  }

  /** Computes `s` if it is pending (with the pending ops it reads, in as few kernels as the limits allow). */
  materialise(s: GpuStorage): void {
    while (s.pending) {
      const p = plan(s, this.limits);
      if ('cut' in p) this.materialise(p.cut);
      else this.dispatch(p.program);
    }
  }

  /** Computes every pending storage a tensor still holds, newest first so older ones fuse into it. */
  materialiseLive(): void {
    for (const s of [...this.pending].reverse()) if (s.live && s.pending) this.materialise(s);
  }

  /**
   * Makes `view` read `target`'s buffer (a reshape: same elements, same order). `target` must
   * be computed; it is held until `view` is freed.
   */
  alias(view: GpuStorage, target: GpuStorage): void {
    const real = target.alias ?? target;
    real.refs++;
    view.alias = real;
  }

  /** The tensor owning `s` freed it. */
  free(s: GpuStorage): void {
    s.live = false;
    this.unref(s);
  }

  /** Number of storages pending now. */
  get size(): number {
    return this.pending.size;
  }

  private unref(s: GpuStorage): void {
    if (--s.refs > 0) return;
    if (s.pending) {
      this.settle(s);
      this.counters.dropped++;
    }
    if (s.alias) {
      this.unref(s.alias);
      s.alias = undefined;
    }
    this.host.recycle(s);
  }

  /** Marks `s` computed (or dropped) and lets go of its operands. */
  private settle(s: GpuStorage): void {
    const p = s.pending;
    if (!p) return;
    s.pending = undefined;
    this.pending.delete(s);
    for (const x of p.inputs) this.unref(x.storage);
  }

  private dispatch(program: Program): void {
    const { body, params } = generate(program);
    const label = `fused ${program.names.join(' ')}`;
    const outputs = program.outputs.map((o) => o.storage);
    this.host.dispatchFused(label, body, params, program.inputs, outputs, grid1d(program.size, FUSED_WG));
    this.counters.kernels++;
    for (const o of outputs) this.settle(o);
  }
}
