// Initialisers against their published formulas: fans for dense and convolution shapes, the
// empirical mean, variance and bounds of each on a large tensor, seeding, and orthogonality.
import { describe, expect, it } from 'vitest';
import { rand, seed, type Tensor } from './deps.js';
import * as init from './init.js';

/** Reads a tensor's values and frees it. */
async function values(t: Tensor): Promise<Float64Array> {
  const out = Float64Array.from(await t.data());
  t.dispose();
  return out;
}

function moments(v: Float64Array): { mean: number; variance: number; min: number; max: number } {
  let [sum, min, max] = [0, Infinity, -Infinity];
  for (const x of v) {
    sum += x;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  const mean = sum / v.length;
  let sq = 0;
  for (const x of v) sq += (x - mean) ** 2;
  return { mean, variance: sq / v.length, min, max };
}

describe('fans', () => {
  it('dense weights [in, out]', () => {
    expect(init.fans([784, 128])).toEqual({ fanIn: 784, fanOut: 128 });
  });
  it('convolution weights [out, in, kh, kw] count the receptive field', () => {
    expect(init.fans([16, 3, 5, 5])).toEqual({ fanIn: 3 * 25, fanOut: 16 * 25 });
    expect(init.fans([8, 4, 3])).toEqual({ fanIn: 12, fanOut: 24 });
  });
  it('vectors and scalars', () => {
    expect(init.fans([7])).toEqual({ fanIn: 7, fanOut: 7 });
    expect(init.fans([])).toEqual({ fanIn: 1, fanOut: 1 });
  });
});

// A dense [fanIn, fanOut] and a convolution shape, large enough that sample moments sit within
// a few percent of the true ones.
const dense = [200, 300] as const;
const conv = [64, 16, 5, 5] as const; // fanIn 400, fanOut 1600
const denseFans = { fanIn: 200, fanOut: 300 };
const convFans = { fanIn: 16 * 25, fanOut: 64 * 25 };

/** Published bounds (uniform) and standard deviations (normal), written out as in the papers. */
const cases: { name: string; make: () => init.Initializer; shape: readonly number[]; kind: 'uniform' | 'normal'; mean?: number; spread: number }[] = [
  { name: 'uniform(-0.3, 0.5)', make: () => init.uniform(-0.3, 0.5), shape: dense, kind: 'uniform', mean: 0.1, spread: 0.4 },
  { name: 'normal(1, 0.2)', make: () => init.normal(1, 0.2), shape: dense, kind: 'normal', mean: 1, spread: 0.2 },
  // Glorot & Bengio 2010, eq. 16: U[-sqrt(6/(nin+nout)), +sqrt(6/(nin+nout))].
  { name: 'xavierUniform', make: () => init.xavierUniform(), shape: dense, kind: 'uniform', spread: Math.sqrt(6 / (denseFans.fanIn + denseFans.fanOut)) },
  { name: 'xavierUniform gain 2 (conv)', make: () => init.xavierUniform(2), shape: conv, kind: 'uniform', spread: 2 * Math.sqrt(6 / (convFans.fanIn + convFans.fanOut)) },
  { name: 'xavierNormal', make: () => init.xavierNormal(), shape: dense, kind: 'normal', spread: Math.sqrt(2 / (denseFans.fanIn + denseFans.fanOut)) },
  // He et al. 2015: std sqrt(2/nin); the uniform form has bound sqrt(6/nin).
  { name: 'heUniform', make: () => init.heUniform(), shape: dense, kind: 'uniform', spread: Math.sqrt(6 / denseFans.fanIn) },
  { name: 'heNormal (conv)', make: () => init.heNormal(), shape: conv, kind: 'normal', spread: Math.sqrt(2 / convFans.fanIn) },
  { name: 'kaimingNormal', make: () => init.kaimingNormal(), shape: dense, kind: 'normal', spread: Math.sqrt(2 / denseFans.fanIn) },
  // LeCun et al. 1998: std sqrt(1/nin); uniform bound sqrt(3/nin).
  { name: 'lecunUniform (conv)', make: () => init.lecunUniform(), shape: conv, kind: 'uniform', spread: Math.sqrt(3 / convFans.fanIn) },
  { name: 'lecunNormal', make: () => init.lecunNormal(), shape: dense, kind: 'normal', spread: Math.sqrt(1 / denseFans.fanIn) },
];

describe('random initialisers match their formulas', () => {
  it.each(cases)('$name', async ({ make, shape, kind, mean = 0, spread }) => {
    seed(7);
    const t = make()(shape);
    expect(t.shape).toEqual(shape);
    expect(t.dtype).toBe('float32');
    const v = await values(t);
    const m = moments(v);
    if (kind === 'uniform') {
      // U[mean - a, mean + a]: variance a^2 / 3, values inside the bounds and reaching close to them.
      const [lo, hi] = [mean - spread, mean + spread];
      expect(m.min).toBeGreaterThanOrEqual(Math.fround(lo));
      expect(m.max).toBeLessThanOrEqual(Math.fround(hi));
      expect(m.min).toBeLessThan(lo + 0.01 * spread);
      expect(m.max).toBeGreaterThan(hi - 0.01 * spread);
      expect(m.variance / (spread * spread / 3)).toBeCloseTo(1, 1);
    } else {
      expect(m.variance / (spread * spread)).toBeCloseTo(1, 1);
      // A Gaussian sample of this size stays within about 5 standard deviations.
      expect(Math.max(Math.abs(m.min - mean), Math.abs(m.max - mean))).toBeLessThan(6 * spread);
      expect(Math.max(Math.abs(m.min - mean), Math.abs(m.max - mean))).toBeGreaterThan(3 * spread);
    }
    // The standard error of the mean is spread / sqrt(n); allow five of them.
    expect(Math.abs(m.mean - mean)).toBeLessThan((5 * spread) / Math.sqrt(v.length));
    // Relative variance error within 3 %.
    const expectedVariance = kind === 'uniform' ? (spread * spread) / 3 : spread * spread;
    expect(Math.abs(m.variance / expectedVariance - 1)).toBeLessThan(0.03);
  });

  it('constant, zeros and ones fill every value', async () => {
    expect(Array.from(await values(init.constant(0.25)([2, 3])))).toEqual(new Array(6).fill(0.25));
    expect(Array.from(await values(init.zeros()([4])))).toEqual([0, 0, 0, 0]);
    expect(Array.from(await values(init.ones()([2, 2])))).toEqual([1, 1, 1, 1]);
  });
});

describe('seeding', () => {
  it('the same global seed gives the same values', async () => {
    seed(123);
    const a = await values(init.heNormal()([30, 20]));
    seed(123);
    const b = await values(init.heNormal()([30, 20]));
    expect(b).toEqual(a);
    const c = await values(init.heNormal()([30, 20]));
    expect(c).not.toEqual(a);
  });

  it('{ seed } draws from a private generator: reproducible, and the global stream is untouched', async () => {
    const make = init.xavierUniform(1, { seed: 3 });
    seed(9);
    const first = await values(rand([5]));
    seed(9);
    const a = await values(make([40, 10]));
    const second = await values(rand([5]));
    expect(second).toEqual(first);
    seed(1000);
    const b = await values(make([40, 10]));
    expect(b).toEqual(a);
    expect(await values(init.xavierUniform(1, { seed: 4 })([40, 10]))).not.toEqual(a);
    expect(await values(init.normal(0, 1, { seed: 3 })([8]))).toEqual(await values(init.normal(0, 1, { seed: 3 })([8])));
    expect(await values(init.orthogonal(1, { seed: 3 })([3, 5]))).toEqual(await values(init.orthogonal(1, { seed: 3 })([3, 5])));
  });
});

/** The Gram matrix of the rows (rows x rows) or of the columns (cols x cols) of a row-major matrix. */
function gram(v: Float64Array, rows: number, cols: number, of: 'rows' | 'cols'): number[][] {
  const [n, m] = of === 'rows' ? [rows, cols] : [cols, rows];
  const at = (i: number, k: number): number => (of === 'rows' ? v[i * cols + k]! : v[k * cols + i]!);
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => {
    let s = 0;
    for (let k = 0; k < m; k++) s += at(i, k) * at(j, k);
    return s;
  }));
}

