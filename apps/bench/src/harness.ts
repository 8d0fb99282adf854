// What a framework implements for the benchmark (one Task per workload), and the timer: medians
// of individually timed runs after warm-up, each run synchronised (results computed, not queued),
// the frameworks' runs interleaved.
import type { Batch, Layer } from './data.js';

/** One workload set up on one framework. */
export interface Task {
  /** Runs once; resolves when the results are computed. */
  run(): void | Promise<void>;
  /** Values to cross-check against the other frameworks, after the timed runs. */
  check(): Promise<Float32Array>;
  /** Frees what setup made. */
  dispose(): void;
}

/** A train step of an MLP with softmax cross-entropy (mean over the batch). */
export interface MlpSpec {
  layers: Layer[];
  batch: Batch;
  optimizer: 'sgd' | 'adagrad';
  lr: number;
  /** Adagrad's starting accumulator (TF.js's default 0.1); epsilon is 1e-7 inside the square root. */
  initialAccumulator: number;
}

/** A 3x3 'same' convolution forward and backward: loss = sum(conv(x, w) * g), gradients for x and w. */
export interface ConvSpec {
  x: Float32Array;
  /** [N, C, H, W] */
  xShape: [number, number, number, number];
  w: Float32Array;
  /** [O, C, KH, KW] */
  wShape: [number, number, number, number];
  /** The loss weights, shaped like the output [N, O, H, W]. */
  g: Float32Array;
}

/** A framework under test. */
export interface Framework {
  name: string;
  /** Makes this framework current before its tasks are set up (webgrad: switches backend). */
  activate?(): Promise<void>;
  /** How it ran: backend, threads, SIMD flavour. */
  describe(): string;
  /** A device backend's work counters (webgrad webgpu): the report gives them per run. */
  counters?(): { dispatches: number; submits: number };
  matmul(n: number, a: Float32Array, b: Float32Array): Task;
  mlp(spec: MlpSpec): Task;
  /** Forward and backward (gradients for x and w). */
  conv(spec: ConvSpec): Task;
  /** Forward only. */
  convForward(spec: ConvSpec): Task;
}

/** Timings of one task, in milliseconds. */
export interface Timing {
  median: number;
  min: number;
  runs: number;
}

/** A task of one framework in an interleaved timing. */
export interface Contender {
  /** Makes the framework current before each of its runs. */
  activate?(): Promise<void>;
  task: Task;
}

/**
 * Warms every task up, then times them interleaved (one run of each in turn, `runs` rounds) so
 * that background load on a shared machine falls on all of them alike; median and minimum.
 */
export async function timeInterleaved(contenders: readonly Contender[], warmup: number, runs: number): Promise<Timing[]> {
  for (const c of contenders) {
    await c.activate?.();
    for (let i = 0; i < warmup; i++) await c.task.run();
  }
  const times = contenders.map((): number[] => []);
  for (let r = 0; r < runs; r++) {
    for (const [i, c] of contenders.entries()) {
      await c.activate?.();
      const t0 = performance.now();
      await c.task.run();
      times[i]!.push(performance.now() - t0);
    }
  }
  return times.map((list) => {
    list.sort((a, b) => a - b);
    const mid = list.length >> 1;
    const median = list.length % 2 ? list[mid]! : (list[mid - 1]! + list[mid]!) / 2;
    return { median, min: list[0]!, runs };
  });
}

/** Largest |a - b| / (1 + |b|) over two result arrays (Infinity when their lengths differ). */
export function relativeError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i]! - b[i]!) / (1 + Math.abs(b[i]!));
    if (!(e <= worst)) worst = e;
  }
  return worst;
}
