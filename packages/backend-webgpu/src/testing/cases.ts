// Test cases for every op on 'webgpu', typed over the op table so a new op fails the type check
// until it has cases. Sizes are small (SwiftShader is slow) but not multiples of 4 or 64, with
// broadcasting, transposes, negative steps and the float edge cases (NaN, ±Inf, −0).
import type { AvgPoolAttrs, Conv2dAttrs, DenseActivation, OpAttrs, OpName, PoolAttrs } from '@webgrad/tensor';
import type { Input } from '@webgrad/tensor/testing';

/** One case with attributes of type A: inputs, attributes and the float tolerance. */
export interface Case<A> {
  name: string;
  inputs: Input[];
  attrs: A;
  rtol?: number;
  atol?: number;
}

/** A case of op K (ops with equal attribute types share case lists). */
export type OpCase<K extends OpName> = Case<OpAttrs[K]>;

const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1e-7, -1e-7, 0.5, 1.5, 2.5, -2.5, -0.5, 100, -100, 3, -3, 1, -1];
const POSITIVE = [NaN, Infinity, 0, -0, 1e-7, 0.5, 1, 2, 10, 1e6, -1, -Infinity, 1e-30, 3.7];
const TRIG = [...SPECIAL, 1000, -31.4, 8193, 1e5, -3.4e38, 12345.678, 1e10, 3e7];
const INTS = [0, 1, -1, 7, -7, 2147483647, -2147483648, 12, -12];
type None = OpAttrs['neg'];
const none: None = {};

type Cases = { [K in OpName]: OpCase<K>[] };

function unaryCases(values: number[], int: boolean, rtol = 2e-6, atol = 1e-6): Case<None>[] {
  const list: Case<None>[] = [
    { name: 'float32 [67]', inputs: [{ shape: [67] }], attrs: none, rtol, atol },
    { name: 'float32 edge values', inputs: [{ shape: [values.length], values }], attrs: none, rtol, atol },
  ];
  if (int) list.push({ name: 'int32 edge values', inputs: [{ shape: [INTS.length], dtype: 'int32', values: INTS }], attrs: none });
  return list;
}

function binaryCases(int: boolean, rtol = 1e-6): Case<None>[] {
  const list: Case<None>[] = [
    { name: 'float32 [130] same shape', inputs: [{ shape: [130] }, { shape: [130] }], attrs: none, rtol, atol: 1e-6 },
    { name: 'float32 [3,1,5] by [4,5]', inputs: [{ shape: [3, 1, 5] }, { shape: [4, 5] }], attrs: none, rtol, atol: 1e-6 },
    { name: 'float32 scalar by [7]', inputs: [{ shape: [] }, { shape: [7] }], attrs: none, rtol, atol: 1e-6 },
    { name: 'float32 edge values, all pairs', inputs: [{ shape: [SPECIAL.length, 1], values: SPECIAL }, { shape: [1, SPECIAL.length], values: SPECIAL }], attrs: none, rtol, atol: 1e-6 },
  ];
  if (int) list.push({ name: 'int32 [9,1] by [1,9]', inputs: [{ shape: [9, 1], dtype: 'int32', values: INTS }, { shape: [1, 9], dtype: 'int32', values: INTS }], attrs: none });
  return list;
}

function compareCases(): Case<None>[] {
  return [
    ...binaryCases(true),
    { name: 'bool [2,3] by [3]', inputs: [{ shape: [2, 3], dtype: 'bool' }, { shape: [3], dtype: 'bool' }], attrs: none },
  ];
}

const logical: Case<None>[] = [
  { name: 'bool [5,1] by [1,6]', inputs: [{ shape: [5, 1], dtype: 'bool' }, { shape: [1, 6], dtype: 'bool' }], attrs: none },
];

