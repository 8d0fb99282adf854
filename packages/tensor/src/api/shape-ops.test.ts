// Layout ops as users call them: reshape with -1, transpose, expandDims/squeeze/flatten, Python
// slices, split/stack/concat, pad, tile, broadcastTo, gather/take, scatterAdd and oneHot.
import {
  arange, broadcastTo, concat, gather, oneHot, pad, reshape, scatterAdd, slice, split, squeeze, stack, take, tensor, tile, transpose, type Tensor,
} from '@webgrad/tensor';
import { describe, expect, it } from 'vitest';

const values = async (t: Tensor): Promise<number[]> => Array.from(await t.data());
/** 0..n-1 in float32, reshaped. */
const iota = (shape: number[]): Tensor => arange(0, shape.reduce((a, b) => a * b, 1), 1, 'float32').reshape(shape);

describe('reshape', () => {
  it('keeps row-major order and infers one -1 extent', async () => {
    const x = iota([2, 3]);
    expect(await x.reshape([3, 2]).array()).toEqual([[0, 1], [2, 3], [4, 5]]);
    expect(x.reshape([-1]).shape).toEqual([6]);
    expect(x.reshape([3, -1]).shape).toEqual([3, 2]);
    expect(x.reshape([-1, 1, 2]).shape).toEqual([3, 1, 2]);
    expect(iota([0, 3]).reshape([-1, 3]).shape).toEqual([0, 3]);
    expect(tensor([5]).reshape([]).shape).toEqual([]);
  });

  it('explains what does not fit', () => {
    const x = iota([2, 3]);
    expect(() => x.reshape([-1, -1])).toThrow('reshape: only one extent may be -1, got [-1,-1]');
    expect(() => x.reshape([4, -1])).toThrow('reshape: cannot reshape [2,3] (6 elements) to [4,-1]');
    expect(() => x.reshape([4, 2])).toThrow('reshape: cannot reshape [2,3] (6 elements) to [4,2] (8 elements)');
    expect(() => x.reshape([-2, -3])).toThrow('reshape: shape must be a list of non-negative integers, got [-2,-3]');
    expect(() => reshape(x, [1.5, 4])).toThrow('reshape: shape must be a list of non-negative integers, got [1.5,4]');
  });
});

describe('transpose', () => {
  it('reverses the axes by default', async () => {
    const t = iota([2, 3]).transpose();
    expect(t.shape).toEqual([3, 2]);
    expect(await t.array()).toEqual([[0, 3], [1, 4], [2, 5]]);
    expect(iota([2, 3, 4]).transpose().shape).toEqual([4, 3, 2]);
  });

  it('follows a permutation, negative axes included', async () => {
    const x = iota([2, 3, 4]);
    const t = transpose(x, [1, 0, 2]);
    expect(t.shape).toEqual([3, 2, 4]);
    // t[i][j][k] = x[j][i][k] = 12 j + 4 i + k
    expect((await values(t)).slice(0, 8)).toEqual([0, 1, 2, 3, 12, 13, 14, 15]);
    expect(transpose(x, [-1, 0, 1]).shape).toEqual([4, 2, 3]);
  });

  it('refuses what is not a permutation', () => {
    expect(() => iota([2, 3]).transpose([0, 0])).toThrow('transpose: perm must be a permutation of 0..1 for x [2,3], got [0,0]');
    expect(() => iota([2, 3]).transpose([0])).toThrow('transpose: perm must be a permutation of 0..1 for x [2,3], got [0]');
    expect(() => iota([2, 3]).transpose([0, 2])).toThrow('transpose: perm 2 is out of range for a tensor of rank 2 (expected -2 to 1)');
  });
});

