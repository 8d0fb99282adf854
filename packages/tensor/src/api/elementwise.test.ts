// Elementwise ops as users call them: dtype promotion, lifting of plain numbers, float-only ops
// on integers, rounding, casts, comparisons, logical ops, where, and broadcasting errors.
import * as wg from '@webgrad/tensor';
import { cast, tensor, where, type Tensor } from '@webgrad/tensor';
import { describe, expect, it } from 'vitest';

const values = async (t: Tensor): Promise<number[]> => Array.from(await t.data());
const ints = (v: number[]): Tensor => tensor(v, { dtype: 'int32' });
/** dtype and values together, so one assertion shows both. */
const read = async (t: Tensor): Promise<[string, number[]]> => [t.dtype, await values(t)];

describe('dtype promotion and scalar lifting', () => {
  it('int32 with float32 computes in float32', async () => {
    expect(await read(ints([1, 2]).add(tensor([0.5, 0.25])))).toEqual(['float32', [1.5, 2.25]]);
    expect(await read(tensor([0.5, 1]).mul(ints([2, 3])))).toEqual(['float32', [1, 3]]);
  });

  it('an integer scalar keeps an int32 tensor int32', async () => {
    expect(await read(ints([1, 2]).add(2))).toEqual(['int32', [3, 4]]);
    expect(await read(ints([5, 7]).sub(10))).toEqual(['int32', [-5, -3]]);
    expect(await read(ints([3, -4]).mul(-2))).toEqual(['int32', [-6, 8]]);
    expect(await read(ints([2, 3]).pow(2))).toEqual(['int32', [4, 9]]);
  });

  it('a fractional scalar promotes an int32 tensor to float32', async () => {
    expect(await read(ints([1, 2]).add(0.5))).toEqual(['float32', [1.5, 2.5]]);
    expect(await read(ints([1, 4]).pow(0.5))).toEqual(['float32', [1, 2]]);
  });

  it('any number keeps a float32 tensor float32', async () => {
    expect(await read(tensor([1.5]).add(2))).toEqual(['float32', [3.5]]);
  });

  it('bool with bool stays bool (add and maximum are or, mul and minimum and), as torch', async () => {
    const t = tensor([true, true, false, false]);
    const f = tensor([true, false, true, false]);
    expect(await read(t.add(f))).toEqual(['bool', [1, 1, 1, 0]]);
    expect(await read(t.maximum(f))).toEqual(['bool', [1, 1, 1, 0]]);
    expect(await read(t.mul(f))).toEqual(['bool', [1, 0, 0, 0]]);
    expect(await read(t.minimum(f))).toEqual(['bool', [1, 0, 0, 0]]);
    expect(await read(t.add(true))).toEqual(['bool', [1, 1, 1, 1]]);
    // torch refuses these two; here they compute in int32.
    expect(await read(t.sub(f))).toEqual(['int32', [0, 1, -1, 0]]);
    expect(await read(t.pow(f))).toEqual(['int32', [1, 1, 0, 1]]);
  });

  it('bool with a number or an int32 computes as int32 in arithmetic', async () => {
    const t = tensor([true, true, false]);
    expect(await read(t.add(1))).toEqual(['int32', [2, 2, 1]]);
    expect(await read(t.mul(3))).toEqual(['int32', [3, 3, 0]]);
    expect(await read(t.add(0.5))).toEqual(['float32', [1.5, 1.5, 0.5]]);
    expect(await read(t.add(ints([10, 20, 30])))).toEqual(['int32', [11, 21, 30]]);
  });

  it('lifts a scalar on the left in the functional forms', async () => {
    const x = ints([1, 2, 3]);
    expect(await read(wg.sub(10, x))).toEqual(['int32', [9, 8, 7]]);
    expect(await read(wg.sub(0.5, x))).toEqual(['float32', [-0.5, -1.5, -2.5]]);
    expect(await read(wg.maximum(2, x))).toEqual(['int32', [2, 2, 3]]);
    expect(await read(wg.div(6, x))).toEqual(['float32', [6, 3, 2]]);
  });

  it('division is always true division in float32', async () => {
    expect(await read(ints([7, -7, 1]).div(2))).toEqual(['float32', [3.5, -3.5, 0.5]]);
    expect(await read(ints([1, -1, 0]).div(ints([0, 0, 0])))).toEqual(['float32', [Infinity, -Infinity, NaN]]);
    expect(await read(tensor([true]).div(tensor([true])))).toEqual(['float32', [1]]);
  });

  it('maximum and minimum promote like the rest', async () => {
    expect(await read(ints([1, 5]).maximum(tensor([2.5, 2.5])))).toEqual(['float32', [2.5, 5]]);
    expect(await read(ints([1, 5]).minimum(3))).toEqual(['int32', [1, 3]]);
  });

  it('broadcasts by NumPy rules and names both shapes when it cannot', async () => {
    const col = tensor([[1], [2]]);
    const row = tensor([10, 20, 30]);
    expect(await col.add(row).array()).toEqual([[11, 21, 31], [12, 22, 32]]);
    expect(() => tensor([[1, 2, 3], [4, 5, 6]]).add(tensor([1, 2, 3, 4]))).toThrow(
      'add: cannot broadcast a [2,3] with b [4]: extents 3 and 4 differ on axis -1 and neither is 1',
    );
  });
});

