// embedding: rows picked for indices of any shape, gradients to picked rows only, index errors.
import { describe, expect, it } from 'vitest';
import { randn, tensor, type Tensor } from '../deps.js';
import { sequential } from './containers.js';
import { embedding } from './embedding.js';
import { gradientPairs, onFloat64, summarise } from './testing.js';

const flat = async (t: Tensor): Promise<number[]> => [...(await t.data())];
const ints = (values: number[], shape: number[]): Tensor => tensor(values, { shape, dtype: 'int32' });

describe('embedding', () => {
  it('maps int32 indices of any shape to rows of the table: [..., dim]', async () => {
    const layer = embedding(4, 2);
    layer.weight.assign(tensor([[0, 1], [10, 11], [20, 21], [30, 31]]));
    const y = layer.forward(ints([3, 0, 1, 1, 2, 3], [2, 3]));
    expect(y.shape).toEqual([2, 3, 2]);
    expect(await flat(y)).toEqual([30, 31, 0, 1, 10, 11, 10, 11, 20, 21, 30, 31]);
    expect(layer.forward(ints([2], [])).shape).toEqual([2]);
    expect(layer.forward(ints([], [0, 5])).shape).toEqual([0, 5, 2]);
  });

  it('initialises the table from N(0, 1)', async () => {
    const w = await flat(embedding(100, 50).weight);
    const mean = w.reduce((s, v) => s + v, 0) / w.length;
    const variance = w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(variance).toBeGreaterThan(0.9);
    expect(variance).toBeLessThan(1.1);
  });

  it('sends gradient to the picked rows only, adding repeated picks', () =>
    onFloat64(async () => {
      const layer = embedding(5, 3);
      const idx = ints([1, 3, 1], [3]);
      const r = randn([3, 3]);
      const [pair] = await gradientPairs(() => layer.forward(idx).mul(r).sum(), [layer.weight]);
      expect(summarise([pair!]).maxError).toBeLessThan(1e-6);
      const rows = await flat(r);
      const grad = pair!.analytic;
      // Row 1 gets r[0] + r[2]; row 3 gets r[1]; rows 0, 2, 4 get nothing.
      [0, 1, 2].forEach((j) => {
        expect(grad[3 + j]).toBeCloseTo(rows[j]! + rows[6 + j]!, 10);
        expect(grad[9 + j]).toBeCloseTo(rows[3 + j]!, 10);
        for (const row of [0, 2, 4]) expect(grad[row * 3 + j]).toBe(0);
      });
    }));

  it('names the layer on an out-of-range index or non-integer indices', () => {
    const model = sequential(embedding(4, 2));
    expect(() => model.forward(ints([0, 4], [2]))).toThrow("embedding 'layers.0': index 4 at flat position 1 of indices [2] is out of range [0, 4)");
    expect(() => model.forward(ints([-1], [1]))).toThrow("embedding 'layers.0': index -1 at flat position 0 of indices [1] is out of range [0, 4)");
    expect(() => model.forward(tensor([0, 1]))).toThrow("embedding 'layers.0': expected int32 indices, got float32 [2]");
  });
});