function expectIdentity(g: number[][], scale = 1): void {
  g.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(i === j ? scale : 0, 5)));
}

describe('orthogonal', () => {
  it('rows <= cols: Q Q^T = I', async () => {
    expectIdentity(gram(await values(init.orthogonal()([4, 10])), 4, 10, 'rows'));
    expectIdentity(gram(await values(init.orthogonal()([6, 6])), 6, 6, 'rows'));
    expectIdentity(gram(await values(init.orthogonal()([6, 6])), 6, 6, 'cols'));
  });

  it('rows > cols: Q^T Q = I', async () => {
    expectIdentity(gram(await values(init.orthogonal()([10, 4])), 10, 4, 'cols'));
  });

  it('trailing axes are flattened, and the gain scales Q', async () => {
    expectIdentity(gram(await values(init.orthogonal()([4, 2, 3, 3])), 4, 18, 'rows'));
    expectIdentity(gram(await values(init.orthogonal(2)([3, 7])), 3, 7, 'rows'), 4);
  });

  it('works for very long rows', async () => {
    const v = await values(init.orthogonal(1, { seed: 1 })([2, 250_000]));
    expectIdentity(gram(v, 2, 250_000, 'rows'));
  });

  it('needs a rank of at least 2', () => {
    expect(() => init.orthogonal()([5])).toThrow('init.orthogonal: needs a shape of rank 2 or more, got [5]');
  });
});