describe('comparisons and logical ops', () => {
  it('compare after promotion and give bool', async () => {
    const x = ints([1, 2, 3]);
    expect(await read(x.lt(2.5))).toEqual(['bool', [1, 1, 0]]);
    expect(await read(x.ge(2))).toEqual(['bool', [0, 1, 1]]);
    expect(await read(x.eq(tensor([1, 2.5, 3])))).toEqual(['bool', [1, 0, 1]]);
    expect(await read(x.ne(2))).toEqual(['bool', [1, 0, 1]]);
    expect(await read(x.gt(1))).toEqual(['bool', [0, 1, 1]]);
    expect(await read(x.le(1))).toEqual(['bool', [1, 0, 0]]);
    expect(await read(tensor([true, false]).eq(true))).toEqual(['bool', [1, 0]]);
  });

  it('treat NaN as unequal to everything', async () => {
    const n = tensor([NaN, 1]);
    expect(await values(n.eq(n))).toEqual([0, 1]);
    expect(await values(n.ne(n))).toEqual([1, 0]);
    expect(await values(n.lt(Infinity))).toEqual([0, 1]);
  });

  it('logical ops combine bools', async () => {
    const a = tensor([true, true, false, false]);
    const b = tensor([true, false, true, false]);
    expect(await read(a.logicalAnd(b))).toEqual(['bool', [1, 0, 0, 0]]);
    expect(await read(a.logicalOr(b))).toEqual(['bool', [1, 1, 1, 0]]);
    expect(await read(a.logicalNot())).toEqual(['bool', [0, 0, 1, 1]]);
    expect(await values(a.logicalAnd(true))).toEqual([1, 1, 0, 0]);
  });

  it('logical ops refuse non-bool operands', () => {
    expect(() => ints([1, 0]).logicalAnd(ints([1, 1]))).toThrow('logicalAnd: a must be bool, got int32');
    expect(() => tensor([1, 0]).logicalOr(tensor([true, false]))).toThrow('logicalOr: a must be bool, got float32');
    expect(() => ints([1]).logicalNot()).toThrow('logicalNot: x must be bool, got int32');
    expect(() => tensor([true]).logicalAnd(1)).toThrow('logicalAnd: a must be bool, got int32');
  });
});