describe('expandDims, squeeze, flatten', () => {
  it('insert an axis of 1 anywhere, -1 meaning last', () => {
    const x = iota([2, 3]);
    expect(x.expandDims(0).shape).toEqual([1, 2, 3]);
    expect(x.expandDims(1).shape).toEqual([2, 1, 3]);
    expect(x.expandDims(-1).shape).toEqual([2, 3, 1]);
    expect(x.expandDims(2).shape).toEqual([2, 3, 1]);
    expect(() => x.expandDims(3)).toThrow('expandDims: axis 3 is out of range for a tensor of rank 3 (expected -3 to 2)');
  });

  it('squeeze all axes of 1 or the named ones', () => {
    const x = iota([1, 2, 1, 3]);
    expect(x.squeeze().shape).toEqual([2, 3]);
    expect(x.squeeze([0]).shape).toEqual([2, 1, 3]);
    expect(squeeze(x, [-2]).shape).toEqual([1, 2, 3]);
    expect(() => x.squeeze([1])).toThrow('squeeze: axis 1 of [1,2,1,3] has extent 2, expected 1');
    expect(iota([1, 1]).squeeze().shape).toEqual([]);
  });

  it('flatten from axis 1 by default, or from any axis', async () => {
    const x = iota([2, 3, 4]);
    expect(x.flatten().shape).toEqual([2, 12]);
    expect(x.flatten(0).shape).toEqual([24]);
    expect(x.flatten(-1).shape).toEqual([2, 3, 4]);
    expect(x.flatten(2).shape).toEqual([2, 3, 4]);
    expect(tensor(3).flatten().shape).toEqual([1]);
    expect(await values(x.flatten())).toEqual(await values(x));
  });
});

describe('slice', () => {
  const x = arange(10);

  it('counts negative indices from the end', async () => {
    expect(await values(x.slice([-3]))).toEqual([7, 8, 9]);
    expect(await values(x.slice([2], [-5]))).toEqual([2, 3, 4]);
  });

  it('clamps out-of-range bounds and gives empty slices when begin passes end', async () => {
    expect(await values(x.slice([8], [100]))).toEqual([8, 9]);
    expect(await values(x.slice([-100], [2]))).toEqual([0, 1]);
    expect(x.slice([7], [3]).shape).toEqual([0]);
    expect(x.slice([20]).shape).toEqual([0]);
  });

  it('walks with a step, backwards for a negative one', async () => {
    expect(await values(x.slice([1], [null], [3]))).toEqual([1, 4, 7]);
    expect(await values(x.slice([null], [null], [-1]))).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(await values(x.slice([8], [2], [-2]))).toEqual([8, 6, 4]);
    expect(await values(x.slice([-2], [-100], [-3]))).toEqual([8, 5, 2]);
    expect(await values(x.slice([100], [6], [-1]))).toEqual([9, 8, 7]);
    expect(x.slice([2], [8], [-1]).shape).toEqual([0]);
  });

  it('takes whole axes for null or missing entries', async () => {
    const m = iota([3, 4]);
    expect(await m.slice([1]).array()).toEqual([[4, 5, 6, 7], [8, 9, 10, 11]]);
    expect(await m.slice([null, 1], [null, 3]).array()).toEqual([[1, 2], [5, 6], [9, 10]]);
    expect(await slice(m, [null, null], [null, null], [-1, 2]).array()).toEqual([[8, 10], [4, 6], [0, 2]]);
  });

  it('refuses bad steps, fractional bounds and too many axes', () => {
    expect(() => x.slice([0], [5], [0])).toThrow('slice: step on axis 0 must be a non-zero integer, got 0');
    expect(() => x.slice([0.5])).toThrow('slice: bounds on axis 0 must be integers, got 0.5');
    expect(() => x.slice([0, 0])).toThrow('slice: got bounds for more axes than x [10] has');
  });
});