const reduceCases: OpCase<'sum'>[] = [
  { name: '[3,4,5] axis 0', inputs: [{ shape: [3, 4, 5] }], attrs: { axes: [0], keepdims: false }, rtol: 1e-5, atol: 1e-5 },
  { name: '[3,4,5] axes 0,2 keepdims', inputs: [{ shape: [3, 4, 5] }], attrs: { axes: [0, 2], keepdims: true }, rtol: 1e-5, atol: 1e-5 },
  { name: '[3,4,5] all', inputs: [{ shape: [3, 4, 5] }], attrs: { axes: [0, 1, 2], keepdims: false }, rtol: 1e-5, atol: 1e-5 },
  { name: '[2,301] axis 1 (workgroup tree)', inputs: [{ shape: [2, 301] }], attrs: { axes: [1], keepdims: false }, rtol: 1e-5, atol: 1e-4 },
  { name: '[150,3] axis 0 (tree, strided)', inputs: [{ shape: [150, 3] }], attrs: { axes: [0], keepdims: false }, rtol: 1e-5, atol: 1e-4 },
  { name: 'edge values', inputs: [{ shape: [3, 6], values: [1, 2, NaN, 4, 5, 6, Infinity, 1, 2, 3, -Infinity, 0, -0, -0, 0.5, 1, 2, 3] }], attrs: { axes: [1], keepdims: false } },
  { name: 'int32 [4,9] axis 1', inputs: [{ shape: [4, 9], dtype: 'int32' }], attrs: { axes: [1], keepdims: false } },
  { name: 'int32 [80] (tree)', inputs: [{ shape: [80], dtype: 'int32' }], attrs: { axes: [0], keepdims: false } },
];

const sumCases: OpCase<'sum'>[] = [...reduceCases, { name: 'empty axis [0,3] axis 0', inputs: [{ shape: [0, 3] }], attrs: { axes: [0], keepdims: false } }];
const prodCases: OpCase<'sum'>[] = reduceCases.filter((c) => !c.name.includes('301') && !c.name.includes('150') && !c.name.includes('[80]')).concat([
  { name: '[2,70] small values (tree)', inputs: [{ shape: [2, 70], values: Array.from({ length: 140 }, (_, i) => 1 + ((i % 7) - 3) / 50) }], attrs: { axes: [1], keepdims: false }, rtol: 1e-5 },
]);

const argCases: OpCase<'argmax'>[] = [
  { name: '[4,70] axis 1 (tree)', inputs: [{ shape: [4, 70] }], attrs: { axis: 1, keepdims: false } },
  { name: '[5,3] axis 0', inputs: [{ shape: [5, 3] }], attrs: { axis: 0, keepdims: true } },
  { name: 'ties and NaN', inputs: [{ shape: [3, 4], values: [1, 3, 3, 0, NaN, 2, NaN, 5, -1, -1, -1, -1] }], attrs: { axis: 1, keepdims: false } },
  { name: 'int32 ties', inputs: [{ shape: [2, 5], dtype: 'int32', values: [1, 4, 4, -2, -2, 0, 0, 0, 0, 0] }], attrs: { axis: 1, keepdims: false } },
];

const mm = (name: string, a: number[], b: number[], transposeA = false, transposeB = false): OpCase<'matmul'> => ({
  name, inputs: [{ shape: a }, { shape: b }], attrs: { transposeA, transposeB }, rtol: 1e-5, atol: 1e-4,
});

const dn = (name: string, x: number[], n: number, activation: DenseActivation): OpCase<'dense'> => ({
  name, inputs: [{ shape: x }, { shape: [x[x.length - 1]!, n] }, { shape: [n] }], attrs: { activation }, rtol: 1e-5, atol: 1e-4,
});

/** softmax/logSoftmax: tiny rows (one invocation each), long rows (a workgroup each), strided axes, edge rows. */
function alongCases<K extends 'softmax' | 'logSoftmax'>(): OpCase<K>[] {
  const c = (name: string, shape: number[], axis: number, values?: number[]): OpCase<K> => ({ name, inputs: [{ shape, ...(values ? { values } : {}) }], attrs: { axis }, rtol: 2e-5, atol: 1e-6 });
  return [
    c('[3,7] axis 1', [3, 7], 1), c('[4,5,6] axis 1', [4, 5, 6], 1), c('[4,5,6] axis 0', [4, 5, 6], 0),
    c('long rows [2,300] (workgroup tree)', [2, 300], 1), c('long strided rows [150,3] axis 0', [150, 3], 0), c('size-1 axis', [4, 1], 1),
    c('NaN, ±Inf and all -Inf rows', [5, 3], 1, [1, -Infinity, 2, -Infinity, -Infinity, -Infinity, Infinity, 0, 1, NaN, 1, 2, 3, 4, 5]),
    c('edge rows in the workgroup path', [2, 200], 1, Array.from({ length: 400 }, (_, i) => (i === 7 ? Infinity : i === 300 ? NaN : i < 200 ? (i % 5) - 2 : -Infinity))),
  ];
}

