// gelu (both forms) and erf against PyTorch 1.13 on every registered backend, values and
// gradients: on webgpu they run through the fused elementwise kernels.
import { describe, expect, it } from 'vitest';
import { erf, fromValues, gelu, scope, type Tensor } from '@webgrad/tensor';
import { grad } from '@webgrad/autograd';
import { startBackends } from './harness.js';

const X = [0, 1, -1, 2, -3, 0.5, -0.5, 4];

// torch.nn.functional.gelu(x, approximate=...), torch.erf and their gradients, in float64.
const TORCH: [name: string, f: (x: Tensor) => Tensor, values: number[], grads: number[]][] = [
  ['gelu', (x) => gelu(x), [0, 0.8413447, -0.1586553, 1.9544997, -0.0040497, 0.3457312, -0.1542688, 3.9998733], [0.5, 1.0833155, -0.0833155, 1.0852318, -0.0119456, 0.8674951, 0.1325049, 1.0005036]],
  ['gelu tanh', (x) => gelu(x, { approximate: 'tanh' }), [0, 0.841192, -0.158808, 1.9545977, -0.0036374, 0.345714, -0.154286, 3.9999298], [0.5, 1.0829641, -0.0829641, 1.0860993, -0.0115842, 0.8673699, 0.1326301, 1.0003351]],
  ['erf', (x) => erf(x), [0, 0.8427008, -0.8427008, 0.9953223, -0.9999779, 0.5204999, -0.5204999, 1], [1.1283792, 0.4151075, 0.4151075, 0.020667, 0.0001393, 0.8787826, 0.8787826, 1.27e-7]],
];

const backends = await startBackends();

describe.each(backends)('backend $name', ({ instance, error }) => {
  if (!instance) {
    it.skip(`did not start, so it is not checked: ${error}`, () => {});
    return;
  }
  it.each(TORCH)('%s matches torch', async (_, f, values, grads) => {
    const x = fromValues(X, [X.length], 'float32', instance);
    const [y, dx] = scope(() => [f(x), grad((t: Tensor) => f(t).sum())(x)]);
    const [got, gotGrad] = [[...(await y.data())], [...(await dx.data())]];
    for (const t of [x, y, dx]) t.dispose();
    values.forEach((v, i) => expect(Math.abs(got[i]! - v), `y[${i}] = ${got[i]}, torch ${v}`).toBeLessThan(2e-6));
    grads.forEach((v, i) => expect(Math.abs(gotGrad[i]! - v), `dx[${i}] = ${gotGrad[i]}, torch ${v}`).toBeLessThan(2e-6));
  });
});
