// Activation composites against values worked out from their definitions: leakyRelu, elu,
// softplus (no overflow), GELU (exact and tanh forms), clip; and that they free their temporaries.
import { clip, elu, gelu, leakyRelu, memory, softplus, tensor, type Tensor } from '@webgrad/tensor';
import { describe, expect, it } from 'vitest';

const values = async (t: Tensor): Promise<number[]> => Array.from(await t.data());
const expectClose = (actual: number[], expected: number[], digits = 5): void => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v, `element ${i}`).toBeCloseTo(expected[i]!, digits));
};

describe('leakyRelu', () => {
  it('scales negatives by alpha, 0.01 by default', async () => {
    expectClose(await values(tensor([-2, 0, 3]).leakyRelu()), [-0.02, 0, 3]);
    expectClose(await values(leakyRelu(tensor([-2, 0, 3]), 0.2)), [-0.4, 0, 3]);
  });

  it('gives float32 for int32 input', async () => {
    const y = tensor([-2, 3], { dtype: 'int32' }).leakyRelu(0.5);
    expect([y.dtype, await values(y)]).toEqual(['float32', [-1, 3]]);
  });
});

describe('elu', () => {
  it('is x above 0 and alpha (e^x - 1) at or below', async () => {
    // e^-1 - 1 = -0.6321206; 2 (e^-0.5 - 1) = -0.7869387
    expectClose(await values(tensor([-1, 0, 3]).elu()), [-0.6321206, 0, 3]);
    expectClose(await values(elu(tensor([-0.5, 2]), 2)), [-0.7869387, 2]);
  });

  it('saturates at -alpha and never overflows for large x', async () => {
    expect(await values(tensor([-1000, 1000]).elu(1.5))).toEqual([-1.5, 1000]);
  });
});

describe('softplus', () => {
  it('is log(1 + e^x)', async () => {
    // ln 2 = 0.6931472; 1 + ln(1 + e^-1) = 1.3132617; ln(1 + e^-2) = 0.1269280
    expectClose(await values(tensor([0, 1, -2]).softplus()), [0.6931472, 1.3132617, 0.126928]);
  });

  it('does not overflow for large x and goes to 0 for very negative x', async () => {
    const [big, huge, tiny] = await values(softplus(tensor([100, 1e4, -100])));
    expect(big).toBe(100);
    expect(huge).toBe(1e4);
    expect(tiny).toBeGreaterThanOrEqual(0);
    expect(tiny).toBeLessThan(1e-40);
  });
});

describe('gelu', () => {
  it('is exact by default: x Φ(x) = 0.5 x (1 + erf(x / √2)), as torch.nn.functional.gelu', async () => {
    // torch 1.13: gelu(tensor([0, 1, -1, 2, -3], dtype=float64)).
    expectClose(await values(tensor([0, 1, -1, 2, -3]).gelu()), [0, 0.8413447, -0.1586553, 1.9544997, -0.0040497]);
    expectClose(await values(gelu(tensor([0, 1, -1, 2, -3]), { approximate: 'none' })), [0, 0.8413447, -0.1586553, 1.9544997, -0.0040497]);
  });

  it("matches the tanh approximation 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) with approximate 'tanh'", async () => {
    // At x = 1: sqrt(2/pi) * 1.044715 = 0.8335600, tanh = 0.6823839, so 0.5 * 1.6823839 = 0.8411920.
    // gelu(x) - gelu(-x) = x, so gelu(-1) = 0.8411920 - 1.
    expectClose(await values(tensor([0, 1, -1, 2, -3]).gelu({ approximate: 'tanh' })), [0, 0.841192, -0.158808, 1.9545977, -0.0036374]);
  });

  it('refuses an unknown approximation, naming it', () => {
    expect(() => gelu(tensor([1]), { approximate: 'erf' as 'none' })).toThrow(`gelu: approximate must be 'none' or 'tanh', got "erf"`);
  });

  it('is x for large positive and 0 for large negative inputs', async () => {
    expect(await values(gelu(tensor([20, -20])))).toEqual([20, -0]);
    expect(await values(gelu(tensor([20, -20]), { approximate: 'tanh' }))).toEqual([20, -0]);
  });
});

describe('clip', () => {
  it('clamps into [lo, hi]', async () => {
    expect(await values(tensor([-2, 0.5, 3]).clip(-1, 1))).toEqual([-1, 0.5, 1]);
    expect(await values(clip(tensor([-Infinity, Infinity]), 0, 6))).toEqual([0, 6]);
    expect(await values(tensor([1, 2, 3]).clip(2, 2))).toEqual([2, 2, 2]);
  });

  it('keeps int32 for integer bounds and passes NaN through', async () => {
    const y = tensor([-5, 1, 9], { dtype: 'int32' }).clip(0, 4);
    expect([y.dtype, await values(y)]).toEqual(['int32', [0, 1, 4]]);
    expect(await values(tensor([NaN]).clip(0, 1))).toEqual([NaN]);
  });

  it('refuses lo above hi', () => {
    expect(() => tensor([1]).clip(1, 0)).toThrow('clip: lo must not exceed hi, got lo 1 and hi 0');
    expect(() => tensor([1]).clip(NaN, 0)).toThrow('clip: lo must not exceed hi, got lo NaN and hi 0');
  });
});

describe('temporaries', () => {
  it('each activation leaves only its result alive', () => {
    const x = tensor([[-1, 0.5], [2, -3]]);
    const before = memory().liveTensors;
    const outs = [x.leakyRelu(), x.elu(), x.softplus(), x.gelu(), x.clip(-1, 1), x.square()];
    expect(memory().liveTensors).toBe(before + outs.length);
  });
});
