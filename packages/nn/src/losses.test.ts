// Losses against values worked out by hand or in plain float64 JS: mse, mae, huber, softmax and
// binary cross-entropy (stable at extreme logits, with finite gradients), shape errors, l1/l2.
import { describe, expect, it } from 'vitest';
import { grad, memory, scope, tensor, type Tensor } from './deps.js';
import { binaryCrossEntropy, huber, l1, l2, losses, mae, mse, softmaxCrossEntropy } from './losses.js';

/** A loss's value as a number, with every tensor made along the way freed. */
async function value(make: () => Tensor): Promise<number> {
  const t = scope(make);
  const v = await t.item();
  t.dispose();
  return v;
}

async function gradient(loss: (p: Tensor, t: Tensor) => Tensor, p: number[][], t: Tensor): Promise<number[]> {
  const g = scope(() => grad((x: Tensor) => loss(x, t))(tensor(p)));
  const out = Array.from(await g.data());
  g.dispose();
  return out;
}

const p = [1, 2, 3];
const t = [0, 2, 5];

describe('regression losses', () => {
  it('mse = mean of squared differences', async () => {
    expect(await value(() => mse(tensor(p), tensor(t)))).toBeCloseTo((1 + 0 + 4) / 3, 6);
    expect(await value(() => losses.mse(tensor([[1, 2], [3, 4]]), tensor([[1, 1], [1, 1]])))).toBeCloseTo((0 + 1 + 4 + 9) / 4, 6);
  });

  it('mae = mean of absolute differences', async () => {
    expect(await value(() => mae(tensor(p), tensor(t)))).toBeCloseTo((1 + 0 + 2) / 3, 6);
  });

  it('huber is quadratic within delta and linear beyond (Huber 1964)', async () => {
    // delta 1: |d| = 1, 0, 2 -> 0.5, 0, (2 - 0.5) = 1.5.
    expect(await value(() => huber()(tensor(p), tensor(t)))).toBeCloseTo((0.5 + 0 + 1.5) / 3, 6);
    expect(await value(() => losses.huber(tensor(p), tensor(t)))).toBeCloseTo(2 / 3, 6);
    // delta 0.5: delta |d| - delta^2 / 2 -> 0.375, 0, 0.875.
    expect(await value(() => huber(0.5)(tensor(p), tensor(t)))).toBeCloseTo((0.375 + 0 + 0.875) / 3, 6);
    // delta 3: every |d| is within, so it is half the mse.
    expect(await value(() => huber(3)(tensor(p), tensor(t)))).toBeCloseTo(5 / 6, 6);
  });

  it('huber is torch.nn.HuberLoss, delta 1 by default (torch 1.13 values)', async () => {
    const wave = (k: number, s: number): Tensor => tensor(Array.from({ length: 6 }, (_, i) => Math.sin(k * (i + 1)) * s));
    expect(await value(() => huber()(wave(1.1, 2), wave(0.4, 1)))).toBeCloseTo(1.04495461, 6);
    expect(await value(() => huber(0.5)(wave(1.1, 2), wave(0.4, 1)))).toBeCloseTo(0.626338592, 6);
  });

  it('huber has slope ±delta at |d| = delta and 0 at d = 0; mae has slope 0 at d = 0 (as torch)', async () => {
    // torch.nn.functional.huber_loss / l1_loss, reduction 'none': [1, -1, 0] and [0].
    expect(await gradient(huber(), [[1, -1, 0]], tensor([[0, 0, 0]]))).toEqual([1 / 3, -1 / 3, 0].map((x) => expect.closeTo(x, 7)));
    expect(await gradient(huber(0.5), [[0.5, -0.5]], tensor([[0, 0]]))).toEqual([0.25, -0.25]);
    expect(await gradient(mae, [[2]], tensor([[2]]))).toEqual([0]);
  });

  it('mse gradient is 2 (p - t) / n', async () => {
    expect(await gradient(mse, [[1, 2, 3]], tensor([[0, 2, 5]]))).toEqual([2 / 3, 0, -4 / 3].map((x) => expect.closeTo(x, 6)));
  });
});

/** Cross-entropy of softmax(row) against a target distribution, in float64. */
function crossEntropy(rows: number[][], targets: number[][]): number {
  let total = 0;
  rows.forEach((row, i) => {
    const max = Math.max(...row);
    const lse = max + Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0));
    total += targets[i]!.reduce((s, q, c) => s + q * (lse - row[c]!), 0);
  });
  return total / rows.length;
}

