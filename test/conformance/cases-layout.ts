// Conformance cases of the ops that move elements: reshape, transpose, broadcastTo, slice and
// its adjoint, concat, pad, tile, gather and scatterAdd. Float inputs carry NaN, ±Inf and -0.
import { ops, type SliceAttrs } from '@webgrad/tensor';
import { bool, f32, i32, ints, SPECIALS, sprinkle, uniform, type CaseTable, type InputSpec, type OpCase } from './spec.js';

/** Layout ops copy bits, so every fourth value is special: they must come out untouched. */
const mixed = sprinkle(SPECIALS, uniform(-2, 2), 4);
const x32 = (shape: readonly number[]): InputSpec => f32(shape, mixed);

function reshapeCases(): OpCase<'reshape'>[] {
  const c = (name: string, x: InputSpec, shape: number[]): OpCase<'reshape'> => ({ name, inputs: [x], attrs: { shape } });
  return [
    c('[2,3,4] to [4,6]', x32([2, 3, 4]), [4, 6]),
    c('[2,3,4] to [24]', x32([2, 3, 4]), [24]),
    c('[24] to [2,3,4]', x32([24]), [2, 3, 4]),
    c('[1] to scalar', x32([1]), []),
    c('scalar to [1,1]', x32([]), [1, 1]),
    c('[257] to [257,1]', x32([257]), [257, 1]),
    c('empty [0,3] to [3,0]', x32([0, 3]), [3, 0]),
    c('int32 [3,4] to [2,6]', i32([3, 4]), [2, 6]),
    c('bool [6] to [3,2]', bool([6]), [3, 2]),
  ];
}

function transposeCases(): OpCase<'transpose'>[] {
  const c = (name: string, x: InputSpec, perm: number[]): OpCase<'transpose'> => ({ name, inputs: [x], attrs: { perm } });
  return [
    c('[3,5] perm [1,0]', x32([3, 5]), [1, 0]),
    c('[2,3,4] perm [2,0,1]', x32([2, 3, 4]), [2, 0, 1]),
    c('[2,3,4] perm [0,2,1]', x32([2, 3, 4]), [0, 2, 1]),
    c('[2,3,4,5] perm [3,1,0,2]', x32([2, 3, 4, 5]), [3, 1, 0, 2]),
    c('identity perm [0,1]', x32([3, 4]), [0, 1]),
    c('unit axes [1,5,1] perm [2,0,1]', x32([1, 5, 1]), [2, 0, 1]),
    c('[63,65] perm [1,0]', x32([63, 65]), [1, 0]),
    c('[257,3] perm [1,0]', x32([257, 3]), [1, 0]),
    c('scalar perm []', x32([]), []),
    c('empty [0,3] perm [1,0]', x32([0, 3]), [1, 0]),
    c('int32 [4,5] perm [1,0]', i32([4, 5]), [1, 0]),
    c('bool [3,2,2] perm [1,2,0]', bool([3, 2, 2]), [1, 2, 0]),
  ];
}

function broadcastToCases(): OpCase<'broadcastTo'>[] {
  const c = (name: string, x: InputSpec, shape: number[]): OpCase<'broadcastTo'> => ({ name, inputs: [x], attrs: { shape } });
  return [
    c('[3] to [2,3]', x32([3]), [2, 3]),
    c('[1] to [4,5]', x32([1]), [4, 5]),
    c('scalar to [2,2]', x32([]), [2, 2]),
    c('[2,1,3] to [2,4,3]', x32([2, 1, 3]), [2, 4, 3]),
    c('[3,1] to [2,3,65]', x32([3, 1]), [2, 3, 65]),
    c('[1] to [257]', x32([1]), [257]),
    c('NaN, ±Inf, -0 [16,1] to [16,3]', f32([SPECIALS.length, 1], SPECIALS), [SPECIALS.length, 3]),
    c('same shape [3,4]', x32([3, 4]), [3, 4]),
    c('scalar to scalar', x32([]), []),
    c('[1,3] to empty [0,3]', x32([1, 3]), [0, 3]),
    c('int32 [4,1] to [4,3]', i32([4, 1]), [4, 3]),
    c('bool [1,3] to [2,3]', bool([1, 3]), [2, 3]),
  ];
}

type SliceSpec = [name: string, shape: number[], attrs: SliceAttrs];

