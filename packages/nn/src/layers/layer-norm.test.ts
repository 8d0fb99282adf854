// layerNorm: hand-computed rows, several trailing axes, gradients vs central differences, errors.
import { describe, expect, it } from 'vitest';
import { randn, tensor, variable, type Tensor } from '../deps.js';
import { sequential } from './containers.js';
import { layerNorm } from './layer-norm.js';
import { gradientPairs, onFloat64, summarise } from './testing.js';

const flat = async (t: Tensor): Promise<number[]> => [...(await t.data())];
const close = (got: number[], want: number[], digits = 5): void => {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, digits));
};

describe('layerNorm', () => {
  it('normalises each row over the last axis, then scales and shifts', async () => {
    const ln = layerNorm(3);
    ln.weight!.assign(tensor([1, 2, 3]));
    ln.bias!.assign(tensor([0, 0, 1]));
    // Row 1, 2, 3: mean 2, variance 2/3. Row 2, 4, 9: mean 5, variance 26/3.
    const [s0, s1] = [Math.sqrt(2 / 3 + 1e-5), Math.sqrt(26 / 3 + 1e-5)];
    const y = await flat(ln.forward(tensor([[1, 2, 3], [2, 4, 9]])));
    close(y, [-1 / s0, 0, 3 / s0 + 1, -3 / s1, -2 / s1, 12 / s1 + 1]);
  });

  it('normalises over several trailing axes, the same in train and eval mode', async () => {
    const ln = layerNorm([2, 3]);
    expect(ln.weight!.shape).toEqual([2, 3]);
    const x = randn([4, 2, 3], 5, 2);
    const y = ln.forward(x);
    expect(y.shape).toEqual([4, 2, 3]);
    close(await flat(y.mean([1, 2])), [0, 0, 0, 0]);
    close(await flat(y.variance([1, 2])), [1, 1, 1, 1], 3);
    expect(await flat(ln.eval().forward(x))).toEqual(await flat(y));
    expect(layerNorm(3, { affine: false }).parameters()).toHaveLength(0);
  });

  it('back-propagates to weight, bias and input', () =>
    onFloat64(async () => {
      const ln = layerNorm(4);
      ln.weight!.assign(randn([4]));
      const x = variable(randn([2, 3, 4]));
      const r = randn([2, 3, 4]);
      const { maxError, nonZero } = summarise(await gradientPairs(() => ln.forward(x).mul(r).sum(), [ln.weight!, ln.bias!, x]));
      expect(nonZero).toEqual([true, true, true]);
      expect(maxError).toBeLessThan(1e-6);
    }));

  it('names the layer and both shapes on bad input', () => {
    const model = sequential(layerNorm([2, 3]));
    expect(() => model.forward(randn([4, 3, 2]))).toThrow("layerNorm 'layers.0': expected input [..., 2, 3], got [4,3,2]");
    expect(() => model.forward(randn([3]))).toThrow("layerNorm 'layers.0': expected input [..., 2, 3], got [3]");
    expect(() => layerNorm([])).toThrow('layerNorm: normalizedShape must be one or more positive integers, got []');
  });
});

describe('layerNorm against torch.nn.LayerNorm', () => {
  it('uses eps 1e-5 by default, as torch: it shows on rows of variance near eps', async () => {
    // torch 1.13, float64: LayerNorm(3)(x), x = sin(1.3 (i + 1)) / 100 as [2, 3].
    const x = tensor(Array.from({ length: 6 }, (_, i) => Math.sin(1.3 * (i + 1)) * 0.01), { shape: [2, 3] });
    close(await flat(layerNorm(3).forward(x)), [0.91403, 0.328804, -1.24283, -1.19104, 0.125934, 1.0651], 4);
  });
});
