// gru (Cho et al. 2014 form): a scalar case worked by hand, a small batch against a
// gate-by-gate reference written with plain tensor ops, gradients vs central differences.
import { describe, expect, it } from 'vitest';
import { randn, tensor, variable, zeros, type Tensor } from '../deps.js';
import { gru, type GRU } from './gru.js';
import { gradientPairs, onFloat64, summarise } from './testing.js';

const flat = async (t: Tensor): Promise<number[]> => [...(await t.data())];
const close = (got: number[], want: number[], digits = 5): void => {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, digits));
};
const sigma = (v: number): number => 1 / (1 + Math.exp(-v));

/** The GRU unrolled by hand: each gate from its own column block of W, U and b. */
function reference(layer: GRU, x: Tensor, h0?: Tensor): Tensor[] {
  const [batch, time, features] = x.shape as [number, number, number];
  const n = layer.hiddenSize;
  const block = (m: Tensor, k: number): Tensor => m.slice([0, k * n], [m.shape[0]!, (k + 1) * n]);
  const b = (k: number): Tensor => layer.bias.slice([k * n], [(k + 1) * n]);
  let h = h0 ?? zeros([batch, n]);
  const hs: Tensor[] = [];
  for (let t = 0; t < time; t++) {
    const xt = x.slice([0, t, 0], [batch, t + 1, features]).reshape([batch, features]);
    const z = xt.matmul(block(layer.weight, 0)).add(h.matmul(block(layer.recurrentWeight, 0))).add(b(0)).sigmoid();
    const r = xt.matmul(block(layer.weight, 1)).add(h.matmul(block(layer.recurrentWeight, 1))).add(b(1)).sigmoid();
    const candidate = xt.matmul(block(layer.weight, 2)).add(r.mul(h).matmul(block(layer.recurrentWeight, 2))).add(b(2)).tanh();
    h = z.mul(h).add(z.mul(-1).add(1).mul(candidate));
    hs.push(h);
  }
  return hs;
}

describe('gru', () => {
  it('matches a one-unit sequence worked by hand', async () => {
    const layer = gru(1, 1);
    // Columns [z, r, n].
    layer.weight.assign(tensor([[0.5, -1, 2]]));
    layer.recurrentWeight.assign(tensor([[0.3, 0.7, -0.4]]));
    layer.bias.assign(tensor([0.1, 0.2, -0.1]));
    let h = 0.5;
    const want: number[] = [];
    for (const x of [1, -0.5, 2]) {
      const [z, r] = [sigma(0.5 * x + 0.3 * h + 0.1), sigma(-x + 0.7 * h + 0.2)];
      const n = Math.tanh(2 * x - 0.4 * (r * h) - 0.1);
      h = z * h + (1 - z) * n;
      want.push(h);
    }
    close(await flat(layer.forward(tensor([[[1], [-0.5], [2]]]), tensor([[0.5]]))), want, 6);
  });

  it('matches the gate-by-gate reference on a batch, from a given initial state', async () => {
    const layer = gru(3, 4);
    layer.bias.assign(randn([12]));
    const [x, h0] = [randn([2, 5, 3]), randn([2, 4])];
    const hs = reference(layer, x, h0);
    const y = layer.forward(x, h0);
    expect(y.shape).toEqual([2, 5, 4]);
    for (let t = 0; t < 5; t++) close(await flat(y.slice([0, t, 0], [2, t + 1, 4])), await flat(hs[t]!));
    const last = gru(3, 4, { returnSequences: false });
    last.weight.assign(layer.weight.mul(1));
    last.recurrentWeight.assign(layer.recurrentWeight.mul(1));
    last.bias.assign(layer.bias.mul(1));
    close(await flat(last.forward(x, h0)), await flat(hs[4]!));
  });

  it('back-propagates to weight, recurrent weight, bias and input', () =>
    onFloat64(async () => {
      const layer = gru(2, 2);
      layer.bias.assign(randn([6]));
      const x = variable(randn([2, 3, 2]));
      const r = randn([2, 3, 2]);
      const { maxError, nonZero } = summarise(await gradientPairs(() => layer.forward(x).mul(r).sum(), [layer.weight, layer.recurrentWeight, layer.bias, x]));
      expect(nonZero).toEqual([true, true, true, true]);
      expect(maxError).toBeLessThan(1e-6);
    }));
});