const slices: SliceSpec[] = [
  ['[5,6] rows 1..4, cols 2..6', [5, 6], { begin: [1, 2], end: [4, 6], step: [1, 1] }],
  ['[10] step 2', [10], { begin: [1], end: [10], step: [2] }],
  ['[6] reversed', [6], { begin: [5], end: [-1], step: [-1] }],
  ['[6] from 4 down to 0 exclusive, step -2', [6], { begin: [4], end: [0], step: [-2] }],
  ['[3,4,5] mixed steps', [3, 4, 5], { begin: [0, 1, 4], end: [3, 3, -1], step: [2, 1, -2] }],
  ['[257] step 5 from 3', [257], { begin: [3], end: [257], step: [5] }],
  ['[63,65] a strided window', [63, 65], { begin: [1, 64], end: [62, 0], step: [3, -7] }],
  ['empty: begin equals end', [5], { begin: [2], end: [2], step: [1] }],
  ['empty input [0,3]', [0, 3], { begin: [0, 0], end: [0, 3], step: [1, 1] }],
  ['scalar', [], { begin: [], end: [], step: [] }],
];

const sliced = (shape: readonly number[], attrs: SliceAttrs): number[] => [...ops.slice.infer('slice', [{ shape, dtype: 'float32' }], attrs).shape];

function sliceCases(): OpCase<'slice'>[] {
  return [
    ...slices.map(([name, shape, attrs]) => ({ name, inputs: [x32(shape)], attrs })),
    { name: 'int32 [4,5] step [2,-1]', inputs: [i32([4, 5])], attrs: { begin: [0, 4], end: [4, -1], step: [2, -1] } },
    { name: 'bool [7] step 3', inputs: [bool([7])], attrs: { begin: [0], end: [7], step: [3] } },
  ];
}

/** sliceGrad scatters dy (shaped like the slice) into zeros of the input's shape. */
function sliceGradCases(): OpCase<'sliceGrad'>[] {
  const at = { begin: [1, 0], end: [4, 5], step: [2, 2] };
  return [
    ...slices.map(([name, shape, attrs]) => ({ name, inputs: [x32(sliced(shape, attrs))], attrs: { ...attrs, inputShape: shape } })),
    { name: 'int32 dy', inputs: [i32(sliced([4, 5], at))], attrs: { ...at, inputShape: [4, 5] } },
    { name: 'bool dy', inputs: [bool(sliced([4, 5], at))], attrs: { ...at, inputShape: [4, 5] } },
  ];
}

function concatCases(): OpCase<'concat'>[] {
  const c = (name: string, xs: InputSpec[], axis: number): OpCase<'concat'> => ({ name, inputs: xs, attrs: { axis } });
  return [
    c('axis 0: [2,3] and [4,3]', [x32([2, 3]), x32([4, 3])], 0),
    c('axis 1: [2,3], [2,5] and [2,1]', [x32([2, 3]), x32([2, 5]), x32([2, 1])], 1),
    c('one input', [x32([3, 2])], 1),
    c('[1] and [1]', [x32([1]), x32([1])], 0),
    c('[63,2], [65,2] and [1,2]', [x32([63, 2]), x32([65, 2]), x32([1, 2])], 0),
    c('3-D axis 1', [x32([2, 1, 3]), x32([2, 4, 3])], 1),
    c('3-D axis 2', [x32([2, 3, 3]), x32([2, 3, 1]), x32([2, 3, 2])], 2),
    c('an empty piece [0,3]', [x32([2, 3]), x32([0, 3]), x32([1, 3])], 0),
    c('every piece empty', [x32([2, 0]), x32([2, 0])], 1),
    c('int32 axis 1', [i32([3, 2]), i32([3, 3])], 1),
    c('bool axis 0', [bool([2, 2]), bool([1, 2])], 0),
  ];
}

function padCases(): OpCase<'pad'>[] {
  const c = (name: string, x: InputSpec, pads: [number, number][], value = 0): OpCase<'pad'> => ({ name, inputs: [x], attrs: { pads, value } });
  return [
    c('[2,3] by [[1,2],[0,3]] with 0', x32([2, 3]), [[1, 2], [0, 3]]),
    c('value -1.5', x32([2, 2]), [[1, 1], [1, 1]], -1.5),
    c('value NaN', x32([3]), [[2, 1]], NaN),
    c('value -Inf', x32([2, 2]), [[0, 1], [2, 0]], -Infinity),
    c('value -0', x32([2]), [[1, 1]], -0),
    c('3-D [2,3,4]', x32([2, 3, 4]), [[1, 0], [0, 2], [3, 1]]),
    c('[63] to 65', x32([63]), [[1, 1]]),
    c('[257] by [3,0]', x32([257]), [[3, 0]]),
    c('no padding', x32([3, 2]), [[0, 0], [0, 0]]),
    c('scalar', x32([]), []),
    c('empty [0,2] padded to [2,2]', x32([0, 2]), [[1, 1], [0, 0]], 4),
    c('int32 value 7', i32([2, 3]), [[1, 0], [0, 1]], 7),
    c('bool value 1', bool([2, 2]), [[1, 1], [0, 1]], 1),
  ];
}

