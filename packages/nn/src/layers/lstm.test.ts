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

/** sin(k (i + 1)) s for i < n: the same numbers in the torch script that made the values below. */
const wave = (n: number, k: number, s: number): number[] => Array.from({ length: n }, (_, i) => Math.sin(k * (i + 1)) * s);

describe('lstm against torch.nn.LSTM', () => {
  it('takes weight_ih_l0 transposed, weight_hh_l0 transposed and bias_ih_l0 + bias_hh_l0 as its one bias', async () => {
    // torch 1.13, float64: torch.nn.LSTM(2, 2, batch_first=True), gates [i, f, g, o], with
    // weight_ih_l0 = W.T, weight_hh_l0 = U.T, bias_ih_l0 = b1, bias_hh_l0 = b2; loss = (y * r).sum().
    const layer = lstm(2, 2);
    layer.weight.assign(tensor(wave(16, 1.3, 0.6), { shape: [2, 8] }));
    layer.recurrentWeight.assign(tensor(wave(16, 0.7, 0.6), { shape: [2, 8] }));
    layer.bias.assign(tensor(wave(8, 2.1, 0.3)).add(tensor(wave(8, 1.7, 0.3))));
    const x = variable(tensor(wave(12, 0.9, 1), { shape: [2, 3, 2] }));
    const { outputs, state } = layer.run(x);
    outputs.mul(tensor(wave(12, 1.1, 1), { shape: [2, 3, 2] })).sum().backward();
    close(await flat(outputs), [-0.172868, -0.0241222, 0.0681952, 0.0385671, 0.0816793, -0.0443424, -0.138101, -0.123726, -0.108533, 0.027858, 0.101483, 0.00728775]);
    close(await flat(state[1]!), [0.214312, -0.0890131, 0.247048, 0.0171582]);
    close(await flat(x.grad!), [0.0891721, -0.210722, -0.0847777, 0.097323, -0.013047, 0.0487728, 0.0363925, -0.168217, -0.120317, 0.184195, 0.0125737, 0.027073]);
    // torch's gradient of either bias is the gradient of their sum.
    close(await flat(layer.bias.grad!), [-0.141925, -0.0928091, 0.0286061, 0.0257114, -0.114293, 0.107276, -0.171183, -0.0794108]);
  });
});