describe('unary ops', () => {
  it('float-only ops cast integers and bools to float32', async () => {
    expect(await read(ints([0, 1]).exp())).toEqual(['float32', [1, Math.fround(Math.E)]]);
    expect(await read(ints([4, 9]).sqrt())).toEqual(['float32', [2, 3]]);
    expect(await read(ints([2, 4]).reciprocal())).toEqual(['float32', [0.5, 0.25]]);
    expect(await read(ints([0]).sigmoid())).toEqual(['float32', [0.5]]);
    expect(await read(tensor([true, false]).log())).toEqual(['float32', [0, -Infinity]]);
    expect(await read(ints([4]).rsqrt())).toEqual(['float32', [0.5]]);
    // torch.erf(torch.tensor([-2, 0, 1, 3], dtype=torch.float64)), rounded to float32.
    expect(await read(wg.erf(ints([-2, 0, 1, 3])))).toEqual(['float32', [-0.9953222650189527, 0, 0.8427007929497149, 0.9999779095030014].map(Math.fround)]);
    expect(await read(tensor([true, false]).erf())).toEqual(['float32', [Math.fround(0.8427007929497149), 0]]);
  });

  it('numeric ops keep int32 and turn bool into int32', async () => {
    expect(await read(ints([-3, 0, 2]).abs())).toEqual(['int32', [3, 0, 2]]);
    expect(await read(ints([-3, 0, 2]).sign())).toEqual(['int32', [-1, 0, 1]]);
    expect(await read(ints([-3, 0, 2]).relu())).toEqual(['int32', [0, 0, 2]]);
    expect(await read(ints([-3, 4]).neg())).toEqual(['int32', [3, -4]]);
    expect(await read(tensor([true, false]).neg())).toEqual(['int32', [-1, 0]]);
  });

  it('square multiplies a tensor by itself', async () => {
    expect(await read(ints([-3, 4]).square())).toEqual(['int32', [9, 16]]);
  });

  it('floor, ceil and round leave integers as they are, in a new tensor', async () => {
    const x = ints([-2, 0, 7]);
    for (const op of ['floor', 'ceil', 'round'] as const) {
      const y = x[op]();
      expect(await read(y)).toEqual(['int32', [-2, 0, 7]]);
      expect(y).not.toBe(x);
      y.dispose();
      expect(x.isDisposed).toBe(false);
    }
    expect(await read(tensor([true, false]).floor())).toEqual(['int32', [1, 0]]);
  });

  it('floor and ceil go toward -Infinity and +Infinity', async () => {
    const x = tensor([-1.5, -0.25, 1.5, 2]);
    expect(await values(x.floor())).toEqual([-2, -1, 1, 2]);
    expect(await values(x.ceil())).toEqual([-1, -0, 2, 2]);
  });

  it('round takes halves to the even neighbour', async () => {
    const x = tensor([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.4, 2.6, -2.6]);
    expect(await values(x.round())).toEqual([0, 2, 2, 4, -0, -2, -2, 2, 3, -3]);
  });

  it('sign and relu keep NaN', async () => {
    expect(await values(tensor([NaN, -0.5]).sign())).toEqual([NaN, -1]);
    expect(await values(tensor([NaN, -0.5]).relu())).toEqual([NaN, 0]);
  });
});

describe('pow', () => {
  it('follows IEEE 754 (as C99 and torch) where Math.pow differs: 1^±Inf, 1^NaN, (-1)^±Inf are 1', async () => {
    const a = tensor([1, 1, 1, -1, -1, NaN, 2, -1]);
    const b = tensor([Infinity, -Infinity, NaN, Infinity, -Infinity, 0, NaN, NaN]);
    expect(await values(a.pow(b))).toEqual([1, 1, 1, 1, 1, 1, NaN, NaN]);
  });
});

describe('cast', () => {
  it('truncates floats toward zero when going to int32', async () => {
    expect(await read(cast(tensor([1.7, -1.7, 0.5, -0.5, 2]), 'int32'))).toEqual(['int32', [1, -1, 0, 0, 2]]);
  });

  it('sends NaN to 0 and saturates out-of-range values', async () => {
    const x = tensor([NaN, 3e9, -3e9, Infinity, -Infinity]);
    expect(await values(x.cast('int32'))).toEqual([0, 2147483647, -2147483648, 2147483647, -2147483648]);
  });

  it('makes bools from non-zero values, NaN included, and numbers from bools', async () => {
    expect(await tensor([0, 2, -0.5, NaN, -0]).cast('bool').array()).toEqual([false, true, true, true, false]);
    expect(await read(ints([0, -4]).cast('bool'))).toEqual(['bool', [0, 1]]);
    expect(await read(tensor([true, false]).cast('float32'))).toEqual(['float32', [1, 0]]);
    expect(await read(tensor([true, false]).cast('int32'))).toEqual(['int32', [1, 0]]);
  });

  it('copies when the dtype already matches', async () => {
    const x = tensor([1.5]);
    const y = x.cast('float32');
    expect(y).not.toBe(x);
    x.dispose();
    expect(await values(y)).toEqual([1.5]);
  });
});

describe('where', () => {
  it('picks from a where cond is true and from b elsewhere, broadcasting all three', async () => {
    const cond = tensor([[true], [false]]);
    expect(await where(cond, tensor([1, 2]), tensor([10, 20])).array()).toEqual([[1, 2], [10, 20]]);
    expect(await read(where(tensor([true, false]), ints([1, 2]), 0))).toEqual(['int32', [1, 0]]);
    expect(await read(where(tensor([true, false]), ints([1, 2]), 0.5))).toEqual(['float32', [1, 0.5]]);
    expect(await read(where(tensor([false, true]), 3, 4))).toEqual(['float32', [4, 3]]);
  });

  it('needs a bool condition', () => {
    expect(() => where(ints([1, 0]), 1, 2)).toThrow('where: cond must be bool, got int32');
  });
});