function tileCases(): OpCase<'tile'>[] {
  const c = (name: string, x: InputSpec, reps: number[]): OpCase<'tile'> => ({ name, inputs: [x], attrs: { reps } });
  return [
    c('[2,3] reps [2,3]', x32([2, 3]), [2, 3]),
    c('[3] reps [4]', x32([3]), [4]),
    c('[2,1,3] reps [1,4,1]', x32([2, 1, 3]), [1, 4, 1]),
    c('reps [1,1]', x32([2, 2]), [1, 1]),
    c('[1] reps [257]', x32([1]), [257]),
    c('NaN, ±Inf, -0 reps [2]', f32([SPECIALS.length], SPECIALS), [2]),
    c('reps 0 empties an axis', x32([2, 3]), [0, 1]),
    c('empty [0,2] reps [3,2]', x32([0, 2]), [3, 2]),
    c('scalar reps []', x32([]), []),
    c('int32 [2,2] reps [2,1]', i32([2, 2]), [2, 1]),
    c('bool [3] reps [3]', bool([3]), [3]),
  ];
}

function gatherCases(): OpCase<'gather'>[] {
  const c = (name: string, x: InputSpec, indices: InputSpec, axis: number): OpCase<'gather'> => ({ name, inputs: [x, indices], attrs: { axis } });
  return [
    c('rows of [5,3], with repeats', x32([5, 3]), i32([4], [4, 0, 4, 2]), 0),
    c('columns of [3,5] by [2,2] indices', x32([3, 5]), i32([2, 2], [1, 4, 0, 1]), 1),
    c('[2,3,4] along axis 2', x32([2, 3, 4]), i32([5], ints(0, 3)), 2),
    c('scalar index drops the axis', x32([4, 3]), i32([], [2]), 0),
    c('[257] by 65 indices', x32([257]), i32([65], ints(0, 256)), 0),
    c('empty indices [0]', x32([3, 4]), i32([0]), 1),
    c('empty x [0,4]', x32([0, 4]), i32([2], [3, 0]), 1),
    c('int32 x', i32([4, 3]), i32([3], [3, 3, 1]), 0),
    c('bool x', bool([2, 5]), i32([3], [0, 4, 2]), 1),
  ];
}

function scatterAddCases(): OpCase<'scatterAdd'>[] {
  const c = (name: string, indices: InputSpec, updates: InputSpec, axis: number, size: number): OpCase<'scatterAdd'> =>
    ({ name, inputs: [indices, updates], attrs: { axis, size } });
  return [
    c('rows with repeats into size 3', i32([5], [2, 0, 2, 2, 1]), f32([5, 2]), 0, 3),
    c('axis 1 of [2,4,3] into size 6', i32([4], [5, 0, 5, 3]), f32([2, 4, 3]), 1, 6),
    c('[2,2] indices at axis 0', i32([2, 2], [3, 0, 3, 1]), f32([2, 2, 3]), 0, 4),
    c('scalar index adds one row', i32([], [1]), f32([3]), 0, 2),
    c('257 updates into 3 slots', i32([257], ints(0, 2)), f32([257]), 0, 3),
    c('NaN and ±Inf in updates', i32([4], [0, 1, 0, 1]), f32([4, 4], mixed), 0, 2),
    c('no indices gives zeros', i32([0]), f32([0, 3]), 0, 4),
    c('size 0', i32([0]), f32([0, 2]), 0, 0),
    c('int32 updates', i32([4], [1, 1, 0, 2]), i32([4, 2]), 0, 3),
  ];
}

/** The layout part of the case table. */
export const layoutCases = {
  reshape: reshapeCases(),
  transpose: transposeCases(),
  broadcastTo: broadcastToCases(),
  slice: sliceCases(),
  sliceGrad: sliceGradCases(),
  concat: concatCases(),
  pad: padCases(),
  tile: tileCases(),
  gather: gatherCases(),
  scatterAdd: scatterAddCases(),
} satisfies CaseTable;
