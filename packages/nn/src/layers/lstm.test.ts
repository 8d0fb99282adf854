// lstm: a scalar case worked by hand, a small batch against a gate-by-gate reference written
// with plain tensor ops, the forget-gate bias, final [h, c], gradients vs central differences.
import { describe, expect, it } from 'vitest';
import { randn, tensor, variable, zeros, type Tensor } from '../deps.js';
import { lstm, type LSTM } from './lstm.js';
import { gradientPairs, onFloat64, summarise } from './testing.js';

const flat = async (t: Tensor): Promise<number[]> => [...(await t.data())];
const close = (got: number[], want: number[], digits = 5): void => {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, digits));
};
const sigma = (v: number): number => 1 / (1 + Math.exp(-v));

/** The LSTM unrolled by hand: each gate from its own column block of W, U and b. */
function reference(layer: LSTM, x: Tensor): { hs: Tensor[]; c: Tensor } {
  const [batch, time, features] = x.shape as [number, number, number];
  const n = layer.hiddenSize;
  const block = (m: Tensor, k: number): Tensor => m.slice([0, k * n], [m.shape[0]!, (k + 1) * n]);
  let [h, c] = [zeros([batch, n]), zeros([batch, n])];
  const hs: Tensor[] = [];
  for (let t = 0; t < time; t++) {
    const xt = x.slice([0, t, 0], [batch, t + 1, features]).reshape([batch, features]);
    const gate = (k: number): Tensor => xt.matmul(block(layer.weight, k)).add(h.matmul(block(layer.recurrentWeight, k))).add(layer.bias.slice([k * n], [(k + 1) * n]));
    const [i, f, g, o] = [gate(0).sigmoid(), gate(1).sigmoid(), gate(2).tanh(), gate(3).sigmoid()];
    c = f.mul(c).add(i.mul(g));
    h = o.mul(c.tanh());
    hs.push(h);
  }
  return { hs, c };
}

describe('lstm', () => {
  it('matches a one-unit sequence worked by hand', async () => {
    const layer = lstm(1, 1);
    // Columns [i, f, g, o].
    layer.weight.assign(tensor([[0.5, -0.5, 1, 0.25]]));
    layer.recurrentWeight.assign(tensor([[0.1, 0.2, -0.3, 0.4]]));
    layer.bias.assign(tensor([0, 1, 0, -0.5]));
    let [h, c] = [0, 0];
    const want: number[] = [];
    for (const x of [1, -2, 0.5]) {
      const [i, f, g, o] = [sigma(0.5 * x + 0.1 * h), sigma(-0.5 * x + 0.2 * h + 1), Math.tanh(x - 0.3 * h), sigma(0.25 * x + 0.4 * h - 0.5)];
      c = f * c + i * g;
      h = o * Math.tanh(c);
      want.push(h);
    }
    close(await flat(layer.forward(tensor([[[1], [-2], [0.5]]]))), want, 6);
  });

  it('matches the gate-by-gate reference on a batch, with the final h and c from run()', async () => {
    const layer = lstm(3, 4);
    layer.bias.assign(randn([16]));
    const x = randn([2, 5, 3]);
    const { hs, c } = reference(layer, x);
    const { outputs, state } = layer.run(x);
    expect(outputs.shape).toEqual([2, 5, 4]);
    for (let t = 0; t < 5; t++) close(await flat(outputs.slice([0, t, 0], [2, t + 1, 4])), await flat(hs[t]!));
    close(await flat(state[0]!), await flat(hs[4]!));
    close(await flat(state[1]!), await flat(c));
    const last = lstm(3, 4, { returnSequences: false });
    expect(last.forward(x).shape).toEqual([2, 4]);
  });

  it('starts with forget-gate bias 1 and the other gates 0', async () => {
    expect(await flat(lstm(2, 3).bias)).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect(await flat(lstm(2, 1, { biasInit: (s) => zeros(s) }).bias)).toEqual([0, 0, 0, 0]);
  });

  it('back-propagates to weight, recurrent weight, bias and input', () =>
    onFloat64(async () => {
      const layer = lstm(2, 2);
      layer.bias.assign(randn([8]));
      const x = variable(randn([2, 3, 2]));
      const r = randn([2, 3, 2]);
      const { maxError, nonZero } = summarise(await gradientPairs(() => layer.forward(x).mul(r).sum(), [layer.weight, layer.recurrentWeight, layer.bias, x]));
      expect(nonZero).toEqual([true, true, true, true]);
      expect(maxError).toBeLessThan(1e-6);
    }));
});