describe('split, stack, concat', () => {
  it('split into equal parts along an axis', async () => {
    const parts = iota([2, 6]).split(3, 1);
    expect(parts.map((p) => p.shape)).toEqual([[2, 2], [2, 2], [2, 2]]);
    expect(await parts[1]!.array()).toEqual([[2, 3], [8, 9]]);
  });

  it('split by sizes, a size of 0 included', async () => {
    const parts = split(arange(6), [1, 0, 3, 2]);
    expect(await Promise.all(parts.map(values))).toEqual([[0], [], [1, 2, 3], [4, 5]]);
    expect(split(iota([4, 2]), [1, 3], -2).map((p) => p.shape)).toEqual([[1, 2], [3, 2]]);
  });

  it('split explains what does not divide or add up', () => {
    expect(() => arange(5).split(2)).toThrow('split: axis 0 of [5] (extent 5) cannot be split into 2 equal parts');
    expect(() => arange(5).split([2, 2])).toThrow('split: sizes [2,2] do not add up to extent 5 of axis 0');
    expect(() => arange(5).split(2, 1)).toThrow('split: axis 1 is out of range for a tensor of rank 1 (expected -1 to 0)');
  });

  it('stack joins along a new axis, first or last', async () => {
    const a = tensor([1, 2]);
    const b = tensor([3, 4]);
    expect(await stack([a, b]).array()).toEqual([[1, 2], [3, 4]]);
    expect(await stack([a, b], 1).array()).toEqual([[1, 3], [2, 4]]);
    expect(await stack([a, b], -1).array()).toEqual([[1, 3], [2, 4]]);
    expect(() => stack([])).toThrow('stack: needs at least one tensor, got none');
    expect(() => stack([a, tensor([1, 2, 3])])).toThrow('concat: tensor 1 has shape [1,3], which does not match tensor 0 [1,2] off axis 0');
  });

  it('concat joins along an existing axis', async () => {
    const a = iota([2, 2]);
    const b = tensor([[9], [8]]);
    expect(await concat([a, b], 1).array()).toEqual([[0, 1, 9], [2, 3, 8]]);
    expect(await concat([a, a.add(10)], -2).array()).toEqual([[0, 1], [2, 3], [10, 11], [12, 13]]);
    expect(() => concat([a, b], 0)).toThrow('concat: tensor 1 has shape [2,1], which does not match tensor 0 [2,2] off axis 0');
    expect(() => concat([a, a.cast('int32')])).toThrow('concat: tensor 1 is int32, tensor 0 is float32');
    expect(() => concat([])).toThrow('concat: needs at least one tensor, got none');
  });
});

describe('pad, tile, broadcastTo', () => {
  it('pad adds a value before and after each axis', async () => {
    const x = tensor([[1, 2], [3, 4]]);
    expect(await x.pad([[1, 0], [0, 2]], 9).array()).toEqual([[9, 9, 9, 9], [1, 2, 9, 9], [3, 4, 9, 9]]);
    expect(await pad(tensor([5]), [[2, 1]]).array()).toEqual([0, 0, 5, 0]);
    expect(() => x.pad([[1, 1]])).toThrow('pad: pads needs one [before, after] pair per axis of [2,2], got [[1,1]]');
    expect(() => x.pad([[1, 1], [-1, 0]])).toThrow('pad: pads must be 2 non-negative integers, got [-1,0]');
  });

  it('tile repeats along each axis', async () => {
    const x = tensor([[1, 2], [3, 4]]);
    expect(await x.tile([1, 2]).array()).toEqual([[1, 2, 1, 2], [3, 4, 3, 4]]);
    expect(await tile(tensor([1, 2]), [3]).array()).toEqual([1, 2, 1, 2, 1, 2]);
    expect(await x.tile([2, 1]).array()).toEqual([[1, 2], [3, 4], [1, 2], [3, 4]]);
    expect(x.tile([0, 1]).shape).toEqual([0, 2]);
    expect(() => x.tile([2])).toThrow('tile: reps must be 2 non-negative integers, got [2]');
  });

  it('broadcastTo repeats axes of 1 and adds leading axes', async () => {
    expect(await broadcastTo(tensor([1, 2, 3]), [2, 3]).array()).toEqual([[1, 2, 3], [1, 2, 3]]);
    expect(await tensor([[1], [2]]).broadcastTo([2, 2]).array()).toEqual([[1, 1], [2, 2]]);
    expect(() => tensor([1, 2, 3]).broadcastTo([3, 2])).toThrow('broadcastTo: cannot broadcast x [3] with shape [3,2]');
    expect(() => tensor([[1], [2]]).broadcastTo([2])).toThrow('broadcastTo: x [2,1] does not broadcast to [2]');
  });
});

