// Reductions over chosen axes (negative, several, all, keepdims), their NaN and empty-axis
// behaviour, the composites built on them (mean, variance, logSumExp), and the softmax and
// logSoftmax primitives.
import { arange, logSumExp, mean, onOp, scope, softmax, tensor, variance, zeros, type Tensor } from '@webgrad/tensor';
import { describe, expect, it } from 'vitest';

const values = async (t: Tensor): Promise<number[]> => Array.from(await t.data());
const expectClose = (actual: number[], expected: number[], digits = 5): void => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v, `element ${i}`).toBeCloseTo(expected[i]!, digits));
};
const x = (): Tensor => tensor([[1, 5, 3], [4, 2, 6]]);

describe('sum and prod', () => {
  it('reduce all axes by default to a scalar', async () => {
    const s = x().sum();
    expect(s.shape).toEqual([]);
    expect(await s.item()).toBe(21);
    expect(await x().prod().item()).toBe(720);
  });

  it('reduce one axis, negative counting from the end', async () => {
    expect(await values(x().sum(0))).toEqual([5, 7, 9]);
    expect(await values(x().sum(1))).toEqual([9, 12]);
    expect(await values(x().sum(-1))).toEqual([9, 12]);
    expect(await values(x().prod(1))).toEqual([15, 48]);
  });

  it('reduce several axes', async () => {
    // element [i, j, k] is 12 i + 4 j + k; summing i and k gives 32 j + 60.
    const t = arange(24).reshape([2, 3, 4]);
    expect(await values(t.sum([0, 2]))).toEqual([60, 92, 124]);
    expect(await values(t.sum([-1, 0]))).toEqual([60, 92, 124]);
    expect(await x().sum([0, 1]).item()).toBe(21);
  });

  it('keep reduced axes as extent 1 with keepdims', async () => {
    expect(x().sum(1, true).shape).toEqual([2, 1]);
    expect(await x().sum(0, true).array()).toEqual([[5, 7, 9]]);
    expect(x().sum(undefined, true).shape).toEqual([1, 1]);
  });

  it('keep int32, count bools as int32', async () => {
    const i = tensor([[1, 2], [3, 4]], { dtype: 'int32' });
    expect([i.sum().dtype, await i.sum(0).array()]).toEqual(['int32', [4, 6]]);
    const b = tensor([[true, false, true], [true, true, true]]);
    expect([b.sum().dtype, await b.sum(1).array()]).toEqual(['int32', [2, 3]]);
  });

  it('give the identity for empty axes: sum 0, prod 1', async () => {
    expect(await zeros([0]).sum().item()).toBe(0);
    expect(await zeros([0]).prod().item()).toBe(1);
    expect(await values(zeros([2, 0]).sum(1))).toEqual([0, 0]);
  });

  it('propagate NaN', async () => {
    expect(await tensor([1, NaN, 3]).sum().item()).toBeNaN();
  });

  it('refuse axes out of range or listed twice', () => {
    expect(() => x().sum(2)).toThrow('sum: axes 2 is out of range for a tensor of rank 2 (expected -2 to 1)');
    expect(() => x().sum([0, -2])).toThrow('sum: axes lists axis 0 twice: [0,0]');
    expect(() => x().prod(0.5)).toThrow('prod: axes must be an integer, got 0.5');
  });
});

