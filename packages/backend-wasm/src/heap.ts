// The running kernel module: its exports (typed), its linear memory and the pool over it, a
// small parameter block for shapes and strides, and scratch space. Typed-array views are made
// fresh on each use because growing the memory replaces its ArrayBuffer.
import type { DType, TypedArray } from '@webgrad/tensor';
import { EPI_NONE, F32, I32, JOB_BINARY_F32, JOB_GEMM, JOB_UNARY_F32, U8 } from './op-codes.js';
import { Pool } from './pool.js';
import type { ThreadPool } from './threads.js';
import type { WasmMemory } from './wasm-types.js';

type Ptr = number;

/** The functions the kernel module exports (see assembly/index.ts). */
export interface KernelExports {
  heapBase(): Ptr;
  relaxedSimd(): number;
  unaryF32(op: number, x: Ptr, out: Ptr, n: number): void;
  unaryI32(op: number, x: Ptr, out: Ptr, n: number): void;
  logicalNot(x: Ptr, out: Ptr, n: number): void;
  cast(from: number, to: number, x: Ptr, out: Ptr, n: number): void;
  binaryF32(op: number, a: Ptr, b: Ptr, out: Ptr, rank: number, params: Ptr): void;
  binaryF32Flat(op: number, a: Ptr, sa: number, b: Ptr, sb: number, out: Ptr, n: number): void;
  binaryI32(op: number, a: Ptr, b: Ptr, out: Ptr, rank: number, params: Ptr): void;
  binaryU8(op: number, a: Ptr, b: Ptr, out: Ptr, rank: number, params: Ptr): void;
  where(elem: number, cond: Ptr, a: Ptr, b: Ptr, out: Ptr, rank: number, params: Ptr): void;
  reduceF32(op: number, x: Ptr, out: Ptr, outer: number, r: number, inner: number): void;
  reduceI32(op: number, x: Ptr, out: Ptr, outer: number, r: number, inner: number): void;
  argReduceKernel(isMax: number, float: number, x: Ptr, out: Ptr, outer: number, r: number, inner: number): void;
  copyStrided(elem: number, src: Ptr, dst: Ptr, rank: number, params: Ptr): void;
  fill32(dst: Ptr, n: number, bits: number): void;
  gather(elem: number, x: Ptr, idx: Ptr, out: Ptr, outer: number, extent: number, count: number, inner: number): number;
  scatterAdd(float: number, idx: Ptr, upd: Ptr, out: Ptr, outer: number, size: number, count: number, inner: number): number;
  gemm(m: number, n: number, k: number, a: Ptr, rsa: number, csa: number, b: Ptr, rsb: number, csb: number, c: Ptr, ldc: number, accumulate: number, pa: Ptr, pb: Ptr, bias: Ptr, epi: number): void;
  softmaxRows(log: number, x: Ptr, out: Ptr, rows: number, n: number): void;
  softmaxColumns(log: number, x: Ptr, out: Ptr, outer: number, r: number, inner: number): void;
  gemmPackABytes(): number;
  gemmPackBBytes(): number;
  im2col(x: Ptr, col: Ptr, params: Ptr): void;
  col2im(col: Ptr, dx: Ptr, params: Ptr): void;
  maxPool2d(x: Ptr, out: Ptr, params: Ptr): void;
  maxPool2dGrad(x: Ptr, dy: Ptr, dx: Ptr, params: Ptr): void;
  avgPool2d(x: Ptr, out: Ptr, params: Ptr): void;
  avgPool2dGrad(dy: Ptr, dx: Ptr, params: Ptr): void;
}

const PAGE = 65536;
const PARAM_INTS = 1024;
/** Below this many flops a gemm runs on one thread: waking helpers would cost more than it saves. */
const PARALLEL_FLOPS = 1 << 21;
/** Below this many elements an elementwise op runs on one thread (it is bound by memory bandwidth). */
const PARALLEL_ELEMENTS = 1 << 16;
/** A gemm epilogue: C = act(A·B + bias) with `code` one of op-codes' EPI_*, bias n floats. */
export interface Epilogue {
  readonly code: number;
  readonly bias: Ptr;
}

/** gemm's register tile, by which shares are rounded. */
const [MR, NR] = [4, 8];