const conv: Conv2dAttrs = { stride: [2, 1], padding: [1, 0, 1, 1], dilation: [1, 2], groups: 1 };
const grouped: Conv2dAttrs = { stride: [1, 1], padding: [1, 1, 1, 1], dilation: [1, 1], groups: 2 };
const pool: PoolAttrs = { kernel: [3, 2], stride: [2, 2], padding: [1, 1, 0, 1], ceilMode: false };
const pool2: PoolAttrs = { kernel: [2, 2], stride: [1, 1], padding: [0, 0, 0, 0], ceilMode: false };
// [1,2,6,8] gives [1,2,4,5]: the last row and column of windows run past the padding.
const ceil: PoolAttrs = { kernel: [3, 3], stride: [2, 2], padding: [1, 1, 1, 1], ceilMode: true };
/** Average cases for both divisors: padding counted (PyTorch's default) and not. */
const averages = (grad: boolean): Case<AvgPoolAttrs & { inputShape: number[] }>[] => [true, false].flatMap((countIncludePad) => [
  { name: `padded, strided, countIncludePad ${countIncludePad}`, inputs: [{ shape: grad ? [2, 3, 4, 3] : [2, 3, 7, 6] }], attrs: { ...pool, countIncludePad, inputShape: [2, 3, 7, 6] }, ...tol },
  { name: `ceilMode, countIncludePad ${countIncludePad}`, inputs: [{ shape: grad ? [1, 2, 4, 5] : [1, 2, 6, 8] }], attrs: { ...ceil, countIncludePad, inputShape: [1, 2, 6, 8] }, ...tol },
]);
const tol = { rtol: 1e-5, atol: 1e-4 };

