// The worker pool that splits gemms and large elementwise ops across threads when SharedArrayBuffer is available (Node's
// worker_threads, or a cross-origin-isolated page). Each worker runs worker/gemm-worker.js over
// the same shared memory; jobs go through a control block in that memory (Atomics, no
// messages), and the calling thread takes the first share itself.
import type { WasmMemory, WasmModule } from './wasm-types.js';

const RUN = 1;
const DONE = 2;
const EXIT = 3;
// A slot: the state word, the job code, then its arguments (gemm has 16; room for 30).
const SLOT_BYTES = 128;
const SLOT_INTS = SLOT_BYTES / 4;
const JOIN_SPIN = 20000;

/** Whether this is Node (which has worker_threads, and no global Worker before Node 22). */
function isNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return !!proc?.versions?.node;
}

/** What a spawned worker offers, in Node or a browser. */
interface Port {
  post(message: unknown): void;
  ready: Promise<void>;
  terminate(): void;
}

/** Whether this runtime can share a wasm memory with workers. */
export function canUseThreads(): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return isNode() || (isolated === true && typeof Worker !== 'undefined');
}

/** The number of logical cores (navigator.hardwareConcurrency or Node's availableParallelism). */
export async function coreCount(): Promise<number> {
  if (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) return navigator.hardwareConcurrency;
  const osName = 'node:os';
  const os = (await import(/* @vite-ignore */ osName)) as { availableParallelism?: () => number; cpus(): unknown[] };
  return os.availableParallelism?.() ?? os.cpus().length;
}

async function spawn(): Promise<Port> {
  if (isNode() && typeof Worker === 'undefined') {
    const name = 'node:worker_threads';
    const { Worker: NodeWorker } = (await import(/* @vite-ignore */ name)) as { Worker: new (url: URL, options: { execArgv: string[] }) => NodeWorkerLike };
    // A worker inherits the parent's execArgv by default, and some flags refuse a file entry
    // point (`--input-type` with `node -e`) or reload a loader per thread (`--import tsx`).
    // gemm-worker.js is plain JavaScript with no imports, and V8 flags are process-wide anyway,
    // so it starts with none.
    const worker = new NodeWorker(new URL('../worker/gemm-worker.js', import.meta.url), { execArgv: [] });
    worker.unref();
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    return { post: (m) => worker.postMessage(m), ready, terminate: () => void worker.terminate() };
  }
  const worker = startBrowserWorker();
  const ready = new Promise<void>((resolve, reject) => {
    worker.onmessage = () => resolve();
    worker.onerror = (e) => reject(new Error(`wasm: a worker failed to start: ${e.message}`));
  });
  return { post: (m) => worker.postMessage(m), ready, terminate: () => worker.terminate() };
}

/**
 * The helper's module worker in a browser. This exact `new Worker(new URL(…))` form lets bundlers
 * (Vite, webpack) emit the worker as its own file; an inlined data: URL would have an opaque
 * origin, which cannot share the memory. Served from another origin (a CDN), the constructor
 * throws a SecurityError: a same-origin blob: module that imports the script starts it instead.
 */
function startBrowserWorker(): Worker {
  try {
    return new Worker(new URL('../worker/gemm-worker.js', import.meta.url), { type: 'module' });
  } catch (error) {
    const url = new URL('../worker/gemm-worker.js', import.meta.url);
    if (url.origin === globalThis.location?.origin) throw error;
    const trampoline = new Blob([`import ${JSON.stringify(url.href)};`], { type: 'text/javascript' });
    return new Worker(URL.createObjectURL(trampoline), { type: 'module' });
  }
}

interface NodeWorkerLike {
  unref(): void;
  once(event: string, fn: (value: unknown) => void): void;
  postMessage(message: unknown): void;
  terminate(): Promise<number>;
}

/** Memory the pool needs from the backend: control slots and per-thread packing buffers. */
export interface ThreadMemory {
  memory: WasmMemory;
  /** Allocates `bytes` in the shared memory; returns the offset. */
  alloc(bytes: number): number;
  packABytes: number;
  packBBytes: number;
}

/** Helper threads for gemm and large elementwise ops; thread 0 is the caller. */
export class ThreadPool {
  private constructor(
    private readonly ports: Port[],
    private readonly memory: WasmMemory,
    private readonly slots: number[],
    /** Packing buffers [packA, packB] of helper thread i + 1. */
    readonly buffers: [number, number][],
  ) {}

  /** Starts `count - 1` helper workers sharing `mem`'s memory (the caller is the first thread). */
  static async start(count: number, module: WasmModule, mem: ThreadMemory): Promise<ThreadPool> {
    const slots: number[] = [];
    const buffers: [number, number][] = [];
    const ports: Port[] = [];
    for (let i = 1; i < count; i++) {
      const slot = mem.alloc(SLOT_BYTES);
      new Int32Array(mem.memory.buffer, slot, SLOT_INTS).fill(0);
      slots.push(slot);
      buffers.push([mem.alloc(mem.packABytes), mem.alloc(mem.packBBytes)]);
      const port = await spawn();
      port.post({ module, memory: mem.memory, slot });
      ports.push(port);
    }
    await Promise.all(ports.map((p) => p.ready));
    return new ThreadPool(ports, mem.memory, slots, buffers);
  }

  /** Threads in all, the caller included. */
  get size(): number {
    return this.ports.length + 1;
  }

  /** Starts helper `i` (0-based) on a job: its code (op-codes' JOB_*), then its arguments. */
  launch(i: number, job: readonly number[]): void {
    const view = new Int32Array(this.memory.buffer, this.slots[i]!, SLOT_INTS);
    view.set(job, 1);
    Atomics.store(view, 0, RUN);
    Atomics.notify(view, 0);
  }

  private canBlock = true;

  /** Waits until helper `i` has finished its job (spinning where the thread may not block). */
  join(i: number): void {
    const view = new Int32Array(this.memory.buffer, this.slots[i]!, SLOT_INTS);
    // The helper usually finishes within moments of the caller's own share: poll before sleeping.
    for (let spin = 0; spin < JOIN_SPIN && Atomics.load(view, 0) === RUN; spin++);
    while (Atomics.load(view, 0) === RUN) {
      if (!this.canBlock) continue;
      try {
        Atomics.wait(view, 0, RUN, 100);
      } catch {
        // A browser's main thread may not block: spin from now on.
        this.canBlock = false;
      }
    }
    if (Atomics.load(view, 0) !== DONE) throw new Error(`wasm: thread ${i + 1} did not finish its job (state ${Atomics.load(view, 0)})`);
    Atomics.store(view, 0, 0);
  }

  /** Stops the helpers. */
  dispose(): void {
    this.slots.forEach((slot) => {
      const view = new Int32Array(this.memory.buffer, slot, SLOT_INTS);
      Atomics.store(view, 0, EXIT);
      Atomics.notify(view, 0);
    });
    this.ports.forEach((p) => p.terminate());
  }
}
