// Conformance cases of convolution and pooling and their gradient primitives, all built from
// one list of geometries each: strides, asymmetric padding, dilation, groups, odd and empty sizes.
import { ops, type AvgPoolAttrs, type Conv2dAttrs, type PoolAttrs } from '@webgrad/tensor';
import { f32, ints, NON_FINITE, sprinkle, uniform, type CaseTable, type Generator, type OpCase } from './spec.js';

type ConvSpec = [name: string, x: number[], w: number[], attrs: Partial<Conv2dAttrs>, values?: Generator];

const v = uniform(-1, 1);

const convs: ConvSpec[] = [
  ['[1,1,5,5] by 3x3', [1, 1, 5, 5], [1, 1, 3, 3], {}],
  ['batch 2, 3 to 4 channels, padding 1', [2, 3, 7, 6], [4, 3, 3, 3], { padding: [1, 1, 1, 1] }],
  ['stride 2', [1, 2, 9, 9], [3, 2, 3, 3], { stride: [2, 2] }],
  ['stride 2 leaves the last row and column unread', [1, 1, 8, 8], [1, 1, 3, 3], { stride: [2, 2] }],
  ['stride [2,1], asymmetric padding [1,0,2,1]', [1, 2, 6, 5], [2, 2, 3, 2], { stride: [2, 1], padding: [1, 0, 2, 1] }],
  ['dilation 2', [1, 1, 9, 8], [2, 1, 3, 3], { dilation: [2, 2] }],
  ['dilation [1,2] with padding', [1, 2, 5, 7], [2, 2, 2, 3], { dilation: [1, 2], padding: [0, 1, 2, 2] }],
  ['groups 2', [1, 4, 5, 5], [6, 2, 3, 3], { groups: 2 }],
  ['depthwise: groups 3 of 3 channels', [2, 3, 6, 6], [3, 1, 3, 3], { groups: 3, padding: [1, 1, 1, 1] }],
  ['1x1 kernel', [1, 5, 4, 4], [3, 5, 1, 1], {}],
  ['kernel larger than the input, padded', [1, 1, 2, 2], [1, 1, 3, 3], { padding: [1, 1, 1, 1] }],
  ['odd sizes [1,3,65,63]', [1, 3, 65, 63], [2, 3, 3, 3], {}],
  ['NaN and ±Inf propagate', [1, 2, 5, 5], [2, 2, 2, 2], {}, sprinkle(NON_FINITE, v, 7)],
  ['empty batch', [0, 2, 4, 4], [3, 2, 3, 3], {}],
  ['no output channels', [1, 2, 4, 4], [0, 2, 3, 3], {}],
];

function convAttrs(a: Partial<Conv2dAttrs>): Conv2dAttrs {
  return { stride: [1, 1], padding: [0, 0, 0, 0], dilation: [1, 1], groups: 1, ...a };
}

const convOut = (x: readonly number[], w: readonly number[], attrs: Conv2dAttrs): number[] =>
  [...ops.conv2d.infer('conv2d', [{ shape: x, dtype: 'float32' }, { shape: w, dtype: 'float32' }], attrs).shape];

type PoolSpec = [name: string, x: number[], attrs: Partial<PoolAttrs>, values?: Generator];