describe('softmaxCrossEntropy', () => {
  const logits = [[1, 2, 3], [1, 1, 1], [-2, 0.5, 4]];
  const oneHot = [[0, 0, 1], [1, 0, 0], [0, 1, 0]];

  it('ignores a -Inf logit of another class with index labels (torch: 1.3132616, gradient [-0.7310586, 0, 0.7310586])', async () => {
    expect(await value(() => softmaxCrossEntropy(tensor([[0, -Infinity, 1]]), tensor([0], { dtype: 'int32' })))).toBeCloseTo(1.3132616, 6);
    const g = await gradient(softmaxCrossEntropy, [[0, -Infinity, 1]], tensor([0], { dtype: 'int32' }));
    expect(g).toEqual([-0.7310586, 0, 0.7310586].map((x) => expect.closeTo(x, 6)));
  });

  it('with class indices', async () => {
    const expected = crossEntropy(logits, oneHot);
    // Row 2 alone is log 3: uniform logits.
    expect(crossEntropy([[1, 1, 1]], [[1, 0, 0]])).toBeCloseTo(Math.log(3), 12);
    expect(await value(() => softmaxCrossEntropy(tensor(logits), tensor([2, 0, 1], { dtype: 'int32' })))).toBeCloseTo(expected, 5);
  });

  it('with one-hot and soft label rows', async () => {
    expect(await value(() => softmaxCrossEntropy(tensor(logits), tensor(oneHot)))).toBeCloseTo(crossEntropy(logits, oneHot), 5);
    const soft = [[0.2, 0.3, 0.5], [0.5, 0.5, 0], [0, 0, 1]];
    expect(await value(() => softmaxCrossEntropy(tensor(logits), tensor(soft)))).toBeCloseTo(crossEntropy(logits, soft), 5);
  });

  it('is stable for logits of 1e4', async () => {
    const big = [[1e4, 0, -1e4], [0, 1e4, 0]];
    // Row 1 picks its dominant class (loss 0); row 2 misses it by 1e4.
    const v = await value(() => softmaxCrossEntropy(tensor(big), tensor([0, 0], { dtype: 'int32' })));
    expect(v).toBeCloseTo(5000, 3);
    // Gradient (softmax - onehot) / n: zero for row 1, [-1, 1, 0] / 2 for row 2, all finite.
    const g = await gradient(softmaxCrossEntropy, big, tensor([0, 0], { dtype: 'int32' }));
    expect(g.every(Number.isFinite)).toBe(true);
    expect(g).toEqual([0, 0, 0, -0.5, 0.5, 0].map((x) => expect.closeTo(x, 6)));
  });

  it('gradient is (softmax - target) / n', async () => {
    const g = await gradient(softmaxCrossEntropy, logits, tensor(oneHot));
    const expected = logits.flatMap((row, i) => {
      const z = row.reduce((s, x) => s + Math.exp(x), 0);
      return row.map((x, c) => (Math.exp(x) / z - oneHot[i]![c]!) / logits.length);
    });
    expect(g).toEqual(expected.map((x) => expect.closeTo(x, 6)));
  });

  it('shape errors name the loss and both shapes', () => {
    expect(() => softmaxCrossEntropy(tensor([1, 2, 3]), tensor([0], { dtype: 'int32' }))).toThrow('softmaxCrossEntropy: logits must be [batch, classes], got [3]');
    expect(() => softmaxCrossEntropy(tensor(logits), tensor([0, 1], { dtype: 'int32' }))).toThrow('softmaxCrossEntropy: class indices must be [3] for logits [3,3], got [2]');
    expect(() => softmaxCrossEntropy(tensor(logits), tensor([[1, 0], [0, 1], [1, 0]]))).toThrow('softmaxCrossEntropy: prediction [3,3] and target [3,2] must have the same shape');
  });
});

