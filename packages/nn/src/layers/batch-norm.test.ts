// batchNorm1d/2d: hand-computed normalisation, running statistics updated only in training and
// used in eval, buffers untracked, gradients vs central differences, shape errors.
import { describe, expect, it } from 'vitest';
import { randn, scope, tensor, variable, type Tensor } from '../deps.js';
import { batchNorm1d, batchNorm2d } from './batch-norm.js';
import { sequential } from './containers.js';
import { dense } from './dense.js';
import { gradientPairs, onFloat64, summarise } from './testing.js';

const flat = async (t: Tensor): Promise<number[]> => [...(await t.data())];
const close = (got: number[], want: number[], digits = 5): void => {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, digits));
};
// Columns 1, 3, 5 (mean 3, biased variance 8/3, unbiased 4) and 10, 20, 60 (mean 30, 1400/3, 700).
const columns = (): Tensor => tensor([[1, 10], [3, 20], [5, 60]]);
const eps = 1e-5;

describe('batchNorm1d', () => {
  it('normalises each feature with the batch mean and biased variance, then scales and shifts', async () => {
    const bn = batchNorm1d(2);
    bn.weight!.assign(tensor([2, 1]));
    bn.bias!.assign(tensor([0.5, 0]));
    const [s0, s1] = [Math.sqrt(8 / 3 + eps), Math.sqrt(1400 / 3 + eps)];
    close(await flat(bn.forward(columns())), [2 * (-2 / s0) + 0.5, -20 / s1, 0.5, -10 / s1, 2 * (2 / s0) + 0.5, 30 / s1]);
  });

  it('updates running statistics with momentum 0.1 in training only, and uses them in eval', async () => {
    const bn = batchNorm1d(2);
    bn.forward(columns());
    // mean: 0.9·0 + 0.1·[3, 30]; var: 0.9·1 + 0.1·[4, 700] (unbiased).
    close(await flat(bn.runningMean), [0.3, 3]);
    close(await flat(bn.runningVar), [1.3, 70.9]);
    bn.eval();
    const y = await flat(bn.forward(tensor([[0.3, 3], [1.6, 3 + Math.sqrt(70.9 + eps)]])));
    close(y, [0, 0, 1.6 / Math.sqrt(1.3 + eps) - 0.3 / Math.sqrt(1.3 + eps), 1]);
    close(await flat(bn.runningMean), [0.3, 3]);
    close(await flat(bn.runningVar), [1.3, 70.9]);
    bn.train();
    bn.forward(columns());
    close(await flat(bn.runningMean), [0.57, 5.7]);
  });

  it('keeps running statistics as untracked buffers that outlive a step scope', async () => {
    const model = sequential(dense(3, 2), batchNorm1d(2));
    expect(model.namedBuffers().map(([n]) => n)).toEqual(['layers.1.runningMean', 'layers.1.runningVar']);
    expect(model.namedParameters().map(([n]) => n)).toEqual(['layers.0.weight', 'layers.0.bias', 'layers.1.weight', 'layers.1.bias']);
    const [, mean] = model.namedBuffers()[0]!;
    scope(() => model.forward(randn([4, 3])).sum().backward());
    expect(mean.isDisposed).toBe(false);
    expect(mean.requiresGrad).toBe(false);
    expect(mean.grad).toBeNull();
    expect((await flat(mean)).some((v) => v !== 0)).toBe(true);
  });

  it('back-propagates to weight, bias and input in training and eval mode', () =>
    onFloat64(async () => {
      const bn = batchNorm1d(3);
      bn.weight!.assign(randn([3]));
      bn.bias!.assign(randn([3]));
      const x = variable(randn([4, 3]));
      const r = randn([4, 3]);
      for (const mode of ['train', 'eval'] as const) {
        bn[mode]();
        const { maxError, nonZero } = summarise(await gradientPairs(() => bn.forward(x).mul(r).sum(), [bn.weight!, bn.bias!, x]));
        expect(nonZero).toEqual([true, true, true]);
        expect(maxError).toBeLessThan(1e-6);
      }
    }));

  it('names the layer and both shapes on bad input', () => {
    const model = sequential(batchNorm1d(3));
    expect(() => model.forward(randn([4, 2]))).toThrow("batchNorm1d 'layers.0': expected input [N, 3], got [4,2]");
    expect(() => model.forward(randn([4, 3, 1]))).toThrow("batchNorm1d 'layers.0': expected input [N, 3], got [4,3,1]");
    expect(() => model.forward(randn([1, 3]))).toThrow("batchNorm1d 'layers.0': training needs more than one value per feature to estimate a variance, got input [1,3]");
    expect(model.eval().forward(randn([1, 3])).shape).toEqual([1, 3]);
  });
});