/** Cases for every op. */
export const cases: Cases = {
  neg: unaryCases(SPECIAL, true), abs: unaryCases(SPECIAL, true), sign: unaryCases(SPECIAL, true), relu: unaryCases(SPECIAL, true),
  floor: unaryCases(SPECIAL, true), ceil: unaryCases(SPECIAL, true), round: unaryCases(SPECIAL, true),
  // SwiftShader flushes denormals to zero (WGSL allows it): exp(−100) is 0, hence atol.
  exp: unaryCases([...SPECIAL, 88, 88.7, -87], false, 5e-6, 1e-37), log: unaryCases(POSITIVE, false, 2e-6, 1e-6), log1p: unaryCases([...POSITIVE, -0.5, -0.999, -1, 1e-5], false, 1e-5, 1e-7),
  expm1: unaryCases([...SPECIAL, 1e-4, -1e-4, 20, -20, 88, 90], false, 1e-5, 1e-7), erf: unaryCases([...SPECIAL, 0.874, 0.876, 3.9, -3.93, 1e-20, ...Array.from({ length: 901 }, (_, i) => i / 100 - 4.5)], false, 0, 1e-7),
  sqrt: unaryCases(POSITIVE, false), rsqrt: unaryCases(POSITIVE, false),
  reciprocal: unaryCases(SPECIAL, false), sin: unaryCases(TRIG, false, 2e-6, 1e-7), cos: unaryCases(TRIG, false, 2e-6, 1e-7),
  tanh: unaryCases([...SPECIAL, 9, -9, 11, 0.01], false, 1e-5, 1e-6), sigmoid: unaryCases(SPECIAL, false, 1e-5, 1e-7),
  logicalNot: [{ name: 'bool [37]', inputs: [{ shape: [37], dtype: 'bool' }], attrs: none }],
  add: binaryCases(true), sub: binaryCases(true), mul: binaryCases(true), div: binaryCases(false),
  pow: [...binaryCases(false, 1e-5).filter((c) => !c.name.includes('edge')),
    { name: 'float32 edge pairs', inputs: [{ shape: [SPECIAL.length, 1], values: SPECIAL }, { shape: [1, 10], values: [0, 1, 2, 3, -1, -2, 0.5, -0.5, Infinity, -Infinity] }], attrs: none, rtol: 1e-5 },
    { name: 'int32 small', inputs: [{ shape: [6, 1], dtype: 'int32', values: [0, 1, -1, 2, -3, 5] }, { shape: [1, 5], dtype: 'int32', values: [0, 1, 2, 3, -1] }], attrs: none }],
  maximum: binaryCases(true), minimum: binaryCases(true),
  eq: compareCases(), ne: compareCases(), lt: compareCases(), le: compareCases(), gt: compareCases(), ge: compareCases(),
  logicalAnd: logical, logicalOr: logical,
  where: [
    { name: 'broadcast [3,1] [1,4] [3,4]', inputs: [{ shape: [3, 1], dtype: 'bool' }, { shape: [1, 4] }, { shape: [3, 4] }], attrs: none },
    { name: 'int32 same shape [70]', inputs: [{ shape: [70], dtype: 'bool' }, { shape: [70], dtype: 'int32' }, { shape: [70], dtype: 'int32' }], attrs: none },
  ],
  cast: [
    { name: 'float32 to int32', inputs: [{ shape: [SPECIAL.length + 3], values: [...SPECIAL, 3e9, -3e9, 2147483520] }], attrs: { dtype: 'int32' } },
    { name: 'float32 to bool', inputs: [{ shape: [SPECIAL.length], values: SPECIAL }], attrs: { dtype: 'bool' } },
    { name: 'int32 to float32', inputs: [{ shape: [INTS.length], dtype: 'int32', values: INTS }], attrs: { dtype: 'float32' } },
    { name: 'int32 to bool', inputs: [{ shape: [INTS.length], dtype: 'int32', values: INTS }], attrs: { dtype: 'bool' } },
    { name: 'bool to float32', inputs: [{ shape: [9], dtype: 'bool' }], attrs: { dtype: 'float32' } },
    { name: 'bool to int32', inputs: [{ shape: [9], dtype: 'bool' }], attrs: { dtype: 'int32' } },
    { name: 'float32 to float32', inputs: [{ shape: [5] }], attrs: { dtype: 'float32' } },
  ],
  sum: sumCases, prod: prodCases, max: reduceCases, min: reduceCases, argmax: argCases, argmin: argCases,
  matmul: [
    mm('[5,7]·[7,3]', [5, 7], [7, 3]), mm('[70,45]·[45,66]', [70, 45], [45, 66]),
    mm('transposed a', [7, 5], [7, 3], true), mm('transposed b', [5, 7], [3, 7], false, true), mm('both transposed', [9, 6], [4, 9], true, true),
    mm('batch broadcast [2,1,5,6]·[3,6,4]', [2, 1, 5, 6], [3, 6, 4]), mm('inner 0', [3, 0], [0, 4]),
    mm('vec4 loads [36,20]·[20,44]', [36, 20], [20, 44]), mm('vec4 loads, both transposed', [20, 36], [44, 20], true, true),
    mm('vec4 loads, b transposed, ragged edges', [22, 12], [18, 12], false, true), mm('vec4 loads, a transposed', [12, 24], [12, 8], true),
  ],
  dense: [
    dn('linear [5,7]·[7,3]', [5, 7], 3, 'linear'), dn('relu [36,20]·[20,44] (vec4 loads)', [36, 20], 44, 'relu'),
    dn('sigmoid, ragged [22,13]·[13,18]', [22, 13], 18, 'sigmoid'), dn('tanh, rank 3 [2,3,5]', [2, 3, 5], 4, 'tanh'), dn('sigmoid, inner 0', [3, 0], 4, 'sigmoid'),
  ],
  softmax: alongCases(), logSoftmax: alongCases(),
  reshape: [{ name: '[2,3,4] to [4,6]', inputs: [{ shape: [2, 3, 4] }], attrs: { shape: [4, 6] } }],
  transpose: [
    { name: '[2,3,4] perm 2,0,1', inputs: [{ shape: [2, 3, 4] }], attrs: { perm: [2, 0, 1] } },
    { name: 'int32 [5,7] perm 1,0', inputs: [{ shape: [5, 7], dtype: 'int32' }], attrs: { perm: [1, 0] } },
  ],
  broadcastTo: [{ name: '[3,1] to [2,3,4]', inputs: [{ shape: [3, 1] }], attrs: { shape: [2, 3, 4] } }],
  slice: [
    { name: '[5,6] rows 1..4, cols reversed', inputs: [{ shape: [5, 6] }], attrs: { begin: [1, 5], end: [4, -1], step: [1, -2] } },
    { name: 'bool [7] step 3', inputs: [{ shape: [7], dtype: 'bool' }], attrs: { begin: [0], end: [7], step: [3] } },
  ],
  sliceGrad: [{ name: 'dy [3,3] into [5,6]', inputs: [{ shape: [3, 3] }], attrs: { begin: [1, 5], end: [4, -1], step: [1, -2], inputShape: [5, 6] } }],
  concat: [{ name: 'three along axis 1', inputs: [{ shape: [2, 3, 2] }, { shape: [2, 1, 2] }, { shape: [2, 4, 2] }], attrs: { axis: 1 } }],
  pad: [
    { name: '[3,4] pads 1,2 / 0,3 value 7.5', inputs: [{ shape: [3, 4] }], attrs: { pads: [[1, 2], [0, 3]], value: 7.5 } },
    { name: 'int32 [2,2] value -1', inputs: [{ shape: [2, 2], dtype: 'int32' }], attrs: { pads: [[1, 0], [2, 1]], value: -1 } },
  ],
  tile: [{ name: '[2,3] reps 2,3', inputs: [{ shape: [2, 3] }], attrs: { reps: [2, 3] } }],
  gather: [
    { name: '[4,5,3] axis 1 by [2,2]', inputs: [{ shape: [4, 5, 3] }, { shape: [2, 2], dtype: 'int32', values: [4, 0, 2, 2] }], attrs: { axis: 1 } },
    { name: 'int32 [6] axis 0 by [9]', inputs: [{ shape: [6], dtype: 'int32' }, { shape: [9], dtype: 'int32', values: [5, 4, 3, 2, 1, 0, 0, 1, 5] }], attrs: { axis: 0 } },
  ],
  scatterAdd: [
    { name: 'updates [2,5,3] into size 4 axis 1', inputs: [{ shape: [5], dtype: 'int32', values: [3, 0, 3, 1, 3] }, { shape: [2, 5, 3] }], attrs: { axis: 1, size: 4 }, ...tol },
    { name: 'int32 [6] into size 3', inputs: [{ shape: [6], dtype: 'int32', values: [0, 2, 2, 0, 1, 2] }, { shape: [6], dtype: 'int32' }], attrs: { axis: 0, size: 3 } },
  ],
  conv2d: [
    { name: 'strided, padded, dilated', inputs: [{ shape: [2, 3, 7, 6] }, { shape: [4, 3, 3, 2] }], attrs: conv, ...tol },
    { name: 'groups 2', inputs: [{ shape: [1, 4, 5, 5] }, { shape: [6, 2, 3, 3] }], attrs: grouped, ...tol },
  ],
  conv2dInputGrad: [
    { name: 'strided, padded, dilated', inputs: [{ shape: [2, 4, 3, 6] }, { shape: [4, 3, 3, 2] }], attrs: { ...conv, inputShape: [2, 3, 7, 6] }, ...tol },
    { name: 'groups 2', inputs: [{ shape: [1, 6, 5, 5] }, { shape: [6, 2, 3, 3] }], attrs: { ...grouped, inputShape: [1, 4, 5, 5] }, ...tol },
  ],
  conv2dFilterGrad: [
    { name: 'strided, padded, dilated', inputs: [{ shape: [2, 3, 7, 6] }, { shape: [2, 4, 3, 6] }], attrs: { ...conv, filterShape: [4, 3, 3, 2] }, ...tol },
    { name: 'groups 2', inputs: [{ shape: [1, 4, 5, 5] }, { shape: [1, 6, 5, 5] }], attrs: { ...grouped, filterShape: [6, 2, 3, 3] }, ...tol },
  ],
  maxPool2d: [
    { name: 'padded, strided', inputs: [{ shape: [2, 3, 7, 6] }], attrs: pool },
    { name: 'ties and NaN', inputs: [{ shape: [1, 1, 3, 3], values: [1, 1, 0, NaN, 2, 2, 3, 3, 3] }], attrs: pool2 },
    { name: 'ceilMode', inputs: [{ shape: [1, 2, 6, 8] }], attrs: ceil },
  ],
  maxPool2dGrad: [
    { name: 'padded, strided', inputs: [{ shape: [2, 3, 7, 6] }, { shape: [2, 3, 4, 3] }], attrs: pool, ...tol },
    { name: 'overlapping windows with ties', inputs: [{ shape: [1, 1, 3, 3], values: [1, 1, 0, 5, 2, 2, 3, 3, 3] }, { shape: [1, 1, 2, 2] }], attrs: pool2, ...tol },
    { name: 'ceilMode', inputs: [{ shape: [1, 2, 6, 8] }, { shape: [1, 2, 4, 5] }], attrs: ceil, ...tol },
  ],
  avgPool2d: averages(false),
  avgPool2dGrad: averages(true),
};
