// `pnpm bench`: webgrad's wasm backend against TF.js wasm and jax-js wasm in Node, one thread
// each, plus webgrad on every core: matmul GFLOP/s, two MLP train steps and a conv layer
// (medians after warm-up), each result cross-checked against webgrad's. Prints a table and JSON.
// Options: --quick (fewer runs), --threads=N (webgrad's multi-thread row; default: cores),
// --json=FILE (also write the JSON there).
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fashionBatch, mlpLayers, uniform } from './data.js';
import { jax } from './frameworks/jax.js';
import { tfjs } from './frameworks/tfjs.js';
import { webgrad } from './frameworks/webgrad.js';
import { relativeError, timeInterleaved, type ConvSpec, type Framework, type Task } from './harness.js';
import { printTable, type Row } from './report.js';

const quick = process.argv.includes('--quick');
const jsonPath = process.argv.find((a) => a.startsWith('--json='))?.slice(7);
const threads = Number(process.argv.find((a) => a.startsWith('--threads='))?.slice(10) ?? availableParallelism());

interface Workload {
  name: string;
  /** Floating-point operations of one run, when GFLOP/s is the figure. */
  flops?: number;
  warmup: number;
  runs: number;
  /** Cross-check tolerance on relativeError. */
  tol: number;
  make(f: Framework): Task;
}

function workloads(): Workload[] {
  const batch = fashionBatch(100);
  const matmul = (n: number, runs: number): Workload => {
    const [a, b] = [uniform(n * n, 1, 1), uniform(n * n, 1, 2)];
    return { name: `matmul ${n}³`, flops: 2 * n ** 3, warmup: 3, runs, tol: 1e-4, make: (f) => f.matmul(n, a, b) };
  };
  const convSpec: ConvSpec = { x: uniform(32 * 16 * 28 * 28, 1, 3), xShape: [32, 16, 28, 28], w: uniform(32 * 16 * 9, 0.2, 4), wShape: [32, 16, 3, 3], g: uniform(32 * 32 * 28 * 28, 1, 5) };
  return [
    matmul(256, quick ? 10 : 40),
    matmul(1024, quick ? 3 : 20),
    { name: 'MLP 784-128-64-10 SGD step, batch 100', warmup: 3, runs: quick ? 10 : 40, tol: 1e-3, make: (f) => f.mlp({ layers: mlpLayers([784, 128, 64, 10], 10), batch, optimizer: 'sgd', lr: 0.1, initialAccumulator: 0 }) },
    { name: 'MLP 784-1000-800-10 Adagrad step, batch 100', warmup: 3, runs: quick ? 4 : 15, tol: 1e-3, make: (f) => f.mlp({ layers: mlpLayers([784, 1000, 800, 10], 20), batch, optimizer: 'adagrad', lr: 0.01, initialAccumulator: 0.1 }) },
    { name: 'conv 3x3 16→32 on 32x16x28x28, fwd', warmup: 2, runs: quick ? 3 : 10, tol: 1e-4, make: (f) => f.convForward(convSpec) },
    { name: 'conv 3x3 16→32 on 32x16x28x28, fwd+bwd', warmup: 2, runs: quick ? 3 : 10, tol: 1e-3, make: (f) => f.conv(convSpec) },
  ];
}

async function main(): Promise<void> {
  const wg = await webgrad(1);
  const frameworks: Framework[] = [wg, await tfjs(), await jax()];
  if (threads > 1) frameworks.push(await webgrad(threads));
  const rows: Row[] = [];
  for (const w of workloads()) {
    rows.push(await measure(w, frameworks, wg.backend));
    console.error(`done: ${w.name}`);
  }
  const report = {
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, date: new Date().toISOString(), loadAverage: loadavg().map((l) => Number(l.toFixed(2))) },
    frameworks: Object.fromEntries(frameworks.map((f) => [f.name, f.describe()])),
    rows,
  };
  printTable(report.machine, report.frameworks, rows);
  const json = JSON.stringify(report, null, 2);
  console.log(json);
  if (jsonPath) writeFileSync(jsonPath, json);
}

/** Sets one workload up on every framework (those that fail are reported), times them interleaved, cross-checks. */
async function measure(w: Workload, frameworks: Framework[], wgBackend: { stats(): { poolMisses: number } }): Promise<Row> {
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
    if (f.name === 'webgrad') row.poolMissesAfterWarmup = await countMisses(task, wgBackend);
    task.dispose();
  }
  return row;
}

/** webgrad pool misses over three more runs after the timed ones (0: the step allocates nothing new). */
async function countMisses(task: Task, backend: { stats(): { poolMisses: number } }): Promise<number> {
  const before = backend.stats().poolMisses;
  for (let i = 0; i < 3; i++) await task.run();
  return backend.stats().poolMisses - before;
}

await main();