describe('binaryCrossEntropy', () => {
  /** -[t log s + (1 - t) log(1 - s)] with s = sigmoid(x), in float64 (fine for moderate x). */
  const naive = (x: number[], y: number[]): number =>
    x.reduce((sum, xi, i) => {
      const s = 1 / (1 + Math.exp(-xi));
      return sum - (y[i]! * Math.log(s) + (1 - y[i]!) * Math.log(1 - s));
    }, 0) / x.length;

  it('matches the textbook formula', async () => {
    const x = [0, 2, -1, 0.5];
    const y = [1, 0, 0, 0.3];
    expect(naive([0], [1])).toBeCloseTo(Math.log(2), 12);
    expect(await value(() => binaryCrossEntropy(tensor(x), tensor(y)))).toBeCloseTo(naive(x, y), 5);
    expect(await value(() => losses.binaryCrossEntropy(tensor([[0], [2]]), tensor([[1], [0]])))).toBeCloseTo(naive([0, 2], [1, 0]), 5);
  });

  it('is stable for logits of ±100', async () => {
    // Right with confidence: about 0; wrong with confidence: 100.
    const v = await value(() => binaryCrossEntropy(tensor([100, -100, 100, -100]), tensor([1, 0, 0, 1])));
    expect(v).toBeCloseTo(50, 4);
    const g = await gradient(binaryCrossEntropy, [[100, -100, 100, -100]], tensor([[1, 0, 0, 1]]));
    // d/dx = (sigmoid(x) - t) / n.
    expect(g).toEqual([0, 0, 0.25, -0.25].map((x) => expect.closeTo(x, 6)));
  });

  it('has gradient sigmoid(x) - t at a logit of exactly 0 (torch: [-0.25, 0.25])', async () => {
    expect(await gradient(binaryCrossEntropy, [[0, 0]], tensor([[1, 0]]))).toEqual([-0.25, 0.25]);
  });

  it('stays finite at ±1e4 and gives torch gradients at ±Inf', async () => {
    const x = [1e4, 1e4, -1e4, -1e4, Infinity, -Infinity, Infinity, -Infinity];
    const t = [1, 0, 1, 0, 1, 0, 0, 1];
    // torch.nn.functional.binary_cross_entropy_with_logits, reduction 'none', then the mean's 1/8.
    expect(await gradient(binaryCrossEntropy, [x], tensor([t]))).toEqual([0, 1, -1, 0, 0, 0, 1, -1].map((g) => g / 8));
    const each = await Promise.all(x.map((xi, i) => value(() => binaryCrossEntropy(tensor([xi]), tensor([t[i]!])))));
    // As torch: NaN at (Inf, 1), (-Inf, 0) and (-Inf, 1), from Inf - Inf and 0 * Inf.
    expect(each).toEqual([0, 1e4, 1e4, 0, NaN, NaN, Infinity, NaN]);
  });

  it('shape errors name the loss and both shapes', () => {
    expect(() => binaryCrossEntropy(tensor([[1], [2]]), tensor([1, 0]))).toThrow('binaryCrossEntropy: prediction [2,1] and target [2] must have the same shape');
    expect(() => mse(tensor([1, 2, 3]), tensor([[1, 2, 3]]))).toThrow('mse: prediction [3] and target [1,3] must have the same shape');
    expect(() => mae(tensor([1, 2]), tensor([1, 2, 3]))).toThrow('mae: prediction [2] and target [3] must have the same shape');
    expect(() => huber()(tensor([[1, 2]]), tensor([[1], [2]]))).toThrow('huber: prediction [1,2] and target [2,1] must have the same shape');
  });
});

describe('regularisers', () => {
  it('l1 = lambda * sum |w| and l2 = lambda * sum w^2 over every tensor', async () => {
    const ws = (): Tensor[] => [tensor([1, -2]), tensor([[3], [-4]])];
    expect(await value(() => l1(ws(), 0.5))).toBeCloseTo(0.5 * (1 + 2 + 3 + 4), 6);
    expect(await value(() => l2(ws(), 0.1))).toBeCloseTo(0.1 * (1 + 4 + 9 + 16), 6);
  });

  it('l2 gradient is 2 lambda w; l1 gradient is lambda sign(w)', async () => {
    expect(await gradient((w) => l2([w], 0.1), [[1, -2, 3]], tensor(0))).toEqual([0.2, -0.4, 0.6].map((x) => expect.closeTo(x, 6)));
    expect(await gradient((w) => l1([w], 0.1), [[1, -2, 3]], tensor(0))).toEqual([0.1, -0.1, 0.1].map((x) => expect.closeTo(x, 6)));
  });

  it('an empty list of tensors is a zero penalty', async () => {
    expect(await value(() => l1([], 0.5))).toBe(0);
    expect(await value(() => l2([], 0.5))).toBe(0);
  });

  it('no tensor is left behind by a scoped loss', async () => {
    const before = memory().liveTensors;
    await value(() => softmaxCrossEntropy(tensor([[1, 2]]), tensor([1], { dtype: 'int32' })));
    expect(memory().liveTensors).toBe(before);
  });
});
