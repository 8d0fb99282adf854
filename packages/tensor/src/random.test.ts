// Seeded random tensors: the same seed replays the same values, draws respect their bounds and
// have the statistics they promise, and bad arguments are refused by name.
import { bernoulli, globalRandom, rand, randint, randn, Random, seed, type Tensor } from '@webgrad/tensor';
import { describe, expect, it } from 'vitest';

const values = async (t: Tensor): Promise<number[]> => Array.from(await t.data());
const meanOf = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const stdOf = (v: number[]): number => {
  const m = meanOf(v);
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
};

describe('seeding', () => {
  it('replays the same values after the same seed, for every generator', async () => {
    const draw = async (): Promise<number[][]> => [
      await values(rand([8])), await values(randn([8])), await values(randint([8], 0, 100)), await values(bernoulli([8], 0.5)),
    ];
    seed(1234);
    const first = await draw();
    seed(1234);
    expect(await draw()).toEqual(first);
  });

  it('gives different values for different seeds', async () => {
    seed(1);
    const a = await values(rand([16]));
    seed(2);
    const b = await values(rand([16]));
    expect(a).not.toEqual(b);
    // Nearby seeds share no values (splitmix seeding decorrelates them).
    expect(a.filter((v) => b.includes(v))).toEqual([]);
  });

  it('continues the stream between calls instead of repeating it', async () => {
    seed(5);
    const a = await values(rand([4]));
    const b = await values(rand([4]));
    expect(a).not.toEqual(b);
  });

  it('draws from a private generator without moving the global one', async () => {
    seed(9);
    const expected = await values(rand([4]));
    seed(9);
    const own = new Random(77);
    const privately = await values(rand([4], 0, 1, own));
    expect(await values(rand([4]))).toEqual(expected);
    expect(privately).toEqual(await values(rand([4], 0, 1, new Random(77))));
    expect(globalRandom).toBeInstanceOf(Random);
  });

  it('makes uniform integers and floats from the raw stream', () => {
    const r = new Random(3);
    for (let i = 0; i < 1000; i++) {
      const u = r.nextUint32();
      expect(Number.isInteger(u) && u >= 0 && u < 2 ** 32).toBe(true);
      const f = r.uniform();
      expect(f >= 0 && f < 1).toBe(true);
    }
  });
});

describe('rand', () => {
  it('stays in [lo, hi) and covers it evenly', async () => {
    seed(11);
    const t = rand([10000], -2, 3);
    expect([t.shape, t.dtype]).toEqual([[10000], 'float32']);
    const v = await values(t);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...v)).toBeLessThan(3);
    expect(Math.min(...v)).toBeLessThan(-1.99);
    expect(Math.max(...v)).toBeGreaterThan(2.99);
    // Uniform on [-2, 3): mean 0.5, std 5 / sqrt(12) = 1.443; standard error of the mean 0.014.
    expect(meanOf(v)).toBeCloseTo(0.5, 1);
    expect(Math.abs(stdOf(v) - 5 / Math.sqrt(12))).toBeLessThan(0.03);
  });

  it('never returns hi, even when a draw rounds up to it in float32', async () => {
    class Highest extends Random {
      override uniform(): number {
        return 1 - 2 ** -32;
      }
    }
    const [a] = await values(rand([1], 0, 1, new Highest()));
    expect(a).toBeLessThan(1);
    expect(a).toBe(1 - 2 ** -24);
    const [b] = await values(rand([1], 1, 2, new Highest()));
    expect(b).toBeLessThan(2);
    const [c] = await values(rand([1], -1, 0, new Highest()));
    expect(c).toBeLessThan(0);
  });

  it('makes empty and scalar tensors', async () => {
    expect(rand([0, 3]).shape).toEqual([0, 3]);
    const s = rand([]);
    expect(s.shape).toEqual([]);
    expect(s.size).toBe(1);
  });

  it('rejects a bad shape naming the op', () => {
    expect(() => rand([-1])).toThrow('rand: shape must be a list of non-negative integers, got [-1]');
    expect(() => randn([2.5])).toThrow('randn: shape must be a list of non-negative integers, got [2.5]');
  });
});

describe('randn', () => {
  it('has mean 0 and std 1 over 10k draws', async () => {
    seed(21);
    const v = await values(randn([10000]));
    // Standard error of the mean is 0.01 and of the std about 0.007: 5 standard errors of slack.
    expect(Math.abs(meanOf(v))).toBeLessThan(0.05);
    expect(Math.abs(stdOf(v) - 1)).toBeLessThan(0.035);
    expect(v.every(Number.isFinite)).toBe(true);
    // About 68% within one std and 95% within two.
    expect(Math.abs(v.filter((x) => Math.abs(x) < 1).length / v.length - 0.6827)).toBeLessThan(0.02);
    expect(Math.abs(v.filter((x) => Math.abs(x) < 2).length / v.length - 0.9545)).toBeLessThan(0.01);
  });

  it('shifts and scales by mean and std', async () => {
    seed(22);
    const v = await values(randn([10000], 5, 2));
    expect(Math.abs(meanOf(v) - 5)).toBeLessThan(0.1);
    expect(Math.abs(stdOf(v) - 2)).toBeLessThan(0.07);
  });
});

describe('randint', () => {
  it('draws int32 values in [lo, hi), each about equally often', async () => {
    seed(31);
    const t = randint([7000], -3, 4);
    expect(t.dtype).toBe('int32');
    const v = await values(t);
    expect(v.every((x) => Number.isInteger(x) && x >= -3 && x < 4)).toBe(true);
    for (let k = -3; k < 4; k++) {
      const count = v.filter((x) => x === k).length;
      // Expected 1000 each, standard deviation about 30.
      expect(Math.abs(count - 1000)).toBeLessThan(150);
    }
  });

  it('gives lo every time for a range of one', async () => {
    expect(await values(randint([5], 7, 8))).toEqual([7, 7, 7, 7, 7]);
  });

  it('rejects fractional or empty ranges', () => {
    expect(() => randint([2], 0.5, 3)).toThrow('randint: needs integers lo < hi, got lo 0.5 and hi 3');
    expect(() => randint([2], 3, 3)).toThrow('randint: needs integers lo < hi, got lo 3 and hi 3');
    expect(() => randint([2], 5, 1)).toThrow('randint: needs integers lo < hi, got lo 5 and hi 1');
  });
});

describe('bernoulli', () => {
  it('gives float32 ones with probability p', async () => {
    seed(41);
    const t = bernoulli([10000], 0.3);
    expect(t.dtype).toBe('float32');
    const v = await values(t);
    expect(v.every((x) => x === 0 || x === 1)).toBe(true);
    // Standard error sqrt(0.3 * 0.7 / 10000) = 0.0046.
    expect(Math.abs(meanOf(v) - 0.3)).toBeLessThan(0.025);
  });

  it('is all zeros at p = 0 and all ones at p = 1', async () => {
    expect(await values(bernoulli([100], 0))).toEqual(new Array(100).fill(0));
    expect(await values(bernoulli([100], 1))).toEqual(new Array(100).fill(1));
  });

  it('rejects p outside [0, 1] and NaN', () => {
    expect(() => bernoulli([2], 1.5)).toThrow('bernoulli: p must be in [0, 1], got 1.5');
    expect(() => bernoulli([2], -0.1)).toThrow('bernoulli: p must be in [0, 1], got -0.1');
    expect(() => bernoulli([2], NaN)).toThrow('bernoulli: p must be in [0, 1], got NaN');
  });
});
