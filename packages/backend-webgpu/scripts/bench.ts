// Measures the 'webgpu' backend in Node on whatever adapter Dawn finds (SwiftShader here):
// matmul GFLOP/s, MLP train steps in ms, and dispatches / submits / new buffers per step.
// Usage: pnpm --filter @webgrad/backend-webgpu bench [--quick] [--json=FILE]
import { writeFileSync } from 'node:fs';
import { valueAndGrad } from '@webgrad/autograd';
import { fromValues, registerBackend, scope, setBackend, type Tensor } from '@webgrad/tensor';
import { createWebGPUBackend, type WebGPUBackend } from '../src/backend.js';
import { nodeGPU } from '../src/node.js';

const quick = process.argv.includes('--quick');
const jsonPath = process.argv.find((a) => a.startsWith('--json='))?.slice(7);

function uniform(n: number, scale: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 4294967296 - 0.5) * 2 * scale;
  });
}

async function median(runs: number, warmup: number, body: () => Promise<void>): Promise<number> {
  for (let i = 0; i < warmup; i++) await body();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await body();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function matmul(be: WebGPUBackend, n: number, runs: number): Promise<Record<string, number>> {
  const a = fromValues(uniform(n * n, 1, 1), [n, n], 'float32', be);
  const b = fromValues(uniform(n * n, 1, 2), [n, n], 'float32', be);
  const ms = await median(runs, 2, async () => {
    const c = a.matmul(b);
    await be.flush();
    c.dispose();
  });
  return { ms: Number(ms.toFixed(2)), gflops: Number(((2 * n ** 3) / ms / 1e6).toFixed(3)) };
}

async function mlp(be: WebGPUBackend, sizes: number[], batch: number, optimizer: 'sgd' | 'adagrad', runs: number): Promise<Record<string, number>> {
  const t = (v: Float32Array, s: number[]): Tensor => fromValues(v, s, 'float32', be);
  const params = sizes.slice(1).flatMap((out, i) => [t(uniform(sizes[i]! * out, Math.sqrt(6 / (sizes[i]! + out)), i + 3), [sizes[i]!, out]), t(new Float32Array(out), [out])]);
  const accum = optimizer === 'adagrad' ? params.map((p) => t(new Float32Array(p.size).fill(0.1), [...p.shape])) : [];
  const x = t(uniform(batch * sizes[0]!, 1, 9), [batch, sizes[0]!]);
  const y = t(Float32Array.from({ length: batch * 10 }, (_, i) => (i % 10 === Math.floor(i / 10) % 10 ? 1 : 0)), [batch, 10]);
  const loss = (...ps: Tensor[]): Tensor => {
    let h = x;
    for (let i = 0; i < ps.length / 2; i++) {
      h = h.matmul(ps[2 * i]!).add(ps[2 * i + 1]!);
      if (i < ps.length / 2 - 1) h = h.relu();
    }
    return h.logSoftmax(-1).mul(y).sum().mul(-1 / batch);
  };
  const grads = valueAndGrad(loss, params.map((_, i) => i));
  const step = async (): Promise<void> => {
    const value = scope(() => {
      const [l, gs] = grads(...params);
      gs.forEach((g, i) => {
        if (optimizer === 'sgd') params[i]!.assign(params[i]!.sub(g.mul(0.1)));
        else {
          const acc = accum[i]!.assign(accum[i]!.add(g.square()));
          params[i]!.assign(params[i]!.sub(g.mul(0.01).div(acc.add(1e-7).sqrt())));
        }
      });
      return l;
    });
    await value.data();
    value.dispose();
  };
  const ms = await median(runs, 3, step);
  const before = be.stats();
  await step();
  const after = be.stats();
  return {
    ms: Number(ms.toFixed(1)), dispatchesPerStep: after.dispatches - before.dispatches,
    submitsPerStep: after.submits - before.submits, newBuffersPerStep: after.buffersCreated - before.buffersCreated,
  };
}

const be = await createWebGPUBackend({ gpu: await nodeGPU() });
registerBackend('webgpu', () => be, 3);
await setBackend('webgpu');
const report = {
  adapter: be.adapterName, node: process.version, date: new Date().toISOString(),
  'matmul 256³': await matmul(be, 256, quick ? 3 : 10),
  'matmul 512³': await matmul(be, 512, quick ? 2 : 5),
  'MLP 784-128-64-10 SGD step, batch 100': await mlp(be, [784, 128, 64, 10], 100, 'sgd', quick ? 3 : 10),
  'MLP 784-1000-800-10 Adagrad step, batch 100': await mlp(be, [784, 1000, 800, 10], 100, 'adagrad', quick ? 2 : 4),
};
console.log(JSON.stringify(report, null, 2));
if (jsonPath) writeFileSync(jsonPath, JSON.stringify(report, null, 2));
process.exit(0);
