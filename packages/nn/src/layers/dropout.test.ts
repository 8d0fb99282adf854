// dropout layer: mask statistics and scaling in training, identity in eval, seeded masks,
// gradients through the mask, bad input.
import { describe, expect, it } from 'vitest';
import { ones, randn, seed, tensor, variable, type Tensor } from '../deps.js';
import { sequential } from './containers.js';
import { dropout } from './dropout.js';

const flat = async (t: Tensor): Promise<number[]> => [...(await t.data())];

describe('dropout layer', () => {
  it('zeroes about p of the elements in training and scales the rest by 1 / (1 - p)', async () => {
    const p = 0.3;
    const n = 20_000;
    const y = await flat(dropout(p).forward(ones([n])));
    const kept = y.filter((v) => v !== 0);
    expect(kept.every((v) => Math.abs(v - 1 / (1 - p)) < 1e-6)).toBe(true);
    // Kept count is Binomial(n, 0.7): standard deviation sqrt(n p (1 - p)) ≈ 65; allow 5 of them.
    expect(Math.abs(kept.length - n * (1 - p))).toBeLessThan(5 * Math.sqrt(n * p * (1 - p)));
    // Inverted dropout keeps the expected value: the mean stays near 1.
    expect(Math.abs(y.reduce((s, v) => s + v, 0) / n - 1)).toBeLessThan(0.03);
  });

  it('is the identity in eval mode and at p = 0; p = 1 drops everything', async () => {
    const x = randn([4, 5]);
    const layer = dropout(0.5).eval();
    expect(layer.forward(x)).toBe(x);
    expect(dropout(0).forward(x)).toBe(x);
    expect((await flat(dropout(1).forward(x))).every((v) => v === 0)).toBe(true);
    const model = sequential(dropout(0.9));
    model.eval();
    expect(model.forward(x)).toBe(x);
    model.train();
    expect((await flat(model.forward(x))).filter((v) => v === 0).length).toBeGreaterThan(5);
  });

  it('draws its masks from the global seeded generator', async () => {
    seed(7);
    const a = await flat(dropout(0.5).forward(ones([64])));
    seed(7);
    const b = await flat(dropout(0.5).forward(ones([64])));
    expect(a).toEqual(b);
    expect(await flat(dropout(0.5).forward(ones([64])))).not.toEqual(a);
  });

  it('passes gradient only through kept elements, scaled like the values', async () => {
    const x = variable(tensor([1, 2, 3, 4, 5, 6, 7, 8]));
    const y = dropout(0.5).forward(x);
    y.sum().backward();
    // d(sum(x ⊙ m / (1 - p)))/dx = m / (1 - p) = y / x.
    const [values, grads] = [await flat(y), await flat(x.grad!)];
    grads.forEach((g, i) => expect(g).toBeCloseTo(values[i]! / (i + 1), 6));
    expect(grads.some((g) => g === 2)).toBe(true);
  });

  it('rejects a bad p and non-float input, naming the layer', () => {
    expect(() => dropout(1.5)).toThrow('dropout: p must be in [0, 1], got 1.5');
    const model = sequential(dropout(0.5));
    expect(() => model.forward(tensor([1, 2], { dtype: 'int32' }))).toThrow("dropout 'layers.0': expected float32 input, got int32 [2]");
  });
});
