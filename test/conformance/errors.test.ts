// Bad input to primitives: the op table rejects wrong shapes, dtypes, axes and attributes with
// an Error naming the op and what it was given, before any kernel runs. Kept light on purpose:
// the frontend's own messages are tested beside it in packages/tensor.
import { describe, expect, it } from 'vitest';
import { fromValues, runOp, type DType, type OpAttrs, type OpName, type Tensor } from '@webgrad/tensor';
import { createOracle } from './harness.js';

const oracle = createOracle();
const t = (shape: number[], dtype: DType = 'float32'): Tensor => fromValues(new Array(shape.reduce((p, q) => p * q, 1)).fill(0), shape, dtype, oracle);
const conv = { stride: [1, 1], padding: [0, 0, 0, 0], dilation: [1, 1], groups: 1 } as OpAttrs['conv2d'];
const pool: OpAttrs['avgPool2d'] = { kernel: [2, 2], stride: [1, 1], padding: [1, 1, 1, 1], ceilMode: false, countIncludePad: true };

type Bad = [what: string, op: OpName, inputs: () => Tensor[], attrs: unknown, message: string | RegExp];

const bad: Bad[] = [
  ['matmul with inner dimensions that differ', 'matmul', () => [t([2, 3]), t([4, 5])], { transposeA: false, transposeB: false }, 'matmul: inner dimensions differ: a is [2,3], b is [4,5]'],
  ['matmul whose transposed inner dimensions differ', 'matmul', () => [t([3, 2]), t([4, 5])], { transposeA: true, transposeB: false }, 'matmul: inner dimensions differ: a is [3,2] (transposed), b is [4,5]'],
  ['matmul of int32', 'matmul', () => [t([2, 2], 'int32'), t([2, 2])], { transposeA: false, transposeB: false }, 'matmul: a must be float32, got int32'],
  ['add of shapes that do not broadcast', 'add', () => [t([2, 3]), t([4])], {}, 'add: cannot broadcast a [2,3] with b [4]'],
  ['add of two dtypes', 'add', () => [t([2]), t([2], 'int32')], {}, 'add: a and b must share a dtype, got float32 and int32'],
  ['add with one input', 'add', () => [t([2])], {}, 'add: expected 2 tensor inputs (a, b), got 1'],
  ['exp of int32', 'exp', () => [t([3], 'int32')], {}, 'exp: x must be float32, got int32'],
  ['logicalNot of float32', 'logicalNot', () => [t([3])], {}, 'logicalNot: x must be bool, got float32'],
  ['where with a float condition', 'where', () => [t([2]), t([2]), t([2])], {}, 'where: cond must be bool, got float32'],
  ['sum over an axis out of range', 'sum', () => [t([2, 3])], { axes: [2], keepdims: false }, 'sum: axes must be sorted distinct integers in [0, 2), got [2]'],
  ['max over an empty axis', 'max', () => [t([0, 3])], { axes: [0], keepdims: false }, 'max: cannot reduce an empty axis: x is [0,3], axes [0]'],
  ['argmax of a scalar', 'argmax', () => [t([])], { axis: 0, keepdims: false }, /argmax: axes must be .* in \[0, 0\), got \[0\]/],
  ['reshape to another size', 'reshape', () => [t([2, 3])], { shape: [4, 2] }, 'reshape: cannot reshape [2,3] (6 elements) to [4,2] (8 elements)'],
  ['transpose by a non-permutation', 'transpose', () => [t([2, 3])], { perm: [0, 0] }, 'transpose: perm must be a permutation of 0..1 for x [2,3], got [0,0]'],
  ['broadcastTo a smaller shape', 'broadcastTo', () => [t([2, 3])], { shape: [3] }, 'broadcastTo: x [2,3] does not broadcast to [3]'],
  ['concat of mismatched shapes', 'concat', () => [t([2, 3]), t([2, 4])], { axis: 0 }, 'concat: tensor 1 has shape [2,4], which does not match tensor 0 [2,3] off axis 0'],
  ['slice past the end', 'slice', () => [t([4])], { begin: [1], end: [5], step: [1] }, 'slice: axis 0 of [4]: begin 1, end 5, step 1 is not a normalised slice'],
  ['gather with float indices', 'gather', () => [t([3]), t([2])], { axis: 0 }, 'gather: indices must be int32, got float32'],
  ['conv2d with too few input channels', 'conv2d', () => [t([1, 2, 5, 5]), t([1, 3, 3, 3])], conv, 'conv2d: filter [1,3,3,3] expects 3 input channels with groups 1, x [1,2,5,5] has 2'],
  ['conv2d of a 3-D input', 'conv2d', () => [t([2, 5, 5]), t([1, 2, 3, 3])], conv, 'conv2d: x must have rank 4 (N, C, H, W), got shape [2,5,5]'],
  ['conv2dInputGrad with an int32 filter', 'conv2dInputGrad', () => [t([1, 1, 1, 1]), t([1, 1, 2, 2], 'int32')], { ...conv, inputShape: [1, 1, 2, 2] }, 'conv2dInputGrad: filter must be float32, got int32'],
  ['conv2dFilterGrad with an int32 dy', 'conv2dFilterGrad', () => [t([1, 1, 2, 2]), t([1, 1, 1, 1], 'int32')], { ...conv, filterShape: [1, 1, 2, 2] }, 'conv2dFilterGrad: dy must be float32, got int32'],
  ['maxPool2dGrad of int32', 'maxPool2dGrad', () => [t([1, 1, 2, 2], 'int32'), t([1, 1, 3, 3])], pool, 'maxPool2dGrad: x must be float32, got int32'],
  ['avgPool2dGrad of an int32 dy', 'avgPool2dGrad', () => [t([1, 1, 3, 3], 'int32')], { ...pool, inputShape: [1, 1, 2, 2] }, 'avgPool2dGrad: dy must be float32, got int32'],
  ['maxPool2d of an empty spatial axis, whose windows hold only padding', 'maxPool2d', () => [t([1, 1, 0, 2])], pool, 'maxPool2d: x [1,1,0,2] has an empty spatial axis, so every window would cover only padding'],
  ['avgPool2d of an empty spatial axis', 'avgPool2d', () => [t([1, 1, 2, 0])], pool, 'avgPool2d: x [1,1,2,0] has an empty spatial axis, so every window would cover only padding'],
  ['maxPool2d without ceilMode', 'maxPool2d', () => [t([1, 1, 3, 3])], { kernel: [2, 2], stride: [1, 1], padding: [0, 0, 0, 0] }, 'maxPool2d: ceilMode must be true or false, got undefined'],
  ['avgPool2d with a countIncludePad that is not a boolean', 'avgPool2d', () => [t([1, 1, 3, 3])], { ...pool, countIncludePad: 1 }, 'avgPool2d: countIncludePad must be true or false, got 1'],
  ['cast to a dtype that does not exist', 'cast', () => [t([2])], { dtype: 'float64' }, 'cast: dtype must be float32, int32 or bool, got "float64"'],
];

describe('bad input', () => {
  it.each(bad)('%s', (_what, op, inputs, attrs, message) => {
    const xs = inputs();
    expect(() => runOp(op, xs, attrs as OpAttrs[typeof op])).toThrow(message);
    xs.forEach((x) => x.dispose());
  });

  it('reports a gather index out of range from the reference kernel, naming the index and axis', () => {
    const [x, idx] = [t([3, 2]), fromValues([0, 3], [2], 'int32', oracle)];
    expect(() => runOp('gather', [x, idx], { axis: 0 })).toThrow('gather: index 3 is out of range for axis 0 of extent 3');
  });

  it('reports a scatterAdd index out of range from the reference kernel', () => {
    const [idx, upd] = [fromValues([-1], [1], 'int32', oracle), t([1, 2])];
    expect(() => runOp('scatterAdd', [idx, upd], { axis: 0, size: 2 })).toThrow('scatterAdd: index -1 is out of range for axis 0 of extent 2');
  });
});
