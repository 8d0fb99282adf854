// The benchmark's workloads and how one is measured across frameworks; shared by the Node run
// (main.ts) and the page run in Chromium (browser.ts).
import { mlpLayers, uniform, type Batch } from './data.js';
import { relativeError, timeInterleaved, type ConvSpec, type Framework, type Task } from './harness.js';
import type { Row } from './report.js';

/** One workload: how to set it up on a framework, how often to run it, how closely results must agree. */
export interface Workload {
  name: string;
  /** Floating-point operations of one run, when GFLOP/s is the figure. */
  flops?: number;
  warmup: number;
  runs: number;
  /** Cross-check tolerance on relativeError. */
  tol: number;
  make(f: Framework): Task;
}

/** The workloads, on `batch` for the MLPs; `quick` runs each fewer times. */
export function workloads(batch: Batch, quick: boolean): Workload[] {
  const matmul = (n: number, runs: number): Workload => {
    const [a, b] = [uniform(n * n, 1, 1), uniform(n * n, 1, 2)];
    return { name: `matmul ${n}³`, flops: 2 * n ** 3, warmup: 5, runs, tol: 1e-4, make: (f) => f.matmul(n, a, b) };
  };
  const conv: ConvSpec = { x: uniform(32 * 16 * 28 * 28, 1, 3), xShape: [32, 16, 28, 28], w: uniform(32 * 16 * 9, 0.2, 4), wShape: [32, 16, 3, 3], g: uniform(32 * 32 * 28 * 28, 1, 5) };
  return [
    matmul(256, quick ? 10 : 40),
    matmul(1024, quick ? 3 : 20),
    { name: 'MLP 784-128-64-10 SGD step, batch 100', warmup: 3, runs: quick ? 10 : 40, tol: 1e-3, make: (f) => f.mlp({ layers: mlpLayers([784, 128, 64, 10], 10), batch, optimizer: 'sgd', lr: 0.1, initialAccumulator: 0 }) },
    { name: 'MLP 784-1000-800-10 Adagrad step, batch 100', warmup: 3, runs: quick ? 4 : 15, tol: 1e-3, make: (f) => f.mlp({ layers: mlpLayers([784, 1000, 800, 10], 20), batch, optimizer: 'adagrad', lr: 0.01, initialAccumulator: 0.1 }) },
    { name: 'conv 3x3 16→32 on 32x16x28x28, fwd', warmup: 2, runs: quick ? 3 : 10, tol: 1e-4, make: (f) => f.convForward(conv) },
    { name: 'conv 3x3 16→32 on 32x16x28x28, fwd+bwd', warmup: 2, runs: quick ? 3 : 10, tol: 1e-3, make: (f) => f.conv(conv) },
  ];
}

/**
 * The WebGPU workloads (Node's Dawn or Chromium; SwiftShader here, so no convolutions and few
 * runs): matmul 256³ and 512³ and both MLP steps at batch 100.
 */
export function webgpuWorkloads(batch: Batch, quick: boolean): Workload[] {
  const matmul = (n: number, runs: number): Workload => {
    const [a, b] = [uniform(n * n, 1, 1), uniform(n * n, 1, 2)];
    return { name: `matmul ${n}³`, flops: 2 * n ** 3, warmup: 2, runs, tol: 1e-4, make: (f) => f.matmul(n, a, b) };
  };
  return [
    matmul(256, quick ? 5 : 15),
    matmul(512, quick ? 3 : 8),
    { name: 'MLP 784-128-64-10 SGD step, batch 100', warmup: 3, runs: quick ? 5 : 15, tol: 1e-3, make: (f) => f.mlp({ layers: mlpLayers([784, 128, 64, 10], 10), batch, optimizer: 'sgd', lr: 0.1, initialAccumulator: 0 }) },
    { name: 'MLP 784-1000-800-10 Adagrad step, batch 100', warmup: 2, runs: quick ? 3 : 5, tol: 1e-3, make: (f) => f.mlp({ layers: mlpLayers([784, 1000, 800, 10], 20), batch, optimizer: 'adagrad', lr: 0.01, initialAccumulator: 0.1 }) },
  ];
}

/** Dispatches and submits of one more run of `task` (frameworks that count them). */
async function countWork(task: Task, f: Framework): Promise<{ dispatches: number; submits: number } | undefined> {
  if (!f.counters) return undefined;
  const before = f.counters();
  await task.run();
  const after = f.counters();
  return { dispatches: after.dispatches - before.dispatches, submits: after.submits - before.submits };
}

/** webgrad pool misses over three more runs after the timed ones (0: the step allocates nothing new). */
async function countMisses(task: Task, backend: { stats(): { poolMisses: number } }): Promise<number> {
  const before = backend.stats().poolMisses;
  for (let i = 0; i < 3; i++) await task.run();
  return backend.stats().poolMisses - before;
}

/**
 * Sets one workload up on every framework (one that fails is reported as failed), times them
 * interleaved and cross-checks each against the first (webgrad, whose pool misses `pool` counts).
 */
export async function measure(w: Workload, frameworks: readonly Framework[], pool: { stats(): { poolMisses: number } }): Promise<Row> {
  const row: Row = { workload: w.name, flops: w.flops, results: {} };
  const running: { f: Framework; task: Task }[] = [];
  for (const f of frameworks) {
    await f.activate?.();
    try {
      const task = w.make(f);
      await task.run();
      running.push({ f, task });
    } catch (e) {
      row.results[f.name] = { failed: (e as Error).message.split('\n')[0]! };
    }
  }
  const timings = await timeInterleaved(running.map(({ f, task }) => ({ activate: f.activate, task })), w.warmup, w.runs);
  let reference: Float32Array | undefined;
  for (const [i, { f, task }] of running.entries()) {
    await f.activate?.();
    const values = await task.check();
    reference ??= values;
    const error = relativeError(values, reference);
    row.results[f.name] = { ...timings[i]!, error, agrees: error <= w.tol };
    if (f === frameworks[0]) row.poolMissesAfterWarmup = await countMisses(task, pool);
    const work = await countWork(task, f);
    if (work) (row.perRun ??= {})[f.name] = work;
    task.dispose();
  }
  return row;
}
