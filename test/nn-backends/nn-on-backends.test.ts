// The training library on every registered backend: each model below is built from the same
// seed on 'js' and on each other backend, trained for a few steps with each optimiser, and its
// losses and parameters compared. A backend that cannot start here is reported with its reason.
import { describe, expect, it } from 'vitest';
import * as wg from 'webgradjs';

const { nn } = wg;

interface Model {
  name: string;
  build: () => wg.nn.Module;
  x: () => wg.Tensor;
  y: () => wg.Tensor;
  loss: wg.nn.Loss;
}

const uniform = (shape: number[], seed: number): number[] => {
  const rng = new wg.Random(seed);
  return Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform() * 2 - 1);
};
const classes = (n: number, k: number): number[] => Array.from({ length: n }, (_, i) => (i * 7) % k);

const MODELS: Model[] = [
  {
    name: 'MLP: dense with fused activations, tanh layer, softmax cross-entropy',
    build: () => nn.sequential(nn.dense(4, 8, { activation: 'relu' }), nn.dense(8, 8), nn.tanh(), nn.dense(8, 3)),
    x: () => wg.tensor(uniform([6, 4], 1), { shape: [6, 4] }),
    y: () => wg.tensor(classes(6, 3), { shape: [6], dtype: 'int32' }),
    loss: nn.softmaxCrossEntropy,
  },
  {
    name: 'CNN: conv2d, batchNorm2d, maxPool2d, flatten, dense',
    // No conv bias before batch norm: its gradient is zero up to rounding, and adaptive optimisers
    // would amplify each backend's rounding into different updates.
    build: () => nn.sequential(nn.conv2d(2, 4, 3, { padding: 1, bias: false }), nn.batchNorm2d(4), nn.relu(), nn.maxPool2d(2), nn.flatten(), nn.dense(4 * 3 * 3, 2)),
    x: () => wg.tensor(uniform([3, 2, 6, 6], 2), { shape: [3, 2, 6, 6] }),
    y: () => wg.tensor(classes(3, 2), { shape: [3], dtype: 'int32' }),
    loss: nn.softmaxCrossEntropy,
  },
  {
    name: 'CNN: conv2d, exact gelu, avgPool2d 3/2 padding 1 with ceilMode (padding counted), dense',
    // 6×6 rounds up to 4×4 windows; the last row and column run past the padding.
    build: () => nn.sequential(nn.conv2d(2, 3, 3, { padding: 1 }), nn.gelu(), nn.avgPool2d(3, { stride: 2, padding: 1, ceilMode: true }), nn.flatten(), nn.dense(3 * 4 * 4, 2)),
    x: () => wg.tensor(uniform([3, 2, 6, 6], 5), { shape: [3, 2, 6, 6] }),
    y: () => wg.tensor(classes(3, 2), { shape: [3], dtype: 'int32' }),
    loss: nn.softmaxCrossEntropy,
  },
  {
    name: 'sequence: embedding, LSTM, GRU, layerNorm, mse',
    build: () => nn.sequential(nn.embedding(5, 4), nn.lstm(4, 6), nn.gru(6, 5, { returnSequences: false }), nn.layerNorm(5), nn.dense(5, 2)),
    x: () => wg.tensor(classes(12, 5), { shape: [3, 4], dtype: 'int32' }),
    y: () => wg.tensor(uniform([3, 2], 3), { shape: [3, 2] }),
    loss: nn.mse,
  },
  {
    name: 'simple RNN, binary cross-entropy',
    build: () => nn.sequential(nn.simpleRNN(3, 4, { returnSequences: false }), nn.dense(4, 1)),
    x: () => wg.tensor(uniform([4, 5, 3], 4), { shape: [4, 5, 3] }),
    y: () => wg.tensor([0, 1, 1, 0], { shape: [4, 1] }),
    loss: nn.binaryCrossEntropy,
  },
];

const OPTIMISERS: [string, () => wg.nn.optim.Optimizer][] = [
  ['sgd', () => nn.optim.sgd({ lr: 0.1 })],
  ['momentum', () => nn.optim.momentum({ lr: 0.1 })],
  ['nesterov', () => nn.optim.nesterov({ lr: 0.1 })],
  ['adagrad', () => nn.optim.adagrad({ lr: 0.1 })],
  ['adadelta', () => nn.optim.adadelta({ lr: 1 })],
  ['rmsprop', () => nn.optim.rmsprop({ lr: 0.01 })],
  ['adam', () => nn.optim.adam({ lr: 0.01 })],
  ['adamw', () => nn.optim.adamw({ lr: 0.01, weightDecay: 0.1 })],
];

/** Losses of three steps and the parameters after them, on the current backend. */
async function train(model: Model, optimiser: () => wg.nn.optim.Optimizer): Promise<{ losses: number[]; params: Record<string, number[]> }> {
  wg.seed(11);
  const net = model.build();
  const opt = optimiser();
  const [x, y] = [model.x(), model.y()];
  const named = net.namedParameters();
  const losses: number[] = [];
  for (let step = 0; step < 3; step++) {
    const loss = wg.scope(() => {
      const l = model.loss(net.forward(x), y);
      l.backward();
      opt.step(named);
      return l;
    });
    losses.push(await loss.item());
    loss.dispose();
  }
  const params = Object.fromEntries(await Promise.all(named.map(async ([path, p]) => [path, Array.from(await p.data())] as const)));
  for (const [, p] of named) p.grad?.dispose();
  net.dispose();
  opt.dispose();
  x.dispose();
  y.dispose();
  return { losses, params };
}

function expectClose(got: number[], want: number[], what: string): void {
  expect(got.length, what).toBe(want.length);
  const i = got.findIndex((g, k) => !(Math.abs(g - want[k]!) <= 2e-4 + 2e-3 * Math.abs(want[k]!)));
  expect(i, `${what}: first difference at ${i}: ${got[i]} vs js ${want[i]}`).toBe(-1);
}

const others = wg.listBackends().filter((name) => name !== 'js');
const started = await Promise.all(others.map(async (name) => {
  try {
    await wg.getBackendInstance(name);
    return { name, error: undefined };
  } catch (e) {
    return { name, error: (e as Error).message };
  }
}));

describe('the training library on every backend', () => {
  it('has backends other than js to compare', () => expect(others.length).toBeGreaterThan(0));
  for (const { name, error } of started) {
    if (error) {
      it.skip(`${name} did not start, so it is not checked: ${error}`, () => {});
      continue;
    }
    describe(name, () => {
      for (const model of MODELS) {
        it.each(OPTIMISERS)(`${model.name}, %s: the same losses and parameters as js`, async (_label, optimiser) => {
          await wg.setBackend('js');
          const want = await train(model, optimiser);
          await wg.setBackend(name);
          try {
            const got = await train(model, optimiser);
            expectClose(got.losses, want.losses, 'losses');
            for (const [path, values] of Object.entries(want.params)) expectClose(got.params[path]!, values, path);
          } finally {
            await wg.setBackend('js');
          }
        });
      }
    });
  }
});
