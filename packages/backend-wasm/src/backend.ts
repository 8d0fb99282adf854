// createWasmBackend: instantiates the kernel module over a fresh linear memory and wraps it in
// the Backend interface. Storage is a byte offset into that memory, handed out by the pool;
// values cross between JavaScript and wasm only in write and read.
import type { Backend, DType, TypedArray } from '@webgrad/tensor';
import { elemBytes, Heap, type KernelExports } from './heap.js';
import { createKernels } from './kernels/index.js';
import { hasRelaxedSimd, hasSimd, loadKernelModule, type WasmSource } from './loader.js';
import type { PoolStats } from './pool.js';
import { canUseThreads, coreCount, ThreadPool } from './threads.js';

const PAGE = 65536;
const MAX_PAGES = 65536;

/** Options of {@link createWasmBackend}. */
export interface WasmBackendOptions {
  /** Registered name; 'wasm' by default. */
  name?: string;
  /** The most linear memory the backend may grow to, in bytes (default and ceiling 4 GiB). */
  maxMemoryBytes?: number;
  /** Memory to start with, in bytes (default 16 MiB). */
  initialMemoryBytes?: number;
  /** Use relaxed SIMD's fused multiply-add: 'auto' (default) probes the runtime. */
  relaxedSimd?: boolean | 'auto';
  /**
   * Threads for matmul and convolution: 'auto' (default) is the number of cores where
   * SharedArrayBuffer is available (Node, cross-origin-isolated pages), else 1.
   */
  threads?: number | 'auto';
  /** Where to load the kernels from, when not the built dist/kernels*.wasm next to this package (must match `threads`: shared memory when above 1). */
  wasm?: WasmSource;
  /** Fill every new allocation with 0xFF bytes (NaN, -1), so kernels that skip an output show (for tests). */
  poison?: boolean;
}

/** Memory counters of the 'wasm' backend. */
export type WasmBackendStats = PoolStats;

/** The 'wasm' backend: storage is a byte offset into its linear memory. */
export interface WasmBackend extends Backend<number> {
  /** Memory counters: pool hits and misses, reserved, live and memory bytes. */
  stats(): WasmBackendStats;
  /** Whether the kernels use relaxed SIMD. */
  readonly relaxedSimd: boolean;
  /** Threads matmul and convolution run on (1: the calling thread only). */
  readonly threads: number;
  /** Stops the helper threads; the backend keeps working on one. */
  dispose(): void;
  /** The module instance, memory and pool (for tools and tests). */
  readonly heap: Heap;
}

function pagesFor(bytes: number): number {
  return Math.min(MAX_PAGES, Math.max(1, Math.ceil(bytes / PAGE)));
}

/** Starts a 'wasm' backend: compiles the kernels (relaxed SIMD where the runtime has it) into a fresh memory. */
export async function createWasmBackend(options: WasmBackendOptions = {}): Promise<WasmBackend> {
  const { name = 'wasm', poison = false } = options;
  if (!hasSimd()) throw new Error('wasm: this runtime does not validate WebAssembly SIMD (128-bit); use the js backend');
  const relaxed = options.relaxedSimd === 'auto' || options.relaxedSimd === undefined ? hasRelaxedSimd() : options.relaxedSimd;
  const threads = await threadCount(options.threads ?? 'auto');
  const maxPages = pagesFor(options.maxMemoryBytes ?? MAX_PAGES * PAGE);
  const initial = Math.min(maxPages, pagesFor(options.initialMemoryBytes ?? 16 << 20));
  const memory = new WebAssembly.Memory({ initial, maximum: maxPages, shared: threads > 1 });
  const module = await loadKernelModule(relaxed, threads > 1, options.wasm);
  const instance = await WebAssembly.instantiate(module, { env: { memory, abort: abortHandler } });
  const heap = new Heap(instance.exports as unknown as KernelExports, memory, maxPages * PAGE);
  if (threads > 1) {
    const alloc = (bytes: number): number => heap.pool.alloc(bytes);
    heap.threads = await ThreadPool.start(threads, module, { memory, alloc, packABytes: heap.k.gemmPackABytes(), packBBytes: heap.k.gemmPackBBytes() });
  }
  return wrap(name, heap, relaxed, poison);
}

async function threadCount(requested: number | 'auto'): Promise<number> {
  if (requested === 'auto') return canUseThreads() ? await coreCount() : 1;
  if (!Number.isInteger(requested) || requested < 1) throw new Error(`createWasmBackend: threads must be 'auto' or a positive integer, got ${requested}`);
  if (requested > 1 && !canUseThreads()) {
    throw new Error(`createWasmBackend: ${requested} threads need SharedArrayBuffer (Node, or a page served cross-origin isolated with COOP/COEP headers); this runtime has none`);
  }
  return requested;
}

function abortHandler(): never {
  throw new Error('wasm: a kernel aborted');
}

function wrap(name: string, heap: Heap, relaxedSimd: boolean, poison: boolean): WasmBackend {
  const kernels = createKernels(heap);
  const alloc = (dtype: DType, size: number): number => {
    const bytes = size * elemBytes(dtype);
    const ptr = heap.pool.alloc(bytes);
    if (poison && bytes > 0) new Uint8Array(heap.memory.buffer, ptr, bytes).fill(0xff);
    return ptr;
  };
  return {
    name,
    kernels,
    relaxedSimd,
    threads: heap.threads?.size ?? 1,
    dispose() {
      heap.threads?.dispose();
      heap.threads = undefined;
      (this as { threads: number }).threads = 1;
    },
    heap,
    alloc,
    write(values: TypedArray, dtype: DType) {
      const ptr = alloc(dtype, values.length);
      heap.view(dtype, ptr, values.length).set(values);
      return ptr;
    },
    read: (storage, dtype, size) => Promise.resolve(heap.view(dtype, storage, size).slice()),
    readSync: (storage, dtype, size) => heap.view(dtype, storage, size).slice(),
    free: (storage, dtype, size) => heap.pool.free(storage, size * elemBytes(dtype)),
    stats: () => heap.pool.stats(),
  };
}