describe('max, min, argmax, argmin', () => {
  it('find extremes over axes', async () => {
    expect(await x().max().item()).toBe(6);
    expect(await x().min().item()).toBe(1);
    expect(await values(x().max(1))).toEqual([5, 6]);
    expect(await values(x().min(0))).toEqual([1, 2, 3]);
    expect(await x().max(-1, true).array()).toEqual([[5], [6]]);
    expect(tensor([1, 2], { dtype: 'int32' }).max().dtype).toBe('int32');
  });

  it('find indices of extremes as int32, of the flattened tensor by default', async () => {
    const a = x().argmax();
    expect([a.dtype, a.shape, await a.item()]).toEqual(['int32', [], 5]);
    expect(await x().argmin().item()).toBe(0);
    expect(await values(x().argmax(1))).toEqual([1, 2]);
    expect(await values(x().argmin(1))).toEqual([0, 1]);
    expect(await values(x().argmax(0))).toEqual([1, 0, 1]);
    expect(await values(x().argmin(-2))).toEqual([0, 1, 0]);
    expect(x().argmax(1, true).shape).toEqual([2, 1]);
    expect(await values(tensor([true, false, true]).argmin())).toEqual([1]);
  });

  it('break ties by the first index', async () => {
    expect(await tensor([3, 1, 3]).argmax().item()).toBe(0);
    expect(await tensor([2, 0, 0]).argmin().item()).toBe(1);
  });

  it('let NaN win', async () => {
    const n = tensor([1, NaN, 3]);
    expect(await n.max().item()).toBeNaN();
    expect(await n.min().item()).toBeNaN();
    expect(await n.argmax().item()).toBe(1);
    expect(await tensor([1, NaN, -5]).argmin().item()).toBe(1);
    expect(await values(tensor([[NaN, 1], [2, 3]]).max(1))).toEqual([NaN, 3]);
  });

  it('handle infinities', async () => {
    expect(await tensor([-Infinity, -Infinity]).max().item()).toBe(-Infinity);
    expect(await tensor([Infinity, 1]).argmin().item()).toBe(1);
  });

  it('refuse to reduce an empty axis', () => {
    expect(() => zeros([0]).max()).toThrow('max: cannot reduce an empty axis: x is [0], axes [0]');
    expect(() => zeros([2, 0]).min(1)).toThrow('min: cannot reduce an empty axis: x is [2,0], axes [1]');
    expect(() => zeros([0]).argmax()).toThrow('argmax: cannot reduce an empty axis: x is [0], axes [0]');
    expect(() => x().argmax(2)).toThrow('argmax: axis 2 is out of range for a tensor of rank 2 (expected -2 to 1)');
  });
});

describe('mean and variance', () => {
  it('mean divides the sum by the count, in float32', async () => {
    expect(await x().mean().item()).toBe(3.5);
    expect(await values(x().mean(0))).toEqual([2.5, 3.5, 4.5]);
    expect(await mean(x(), 1, true).array()).toEqual([[3], [4]]);
    const i = tensor([1, 2], { dtype: 'int32' }).mean();
    expect([i.dtype, await i.item()]).toEqual(['float32', 1.5]);
    expect(await zeros([0]).mean().item()).toBeNaN();
  });

  it('variance is the biased estimate by default and Bessel-corrected with correction 1', async () => {
    // mean 2.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5
    expect(await tensor([1, 2, 3, 4]).variance().item()).toBe(1.25);
    expectClose([await variance(tensor([1, 2, 3, 4]), undefined, false, 1).item()], [5 / 3]);
    // rows [1,5,3] and [4,2,6]: squared deviations 16 + 4 ... each sum to 8
    expectClose(await values(x().variance(1)), [8 / 3, 8 / 3]);
    expect(await values(x().variance(1, false, 1))).toEqual([4, 4]);
    expect(x().variance(1, true).shape).toEqual([2, 1]);
    expect(await values(x().variance(0))).toEqual([2.25, 2.25, 2.25]);
  });

  it('variance of one element with correction 1 is NaN (0 / 0)', async () => {
    expect(await tensor([5]).variance(undefined, false, 1).item()).toBeNaN();
  });
});

describe('logSumExp', () => {
  it('matches log(sum(exp)) for small values', async () => {
    expectClose([await tensor([0, 0]).logSumExp().item()], [Math.LN2]);
    expectClose([await tensor([1, 2, 3]).logSumExp().item()], [Math.log(Math.E + Math.E ** 2 + Math.E ** 3)]);
  });

  it('does not overflow or underflow for huge magnitudes', async () => {
    expectClose([await tensor([1000, 1000]).logSumExp().item()], [1000 + Math.LN2], 3);
    expectClose([await tensor([-1000, -1000]).logSumExp().item()], [-1000 + Math.LN2], 3);
    expectClose(await values(logSumExp(tensor([[0, 0], [1000, -1000]]), 1)), [Math.LN2, 1000], 3);
  });

  it('gives -Infinity for all -Infinity and Infinity for any Infinity', async () => {
    expect(await tensor([-Infinity, -Infinity]).logSumExp().item()).toBe(-Infinity);
    expect(await tensor([-Infinity, 0]).logSumExp().item()).toBe(0);
    expect(await tensor([Infinity, 0]).logSumExp().item()).toBe(Infinity);
    expect(await tensor([NaN, 0]).logSumExp().item()).toBeNaN();
  });

  it('keeps dims on request and works on int32 input', async () => {
    expect(tensor([[1, 2], [3, 4]]).logSumExp(1, true).shape).toEqual([2, 1]);
    expect(tensor([[1, 2], [3, 4]]).logSumExp(0).shape).toEqual([2]);
    const i = tensor([0, 0], { dtype: 'int32' }).logSumExp();
    expect(i.dtype).toBe('float32');
    expectClose([await i.item()], [Math.LN2]);
  });
});

