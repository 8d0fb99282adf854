// The fused dense op against matmul + add + relu in an MLP train step (forward, backward, SGD)
// on the 'wasm' backend: the same net and batch as apps/bench's MLP rows, random data, the two
// forms' runs interleaved, medians in ms.
// Usage: pnpm --filter @webgrad/backend-wasm run bench:dense [threads] [sizes] [runs]
//   e.g. bench:dense 1 784,1000,800,10 12
import { valueAndGrad } from '@webgrad/autograd';
import { dense, fromValues, Random, registerBackend, scope, setBackend, type Tensor } from '@webgrad/tensor';
import { createWasmBackend } from '../src/index.js';

const [threads, sizes, runs] = [Number(process.argv[2] ?? 1), (process.argv[3] ?? '784,128,64,10').split(',').map(Number), Number(process.argv[4] ?? 40)];
const backend = await createWasmBackend({ threads });
registerBackend('wasm-bench', () => backend);
await setBackend('wasm-bench');

const rng = new Random(1);
const batch = 100;
const make = (shape: number[], scale: number): Tensor =>
  fromValues(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (rng.uniform() * 2 - 1) * scale), shape, 'float32');
const x = make([batch, sizes[0]!], 1);
const targets = fromValues(Array.from({ length: batch * 10 }, (_, i) => (i % 10 === (Math.floor(i / 10) * 7) % 10 ? 1 : 0)), [batch, 10], 'float32');
const params = sizes.slice(1).flatMap((n, i) => [make([sizes[i]!, n], 0.05), make([n], 0.05)]);
const layers = sizes.length - 1;

/** Cross-entropy of the net, each layer written as `layer(h, w, b, hidden)`. */
const net = (layer: (h: Tensor, w: Tensor, b: Tensor, hidden: boolean) => Tensor) => (...ps: Tensor[]): Tensor => {
  let h = x;
  for (let i = 0; i < layers; i++) h = layer(h, ps[2 * i]!, ps[2 * i + 1]!, i < layers - 1);
  return h.logSoftmax(-1).mul(targets).sum().mul(-1 / batch);
};
const forms = {
  'matmul + add + relu': net((h, w, b, hidden) => (hidden ? h.matmul(w).add(b).relu() : h.matmul(w).add(b))),
  'dense (fused)': net((h, w, b, hidden) => dense(h, w, b, { activation: hidden ? 'relu' : 'linear' })),
};
const steps = Object.entries(forms).map(([name, loss]) => {
  const vg = valueAndGrad(loss, params.map((_, i) => i));
  const step = (): void => scope(() => {
    const [, gs] = vg(...params);
    gs.forEach((g, i) => params[i]!.assign(params[i]!.sub(g.mul(0.01))));
  });
  return { name, step, times: [] as number[] };
});

for (let r = 0; r < 5; r++) steps.forEach((s) => s.step());
for (let r = 0; r < runs; r++) {
  for (const s of steps) {
    const t0 = performance.now();
    s.step();
    s.times.push(performance.now() - t0);
  }
}
const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
console.log(`MLP ${sizes.join('-')} SGD step, batch ${batch}, wasm on ${backend.threads} thread(s), ${runs} interleaved runs (median):`);
for (const s of steps) console.log(`  ${s.name}: ${median(s.times).toFixed(2)} ms`);
backend.dispose();