/** The kernel code of a dtype. */
export function dtypeCode(dtype: DType): number {
  return dtype === 'float32' ? F32 : dtype === 'int32' ? I32 : U8;
}

/** Bytes per element of a dtype. */
export function elemBytes(dtype: DType): number {
  return dtype === 'bool' ? 1 : 4;
}

/** The module instance with its memory, pool, parameter block and gemm packing buffers. */
export class Heap {
  readonly pool: Pool;
  /** Offset of the parameter block (PARAM_INTS int32 slots). */
  readonly params: Ptr;
  /** Offsets of gemm's packing buffers. */
  readonly packA: Ptr;
  readonly packB: Ptr;

  constructor(readonly k: KernelExports, readonly memory: WasmMemory, readonly maxBytes: number) {
    this.pool = new Pool(k.heapBase(), memory.buffer.byteLength, (end) => this.grow(end), () => `can grow to at most ${maxBytes} bytes`);
    this.params = this.pool.alloc(PARAM_INTS * 4);
    this.packA = this.pool.alloc(k.gemmPackABytes());
    this.packB = this.pool.alloc(k.gemmPackBBytes());
  }

  /** Grows the memory to at least `end` bytes (by half again at least, to grow rarely); the new size or -1. */
  private grow(end: number): number {
    const current = this.memory.buffer.byteLength;
    if (end > this.maxBytes) return -1;
    const target = Math.min(this.maxBytes, Math.max(end, current + current / 2));
    try {
      this.memory.grow(Math.ceil((target - current) / PAGE));
    } catch {
      try {
        this.memory.grow(Math.ceil((end - current) / PAGE));
      } catch {
        return -1;
      }
    }
    return this.memory.buffer.byteLength;
  }

  /** A view of `size` elements of `dtype` at `ptr`. */
  view(dtype: DType, ptr: Ptr, size: number): TypedArray {
    const buffer = this.memory.buffer;
    if (dtype === 'float32') return new Float32Array(buffer, ptr, size);
    if (dtype === 'int32') return new Int32Array(buffer, ptr, size);
    return new Uint8Array(buffer, ptr, size);
  }

  private paramView?: Int32Array;

  /** Writes int32 parameters (shapes, strides) into the parameter block; returns its offset. */
  setParams(...lists: readonly (readonly number[])[]): Ptr {
    // The view is remade only when growing the memory has replaced its buffer.
    if (this.paramView?.buffer !== this.memory.buffer) this.paramView = new Int32Array(this.memory.buffer, this.params, PARAM_INTS);
    const view = this.paramView;
    let at = 0;
    for (const list of lists) {
      if (at + list.length > PARAM_INTS) throw new Error(`wasm: ${at + list.length} kernel parameters exceed the block of ${PARAM_INTS}`);
      view.set(list, at);
      at += list.length;
    }
    return this.params;
  }

  /** Sets `size` elements of `dtype` at `ptr` to `value` as the reference backend would store it. */
  fill(dtype: DType, ptr: Ptr, size: number, value: number): void {
    if (size === 0) return;
    if (dtype === 'bool') {
      new Uint8Array(this.memory.buffer, ptr, size).fill(value);
      return;
    }
    const cell = dtype === 'float32' ? new Float32Array([value]) : new Int32Array([value]);
    this.k.fill32(ptr, size, new Int32Array(cell.buffer)[0]!);
  }

  /** Copies `bytes` bytes within the memory. */
  copy(dst: Ptr, src: Ptr, bytes: number): void {
    if (bytes > 0) new Uint8Array(this.memory.buffer).copyWithin(dst, src, src + bytes);
  }

  /** Helper threads for gemm, when the backend was started with more than one. */
  threads?: ThreadPool;