describe('softmax and logSoftmax', () => {
  const e = [Math.E, Math.E ** 2, Math.E ** 3];
  const expected = e.map((v) => v / (e[0]! + e[1]! + e[2]!));

  it('softmax matches exp / sum(exp), with rows summing to 1', async () => {
    expectClose(await values(tensor([1, 2, 3]).softmax()), expected);
    const rows = await tensor([[1, 2, 3], [-5, 0, 5]]).softmax().array() as number[][];
    for (const row of rows) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('softmax is shift-invariant and stable for huge inputs', async () => {
    expectClose(await values(tensor([1001, 1002, 1003]).softmax()), expected);
    expect(await values(tensor([1e30, 0]).softmax())).toEqual([1, 0]);
    expect(await values(tensor([-1e30, 0]).softmax())).toEqual([0, 1]);
    expect(await values(tensor([-Infinity, 0, 0]).softmax())).toEqual([0, 0.5, 0.5]);
  });

  it('softmax works along any axis and on int32 input', async () => {
    expect(await tensor([[0, 5], [0, 5]]).softmax(0).array()).toEqual([[0.5, 0.5], [0.5, 0.5]]);
    const i = softmax(tensor([1, 1], { dtype: 'int32' }));
    expect([i.dtype, await values(i)]).toEqual(['float32', [0.5, 0.5]]);
    expect(() => tensor([[1]]).softmax(2)).toThrow('softmax: axis 2 is out of range for a tensor of rank 2 (expected -2 to 1)');
  });

  it('logSoftmax is x - logSumExp(x) and stable for huge inputs', async () => {
    const lse = Math.log(e[0]! + e[1]! + e[2]!);
    expectClose(await values(tensor([1, 2, 3]).logSoftmax()), [1 - lse, 2 - lse, 3 - lse]);
    expectClose(await values(tensor([1000, 1000]).logSoftmax()), [-Math.LN2, -Math.LN2]);
    expectClose(await values(tensor([1e6, 1e6 - 1]).logSoftmax()), [-Math.log1p(Math.exp(-1)), -1 - Math.log1p(Math.exp(-1))]);
    expect(await values(tensor([0, -Infinity]).logSoftmax())).toEqual([0, -Infinity]);
    const rows = await tensor([[1e4, 0, -1e4], [3, 3, 3]]).logSoftmax(-1).exp().sum(1).array() as number[];
    expectClose(rows, [1, 1]);
    expect(() => tensor([1]).logSoftmax(1)).toThrow('logSoftmax: axis 1 is out of range for a tensor of rank 1 (expected -1 to 0)');
  });

  it('keeps the composite edge cases: a row of -Inf, +Inf or NaN gives NaN; a size-1 axis gives 1 (log 0)', async () => {
    const special = tensor([[-Infinity, -Infinity], [Infinity, 1], [NaN, 1]]);
    expect(await special.softmax().array()).toEqual([[NaN, NaN], [NaN, 0], [NaN, NaN]]);
    expect(await special.logSoftmax().array()).toEqual([[NaN, NaN], [NaN, -Infinity], [NaN, NaN]]);
    expect(await tensor([[3], [-2]]).softmax().array()).toEqual([[1], [1]]);
    expect(await tensor([[3], [-2]]).logSoftmax().array()).toEqual([[0], [0]]);
    expect(zeros([0, 3]).softmax().shape).toEqual([0, 3]);
  });

  it('is one primitive op each (a fused kernel on every backend)', () => {
    const seen: string[] = [];
    const stop = onOp((op) => void seen.push(op));
    try {
      scope(() => {
        tensor([[1, 2]]).softmax();
        tensor([[1, 2]]).logSoftmax(0);
      });
    } finally {
      stop();
    }
    expect(seen).toEqual(['softmax', 'logSoftmax']);
  });
});