describe('batchNorm2d', () => {
  it('normalises per channel over batch and space', async () => {
    const bn = batchNorm2d(2);
    const x = randn([3, 2, 4, 5], 2, 3);
    const y = bn.forward(x);
    expect(y.shape).toEqual([3, 2, 4, 5]);
    close(await flat(y.mean([0, 2, 3])), [0, 0]);
    close(await flat(y.variance([0, 2, 3])), [1, 1], 3);
    const channelMeans = await flat(x.mean([0, 2, 3]));
    close(await flat(bn.runningMean), channelMeans.map((m) => 0.1 * m));
    const unbiased = await flat(x.variance([0, 2, 3], false, 1));
    close(await flat(bn.runningVar), unbiased.map((v) => 0.9 + 0.1 * v), 4);
  });

  it('back-propagates to weight, bias and input', () =>
    onFloat64(async () => {
      const bn = batchNorm2d(2);
      bn.weight!.assign(randn([2]));
      const x = variable(randn([2, 2, 2, 3]));
      const r = randn([2, 2, 2, 3]);
      const { maxError, nonZero } = summarise(await gradientPairs(() => bn.forward(x).mul(r).sum(), [bn.weight!, bn.bias!, x]));
      expect(nonZero).toEqual([true, true, true]);
      expect(maxError).toBeLessThan(1e-6);
    }));

  it('names the layer and both shapes on bad input', () => {
    const model = sequential(batchNorm2d(3));
    expect(() => model.forward(randn([2, 4, 5, 5]))).toThrow("batchNorm2d 'layers.0': expected input [N, 3, H, W], got [2,4,5,5]");
    expect(() => model.forward(randn([2, 3]))).toThrow("batchNorm2d 'layers.0': expected input [N, 3, H, W], got [2,3]");
  });
});

describe('batchNorm2d against torch.nn.BatchNorm2d', () => {
  it('normalises, updates running statistics (momentum 0.1, unbiased variance) and evaluates as torch', async () => {
    // torch 1.13, float64: BatchNorm2d(2) with weight [1.5, -0.5], bias [0.1, 0.2]; two training
    // batches a, b (the waves below), then eval on a.
    const wave = (n: number, k: number, s: number, shift = 0): number[] => Array.from({ length: n }, (_, i) => Math.sin(k * (i + 1)) * s + shift);
    const layer = batchNorm2d(2);
    layer.weight!.assign(tensor([1.5, -0.5]));
    layer.bias!.assign(tensor([0.1, 0.2]));
    const [a, b] = [tensor(wave(16, 0.8, 2), { shape: [2, 2, 2, 2] }), tensor(wave(16, 1.9, 1, 0.5), { shape: [2, 2, 2, 2] })];
    close(await flat(layer.forward(a)), [0.644388, 1.65915, 0.493756, -2.14487, 0.436644, 0.707234, 0.29473, -0.550648, 0.918779, 1.62241, 0.168184, -2.5618, 0.516934, 0.688031, 0.187682, -0.680607], 4);
    layer.forward(b);
    close(await flat(layer.runningMean), [0.152886, -0.0527563]);
    close(await flat(layer.runningVar), [0.950322, 0.939903]);
    layer.eval();
    close(await flat(layer.forward(a)), [2.07234, 2.94084, 1.94342, -0.314886, 0.95341, 1.2003, 0.823924, 0.0525748, 2.30719, 2.9094, 1.66478, -0.671719, 1.02667, 1.18278, 0.72625, -0.0660035], 4);
  });
});
