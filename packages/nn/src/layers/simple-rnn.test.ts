// simpleRNN, and what every recurrent layer shares: shapes, a hand-computed sequence, initial
// weights, continuing from a state, gradients vs central differences, shape errors.
import { describe, expect, it } from 'vitest';
import { concat, randn, tensor, variable, type Tensor } from '../deps.js';
import { sequential } from './containers.js';
import { gru } from './gru.js';
import { lstm } from './lstm.js';
import { simpleRNN } from './simple-rnn.js';
import { gradientPairs, onFloat64, summarise } from './testing.js';

const flat = async (t: Tensor): Promise<number[]> => [...(await t.data())];
const close = (got: number[], want: number[], digits = 5): void => {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, digits));
};

describe('simpleRNN', () => {
  it('computes h_t = tanh(x_t W + h_{t-1} U + b) on a hand-worked sequence', async () => {
    const rnn = simpleRNN(1, 1);
    rnn.weight.assign(tensor([[0.5]]));
    rnn.recurrentWeight.assign(tensor([[-1]]));
    rnn.bias.assign(tensor([0.1]));
    const h1 = Math.tanh(0.5 * 1 + 0.1);
    const h2 = Math.tanh(0.5 * 2 - h1 + 0.1);
    const y = rnn.forward(tensor([[[1], [2]]]));
    expect(y.shape).toEqual([1, 2, 1]);
    close(await flat(y), [h1, h2], 6);
  });

  it('returns every step [batch, time, hidden] or the last [batch, hidden]', async () => {
    const x = randn([2, 4, 3]);
    const all = simpleRNN(3, 5);
    expect(all.forward(x).shape).toEqual([2, 4, 5]);
    const last = simpleRNN(3, 5, { returnSequences: false });
    for (const [a, b] of [[last.weight, all.weight], [last.recurrentWeight, all.recurrentWeight]] as const) a.assign(b.mul(1));
    expect(last.forward(x).shape).toEqual([2, 5]);
    expect(await flat(last.forward(x))).toEqual(await flat(all.forward(x).slice([0, 3, 0]).reshape([2, 5])));
  });

  it('starts from Xavier input weights, orthogonal recurrent weights and zero bias', async () => {
    for (const [layer, k] of [[simpleRNN(6, 4), 1], [lstm(6, 4), 4], [gru(6, 4), 3]] as const) {
      const u = layer.recurrentWeight;
      expect([layer.weight.shape, u.shape, layer.bias.shape]).toEqual([[6, 4 * k], [4, 4 * k], [4 * k]]);
      // Rows of the [hidden, k*hidden] recurrent matrix are orthonormal: U Uᵀ = I.
      close(await flat(u.matmul(u.transpose())), [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
      const bound = Math.sqrt(6 / (6 + 4 * k));
      expect(Math.max(...(await flat(layer.weight)).map(Math.abs))).toBeLessThanOrEqual(bound);
    }
    expect(await flat(simpleRNN(2, 3).bias)).toEqual([0, 0, 0]);
  });

  it('continues a sequence from the state run() returns', async () => {
    const rnn = simpleRNN(2, 3);
    const x = randn([2, 5, 2]);
    const first = rnn.run(x.slice([0, 0, 0], [2, 3, 2]));
    expect(first.state.map((s) => s.shape)).toEqual([[2, 3]]);
    const rest = rnn.forward(x.slice([0, 3, 0]), ...first.state);
    close(await flat(concat([first.outputs, rest], 1)), await flat(rnn.forward(x)), 6);
  });

  it('back-propagates to weight, recurrent weight, bias and input', () =>
    onFloat64(async () => {
      const rnn = simpleRNN(2, 3);
      rnn.bias.assign(randn([3]));
      const x = variable(randn([2, 3, 2]));
      const r = randn([2, 3, 3]);
      const { maxError, nonZero } = summarise(await gradientPairs(() => rnn.forward(x).mul(r).sum(), [rnn.weight, rnn.recurrentWeight, rnn.bias, x]));
      expect(nonZero).toEqual([true, true, true, true]);
      expect(maxError).toBeLessThan(1e-6);
    }));

  it('names the layer and both shapes on bad input', () => {
    const model = sequential(simpleRNN(3, 4), lstm(4, 2), gru(2, 2));
    expect(() => model.forward(randn([2, 5, 2]))).toThrow("simpleRNN 'layers.0': expected input [batch, time ≥ 1, 3], got [2,5,2]");
    expect(() => model.forward(randn([5, 3]))).toThrow("simpleRNN 'layers.0': expected input [batch, time ≥ 1, 3], got [5,3]");
    expect(() => model.forward(randn([2, 0, 3]))).toThrow("simpleRNN 'layers.0': expected input [batch, time ≥ 1, 3], got [2,0,3]");
    expect(() => model.layers[1]!.forward(randn([2, 5, 3]))).toThrow("lstm 'layers.1': expected input [batch, time ≥ 1, 4], got [2,5,3]");
    expect(() => model.layers[2]!.forward(randn([2, 5, 3]))).toThrow("gru 'layers.2': expected input [batch, time ≥ 1, 2], got [2,5,3]");
    expect(model.forward(randn([2, 5, 3])).shape).toEqual([2, 5, 2]);
    const rnn = simpleRNN(3, 4);
    expect(() => rnn.forward(randn([2, 5, 3]), randn([3, 4]))).toThrow('simpleRNN: expected initial state [2, 4], got [3,4]');
    expect(() => lstm(3, 4).forward(randn([2, 5, 3]), randn([2, 4]))).toThrow('lstm: expected 2 initial state tensors, got 1');
    expect(() => simpleRNN(0, 4)).toThrow('simpleRNN: inputSize must be a positive integer, got 0');
  });
});