  /**
   * C[m, n] (row pitch ldc) = A·B, or += when `accumulate`, with A's element (i, p) at
   * a + 4 (i rsa + p csa) and B's (p, j) at b + 4 (p rsb + j csb): see assembly/gemm.ts. Large
   * products are split by columns (or rows, when narrow) across the thread pool; an epilogue
   * (bias and activation) is applied by each thread to its own share as it stores it.
   */
  gemm(m: number, n: number, k: number, a: Ptr, rsa: number, csa: number, b: Ptr, rsb: number, csb: number, c: Ptr, ldc: number, accumulate: boolean, epilogue?: Epilogue): void {
    const pool = this.threads;
    const acc = accumulate ? 1 : 0;
    const [bias, epi] = epilogue ? [epilogue.bias, epilogue.code] : [0, EPI_NONE];
    const threads = pool?.size ?? 1;
    const byColumns = n >= 16 * threads;
    if (!pool || 2 * m * n * k < PARALLEL_FLOPS || (!byColumns && m < 8 * threads)) {
      this.k.gemm(m, n, k, a, rsa, csa, b, rsb, csb, c, ldc, acc, this.packA, this.packB, bias, epi);
      return;
    }
    const [extent, unit] = byColumns ? [n, NR] : [m, MR];
    const chunk = Math.ceil(extent / threads / unit) * unit;
    const share = (t: number, pa: Ptr, pb: Ptr): number[] => {
      const [from, size] = [t * chunk, Math.min(chunk, extent - t * chunk)];
      return byColumns
        ? [m, size, k, a, rsa, csa, b + from * csb * 4, rsb, csb, c + from * 4, ldc, acc, pa, pb, bias + from * 4, epi]
        : [size, n, k, a + from * rsa * 4, rsa, csa, b, rsb, csb, c + from * ldc * 4, ldc, acc, pa, pb, bias, epi];
    };
    const helpers: number[] = [];
    for (let t = 1; t < threads && t * chunk < extent; t++) {
      pool.launch(t - 1, [JOB_GEMM, ...share(t, ...pool.buffers[t - 1]!)]);
      helpers.push(t - 1);
    }
    try {
      (this.k.gemm as (...args: number[]) => void)(...share(0, this.packA, this.packB));
    } finally {
      helpers.forEach((i) => pool.join(i));
    }
  }

  /** out[i] = op(x[i]) over n float32 values, split across the threads when large. */
  unaryF32(op: number, x: Ptr, out: Ptr, n: number): void {
    this.splitElements(n, (from, count) => [JOB_UNARY_F32, op, x + 4 * from, out + 4 * from, count]);
  }

  /** out[i] = a[i·sa] op b[i·sb] (strides 0 or 1, arithmetic ops), split across the threads when large. */
  binaryF32Flat(op: number, a: Ptr, sa: number, b: Ptr, sb: number, out: Ptr, n: number): void {
    this.splitElements(n, (from, count) => [JOB_BINARY_F32, op, a + 4 * sa * from, sa, b + 4 * sb * from, sb, out + 4 * from, count]);
  }

  /** Runs `job(from, count)` over [0, n): one contiguous share per thread when n is large, else all here. */
  private splitElements(n: number, job: (from: number, count: number) => number[]): void {
    const pool = this.threads;
    if (!pool || n < PARALLEL_ELEMENTS) return this.runJob(job(0, n));
    // Shares in whole 64-byte lines, so that no two threads write the same cache line.
    const chunk = Math.ceil(n / pool.size / 16) * 16;
    const helpers: number[] = [];
    for (let t = 1; t < pool.size && t * chunk < n; t++) {
      pool.launch(t - 1, job(t * chunk, Math.min(chunk, n - t * chunk)));
      helpers.push(t - 1);
    }
    try {
      this.runJob(job(0, Math.min(chunk, n)));
    } finally {
      helpers.forEach((i) => pool.join(i));
    }
  }

  /** Runs an elementwise job on this thread, as a helper would (worker/gemm-worker.js). */
  private runJob([code, ...args]: number[]): void {
    if (code === JOB_UNARY_F32) this.k.unaryF32(args[0]!, args[1]!, args[2]!, args[3]!);
    else this.k.binaryF32Flat(args[0]!, args[1]!, args[2]!, args[3]!, args[4]!, args[5]!, args[6]!);
  }

  /** Runs `fn` with a scratch block of `bytes` bytes from the pool, freed afterwards. */
  withScratch<T>(bytes: number, fn: (ptr: Ptr) => T): T {
    const ptr = this.pool.alloc(bytes);
    try {
      return fn(ptr);
    } finally {
      this.pool.free(ptr, bytes);
    }
  }
}
