// `pnpm --filter @webgrad/backend-webgpu bench`: webgrad 'webgpu' against TF.js 'webgpu' and
// jax-js 'webgpu' in Node, in one run on one adapter (Dawn; SwiftShader here): matmul GFLOP/s,
// two MLP train steps (ms), each result cross-checked against webgrad's, plus webgrad's
// dispatches, submits and new buffers per step. Medians of interleaved runs after warm-up.
// Options: --quick (fewer runs), --json=FILE. Inputs are synthetic (uniform), not Fashion-MNIST.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { globals } from 'webgpu';
import { createWebGPUBackend } from '../src/backend.js';
import { nodeGPU } from '../src/node.js';
import { jaxContender, tfjsContender, webgradContender, type Contender, type MlpSpec, type Task } from './bench-peers.js';

const quick = process.argv.includes('--quick');
const jsonPath = process.argv.find((a) => a.startsWith('--json='))?.slice(7);

function uniform(n: number, scale: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 4294967296 - 0.5) * 2 * scale;
  });
}

function mlpSpec(sizes: number[], batch: number, optimizer: 'sgd' | 'adagrad', lr: number): MlpSpec {
  const weights = sizes.slice(1).map((out, i) => uniform(sizes[i]! * out, Math.sqrt(6 / (sizes[i]! + out)), i + 3));
  const onehot = Float32Array.from({ length: batch * 10 }, (_, i) => (i % 10 === (Math.floor(i / 10) * 7) % 10 ? 1 : 0));
  return { sizes, weights, x: uniform(batch * sizes[0]!, 1, 99), onehot, batch, optimizer, lr };
}

interface Workload { name: string; flops?: number; warmup: number; runs: number; make(c: Contender): Task }

function workloads(): Workload[] {
  const mm = (n: number, runs: number): Workload => {
    const [a, b] = [uniform(n * n, 1, 1), uniform(n * n, 1, 2)];
    return { name: `matmul ${n}³`, flops: 2 * n ** 3, warmup: 2, runs, make: (c) => c.matmul(n, a, b) };
  };
  const small = mlpSpec([784, 128, 64, 10], 100, 'sgd', 0.1);
  const big = mlpSpec([784, 1000, 800, 10], 100, 'adagrad', 0.01);
  return [
    mm(256, quick ? 5 : 15),
    mm(512, quick ? 3 : 8),
    { name: 'MLP 784-128-64-10 SGD step, batch 100', warmup: 3, runs: quick ? 5 : 15, make: (c) => c.mlp(small) },
    { name: 'MLP 784-1000-800-10 Adagrad step, batch 100', warmup: 2, runs: quick ? 2 : 5, make: (c) => c.mlp(big) },
  ];
}

async function measure(w: Workload, contenders: Contender[]): Promise<Record<string, { ms?: number; gflops?: number; maxRelDiff?: number; failed?: string }>> {
  const tasks: { c: Contender; task: Task; times: number[] }[] = [];
  const out: Record<string, { ms?: number; gflops?: number; maxRelDiff?: number; failed?: string }> = {};
  for (const c of contenders) {
    try {
      const task = w.make(c);
      for (let i = 0; i < w.warmup; i++) await task.run();
      tasks.push({ c, task, times: [] });
    } catch (e) {
      out[c.name] = { failed: (e as Error).message.split('\n')[0]! };
    }
  }
  for (let r = 0; r < w.runs; r++) {
    for (const t of tasks) {
      const t0 = performance.now();
      await t.task.run();
      t.times.push(performance.now() - t0);
    }
  }
  const reference = tasks[0] ? await tasks[0].task.check() : [];
  for (const t of tasks) {
    const ms = t.times.sort((p, q) => p - q)[Math.floor(t.times.length / 2)]!;
    const values = await t.task.check();
    const maxRelDiff = Math.max(0, ...values.map((v, i) => Math.abs(v - reference[i]!) / Math.max(1e-6, Math.abs(reference[i]!))));
    out[t.c.name] = { ms: Number(ms.toFixed(2)), ...(w.flops ? { gflops: Number((w.flops / ms / 1e6).toFixed(3)) } : {}), maxRelDiff: Number(maxRelDiff.toExponential(2)) };
  }
  return out;
}

async function peers(): Promise<Contender[]> {
  // TF.js and jax-js look for navigator.gpu and the GPUBufferUsage-style globals a browser has.
  Object.assign(globalThis, globals);
  Object.defineProperty(globalThis, 'navigator', { value: { gpu: await nodeGPU(), userAgent: 'node' }, configurable: true });
  const list: Contender[] = [];
  for (const start of [tfjsContender, jaxContender]) {
    try {
      list.push(await start());
    } catch (e) {
      console.error(`peer did not start: ${(e as Error).message}`);
    }
  }
  return list;
}

const be = await createWebGPUBackend({ gpu: await nodeGPU() });
const contenders = [webgradContender(be), ...(await peers())];
const rows: Record<string, unknown> = {};
for (const w of workloads()) {
  rows[w.name] = await measure(w, contenders);
  console.error(`done: ${w.name}`);
}
const before = be.stats();
await contenders[0]!.mlp(mlpSpec([784, 128, 64, 10], 100, 'sgd', 0.1)).run();
const after = be.stats();
const report = {
  adapter: be.adapterName, node: process.version, date: new Date().toISOString(), loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
  rows,
  webgradFirstMlpStep: { dispatches: after.dispatches - before.dispatches, submits: after.submits - before.submits },
  webgradPool: { poolHits: after.poolHits, poolMisses: after.poolMisses, buffersCreated: after.buffersCreated },
};
console.log(JSON.stringify(report, null, 2));
if (jsonPath) writeFileSync(jsonPath, JSON.stringify(report, null, 2));
process.exit(0);