describe('gather, take, scatterAdd, oneHot', () => {
  it('gather picks rows and keeps the index shape', async () => {
    const x = iota([3, 2]);
    expect(await x.gather([2, 0, 2]).array()).toEqual([[4, 5], [0, 1], [4, 5]]);
    const idx = tensor([[1], [0]], { dtype: 'int32' });
    expect(await x.gather(idx).array()).toEqual([[[2, 3]], [[0, 1]]]);
  });

  it('gather along a negative axis, as take', async () => {
    const x = iota([2, 3]);
    expect(await x.gather([2, 1], -1).array()).toEqual([[2, 1], [5, 4]]);
    expect(await take(x, [0], 1).array()).toEqual([[0], [3]]);
    expect(() => x.gather([0], 2)).toThrow('gather: axis 2 is out of range for a tensor of rank 2 (expected -2 to 1)');
  });

  it('gather refuses out-of-range, fractional and non-int32 indices', () => {
    const x = iota([3, 2]);
    expect(() => x.gather([3])).toThrow('gather: index 3 is out of range for axis 0 of extent 3');
    expect(() => x.gather([-1])).toThrow('gather: index -1 is out of range for axis 0 of extent 3');
    expect(() => x.gather([1.5])).toThrow('gather: indices must be integers, got 1.5 at position 0');
    expect(() => x.gather(tensor([0]))).toThrow('gather: indices must be int32, got float32');
  });

  it('scatterAdd accumulates repeated indices', async () => {
    const updates = tensor([[1, 2], [3, 4], [5, 6]]);
    expect(await scatterAdd([0, 2, 0], updates, 0, 3).array()).toEqual([[6, 8], [0, 0], [3, 4]]);
    expect(await scatterAdd([1, 1], tensor([[1, 2], [3, 4]]), 1, 3).array()).toEqual([[0, 3, 0], [0, 7, 0]]);
    const i = scatterAdd([0, 0], tensor([2, 3], { dtype: 'int32' }), 0, 2);
    expect([i.dtype, await values(i)]).toEqual(['int32', [5, 0]]);
  });

  it('scatterAdd refuses indices past size and mismatched updates', () => {
    expect(() => scatterAdd([3], tensor([1]), 0, 3)).toThrow('scatterAdd: index 3 is out of range for axis 0 of extent 3');
    expect(() => scatterAdd([0, 1], tensor([1, 2, 3]), 0, 3)).toThrow('scatterAdd: updates [3] must hold indices [2] at axis 0');
  });

  it('oneHot encodes indices as float32 rows, all zero for indices out of range', async () => {
    const t = oneHot([0, 2, 1], 3);
    expect([t.dtype, await t.array()]).toEqual(['float32', [[1, 0, 0], [0, 0, 1], [0, 1, 0]]]);
    expect(await oneHot(tensor([[1], [0]], { dtype: 'int32' }), 2).array()).toEqual([[[0, 1]], [[1, 0]]]);
    expect(await oneHot([3, -1], 3).array()).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(() => oneHot([0], -1)).toThrow('oneHot: depth must be a non-negative integer, got -1');
    expect(() => oneHot(tensor([0.5]), 2)).toThrow('oneHot: indices must be int32, got float32');
  });
});

describe('scatterAdd axes', () => {
  it('accepts a negative axis, like gather', async () => {
    expect(await scatterAdd([2, 0], tensor([[1, 2], [3, 4]]), -1, 3).array()).toEqual([[2, 0, 1], [4, 0, 3]]);
  });
});