const pools: PoolSpec[] = [
  ['2x2 stride 2', [1, 1, 4, 4], {}],
  ['3x3 stride 1 padding 1', [2, 3, 5, 5], { kernel: [3, 3], stride: [1, 1], padding: [1, 1, 1, 1] }],
  ['overlapping 3x3 stride 2', [1, 2, 7, 7], { kernel: [3, 3] }],
  ['[2,3] window, stride [1,2], padding [1,0,0,2]', [1, 2, 5, 6], { kernel: [2, 3], stride: [1, 2], padding: [1, 0, 0, 2] }],
  ['odd sizes [1,1,65,63] drop the last row', [1, 1, 65, 63], {}],
  ['1x1 window is the identity', [1, 2, 3, 3], { kernel: [1, 1], stride: [1, 1] }],
  ['global window', [2, 2, 5, 5], { kernel: [5, 5], stride: [1, 1] }],
  ['ties: the first maximum takes the gradient', [1, 2, 6, 6], { kernel: [3, 3], stride: [1, 1] }, ints(-1, 1)],
  ['NaN and ±Inf', [1, 1, 6, 6], { kernel: [3, 3], stride: [1, 1], padding: [1, 1, 1, 1] }, sprinkle(NON_FINITE, v, 5)],
  ['all -Inf with padding: padding is not a value', [1, 1, 2, 2], { padding: [1, 1, 1, 1] }, () => -Infinity],
  ['empty batch', [0, 3, 4, 4], {}],
  // ceilMode: the last window runs past the padding (its excess never counts in a divisor).
  ['3x3 stride 2 padding 1 ceilMode, [1,2,6,8]', [1, 2, 6, 8], { kernel: [3, 3], stride: [2, 2], padding: [1, 1, 1, 1], ceilMode: true }],
  ['3x3 stride 2 padding 1 ceilMode, odd [1,1,7,5] (no extra window)', [1, 1, 7, 5], { kernel: [3, 3], stride: [2, 2], padding: [1, 1, 1, 1], ceilMode: true }],
  // Rows: the rounded-up window would start past the input and is dropped; columns: it is kept.
  ['ceilMode, asymmetric padding [0,1,2,0], stride [3,2]', [1, 1, 6, 8], { kernel: [3, 3], stride: [3, 2], padding: [0, 1, 2, 0], ceilMode: true }],
];

function poolAttrs(a: Partial<PoolAttrs>): PoolAttrs {
  return { kernel: [2, 2], stride: [2, 2], padding: [0, 0, 0, 0], ceilMode: false, ...a };
}

/** Each pooling case twice for averages: padding counted in the divisor (PyTorch's default) and not. */
const avgPools = pools.flatMap(([name, x, a, g]): [string, number[], AvgPoolAttrs, Generator | undefined][] =>
  [true, false].map((countIncludePad) => [`${name}, countIncludePad ${countIncludePad}`, x, { ...poolAttrs(a), countIncludePad }, g]));

const poolOut = (x: readonly number[], attrs: PoolAttrs): number[] =>
  [...ops.maxPool2d.infer('maxPool2d', [{ shape: x, dtype: 'float32' }], attrs).shape];

/** The convolution and pooling part of the case table. */
export const convCases = {
  conv2d: convs.map(([name, x, w, a, g = v]): OpCase<'conv2d'> => ({ name, inputs: [f32(x, g), f32(w, v)], attrs: convAttrs(a) })),
  conv2dInputGrad: convs.map(([name, x, w, a, g = v]): OpCase<'conv2dInputGrad'> => {
    const attrs = convAttrs(a);
    return { name, inputs: [f32(convOut(x, w, attrs), g), f32(w, v)], attrs: { ...attrs, inputShape: x } };
  }),
  conv2dFilterGrad: convs.map(([name, x, w, a, g = v]): OpCase<'conv2dFilterGrad'> => {
    const attrs = convAttrs(a);
    return { name, inputs: [f32(x, g), f32(convOut(x, w, attrs), v)], attrs: { ...attrs, filterShape: w } };
  }),
  maxPool2d: pools.map(([name, x, a, g = v]): OpCase<'maxPool2d'> => ({ name, inputs: [f32(x, g)], attrs: poolAttrs(a) })),
  maxPool2dGrad: pools.map(([name, x, a, g = v]): OpCase<'maxPool2dGrad'> => {
    const attrs = poolAttrs(a);
    return { name, inputs: [f32(x, g), f32(poolOut(x, attrs), v)], attrs };
  }),
  avgPool2d: avgPools.map(([name, x, attrs, g = v]): OpCase<'avgPool2d'> => ({ name, inputs: [f32(x, g)], attrs })),
  avgPool2dGrad: avgPools.map(([name, x, attrs, g = v]): OpCase<'avgPool2dGrad'> => ({ name, inputs: [f32(poolOut(x, attrs), g)], attrs: { ...attrs, inputShape: x } })),
} satisfies CaseTable;
