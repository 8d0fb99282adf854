// What a framework implements for the benchmark (one Task per workload), and the timer: medians
// of individually timed runs after warm-up, each run synchronised (results computed, not queued).
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

/** Runs `warmup` untimed then `runs` timed iterations; the median and minimum. */
export async function time(task: Task, warmup: number, runs: number): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await task.run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await task.run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const median = times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
  return { median, min: times[0]!, runs };
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
