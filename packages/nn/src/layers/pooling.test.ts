// maxPool2d and avgPool2d layers: shapes, hand-computed windows, input gradients, shape errors.
import { describe, expect, it } from 'vitest';
import { arange, randn, variable, type Tensor } from '../deps.js';
import { sequential } from './containers.js';
import { avgPool2d, maxPool2d } from './pooling.js';
import { gradientPairs, onFloat64, summarise } from './testing.js';

const flat = async (t: Tensor): Promise<number[]> => [...(await t.data())];
const grid = (n: number): Tensor => arange(1, n * n + 1, 1, 'float32').reshape([1, 1, n, n]);

describe('pooling layers', () => {
  it('take the maximum and the mean of each window of a 4×4 grid', async () => {
    expect(await flat(maxPool2d(2).forward(grid(4)))).toEqual([6, 8, 14, 16]);
    expect(await flat(avgPool2d(2).forward(grid(4)))).toEqual([3.5, 5.5, 11.5, 13.5]);
    expect(maxPool2d(2, { stride: 1 }).forward(grid(4)).shape).toEqual([1, 1, 3, 3]);
    expect(maxPool2d([1, 2]).forward(randn([2, 3, 4, 6])).shape).toEqual([2, 3, 4, 3]);
  });

  it('count the padding in a padded average by default, and only real elements with countIncludePad false', async () => {
    // 3×3 windows over 1..9 padded by 1: the corner sees 1, 2, 4, 5 and five padded zeros; the
    // centre sees all nine (torch: avg_pool2d(x, 3, 1, 1) gives 1.3333 and 5).
    const y = await flat(avgPool2d(3, { stride: 1, padding: 1 }).forward(grid(3)));
    expect(y[0]).toBeCloseTo(12 / 9, 6);
    expect(y[4]).toBeCloseTo(5, 6);
    const real = await flat(avgPool2d(3, { stride: 1, padding: 1, countIncludePad: false }).forward(grid(3)));
    expect(real[0]).toBeCloseTo(3, 6);
    expect(real[4]).toBeCloseTo(5, 6);
    expect(avgPool2d(2, { padding: 'same' }).forward(grid(3)).shape).toEqual([1, 1, 2, 2]);
  });

  it('round the output extent up with ceilMode, as torch.nn.MaxPool2d(3, 2, 1, ceil_mode=True)', async () => {
    // 1..36 as 6×6: torch gives a 4×4 output whose last column and row hold only input edge windows.
    const x = arange(1, 37, 1, 'float32').reshape([1, 1, 6, 6]);
    expect(maxPool2d(3, { stride: 2, padding: 1 }).forward(x).shape).toEqual([1, 1, 3, 3]);
    const y = maxPool2d(3, { stride: 2, padding: 1, ceilMode: true }).forward(x);
    expect(y.shape).toEqual([1, 1, 4, 4]);
    expect((await flat(y)).slice(0, 4)).toEqual([8, 10, 12, 12]);
  });

  it('pass gradients to the input as central differences do', () =>
    onFloat64(async () => {
      const x = variable(randn([1, 2, 4, 4]));
      const r = randn([1, 2, 2, 2]);
      // Both give [1, 2, 2, 2]; the random weights make every output count differently.
      for (const layer of [maxPool2d(2), avgPool2d(3, { stride: 1, padding: 0 })]) {
        const { maxError, nonZero } = summarise(await gradientPairs(() => layer.forward(x).mul(r).sum(), [x]));
        expect(nonZero).toEqual([true]);
        expect(maxError).toBeLessThan(1e-6);
      }
    }));

  it('name the layer and both shapes when the input does not fit', () => {
    const model = sequential(maxPool2d(3), avgPool2d(2));
    expect(() => model.forward(randn([3, 4, 4]))).toThrow("maxPool2d 'layers.0': expected input [N, C, H, W], got [3,4,4]");
    expect(() => model.forward(randn([1, 2, 2, 5]))).toThrow("maxPool2d 'layers.0': expected input [N, C, H ≥ 3, W ≥ 3], got [1,2,2,5]");
    expect(() => model.forward(randn([1, 2, 3, 3]))).toThrow("avgPool2d 'layers.1': expected input [N, C, H ≥ 2, W ≥ 2], got [1,2,1,1]");
    expect(() => maxPool2d(0)).toThrow('maxPool2d: kernel must be positive integers, got 0');
  });
});
