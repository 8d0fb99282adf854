// Gradient-check cases of convolution and pooling, and of their gradient ops (which are
// differentiated too: second derivatives of a network run through them). Shapes of dy come
// from the op table's own inference.
import type { Conv2dAttrs, PoolAttrs } from '@webgrad/tensor';
import { inferShape, type CaseTable, type GapTable } from './case-table.js';
import type { Gen } from './harness.js';

interface ConvSetup { name: string; x: number[]; w: number[]; attrs: Conv2dAttrs }

const conv = (stride: [number, number], padding: [number, number, number, number], dilation: [number, number], groups: number): Conv2dAttrs =>
  ({ stride, padding, dilation, groups });

/** Convolutions covering stride, asymmetric padding, dilation, groups and depthwise filters. */
const convSetups: ConvSetup[] = [
  { name: 'plain 3x3', x: [1, 2, 5, 5], w: [3, 2, 3, 3], attrs: conv([1, 1], [0, 0, 0, 0], [1, 1], 1) },
  { name: 'stride [2,1], padding [1,0,2,1], dilation [2,1], batch 2', x: [2, 3, 7, 6], w: [4, 3, 2, 3], attrs: conv([2, 1], [1, 0, 2, 1], [2, 1], 1) },
  { name: '2 groups, stride [1,2]', x: [2, 4, 5, 4], w: [6, 2, 3, 2], attrs: conv([1, 2], [1, 1, 0, 1], [1, 1], 2) },
  { name: 'depthwise, dilation 2, padding 2', x: [1, 3, 5, 5], w: [3, 1, 3, 3], attrs: conv([1, 1], [2, 2, 2, 2], [2, 2], 3) },
];

interface PoolSetup { name: string; x: number[]; attrs: PoolAttrs }

const poolSetups: PoolSetup[] = [
  { name: '2x2 windows, stride 2, a ragged edge', x: [2, 2, 6, 5], attrs: { kernel: [2, 2], stride: [2, 2], padding: [0, 0, 0, 0], ceilMode: false } },
  { name: 'overlapping 3x2 windows, padding [1,1,0,1]', x: [1, 2, 5, 4], attrs: { kernel: [3, 2], stride: [1, 2], padding: [1, 1, 0, 1], ceilMode: false } },
  { name: '3x3 windows, stride 2, padding 1, ceilMode', x: [1, 2, 5, 6], attrs: { kernel: [3, 3], stride: [2, 2], padding: [1, 1, 1, 1], ceilMode: true } },
];

/** Each setup for averages with padding counted in the divisor (PyTorch's default) and not. */
const avgSetups = poolSetups.flatMap(({ name, x, attrs }) => [true, false].map((countIncludePad) => ({ name: `${name}, countIncludePad ${countIncludePad}`, x, attrs: { ...attrs, countIncludePad } })));

/** The convolution and pooling part of the case table. */
export const convCases: CaseTable = {
  conv2d: convSetups.map(({ name, x, w, attrs }) => ({ name, inputs: (g) => [g.float(x), g.float(w)], attrs })),
  conv2dInputGrad: convSetups.map(({ name, x, w, attrs }) => ({
    name,
    inputs: (g) => [g.float(inferShape('conv2d', [x, w], attrs)), g.float(w)],
    attrs: { ...attrs, inputShape: x },
  })),
  conv2dFilterGrad: convSetups.map(({ name, x, w, attrs }) => ({
    name,
    inputs: (g) => [g.float(x), g.float(inferShape('conv2d', [x, w], attrs))],
    attrs: { ...attrs, filterShape: w },
  })),
  // Distinct values: each window has one clear maximum, so the op is smooth where it is checked.
  maxPool2d: poolSetups.map(({ name, x, attrs }) => ({ name, inputs: (g) => [g.distinct(x)], attrs })),
  avgPool2d: [
    ...avgSetups.map(({ name, x, attrs }) => ({ name, inputs: (g: Gen) => [g.float(x)], attrs })),
    { name: '3x3 windows, stride [2,1], padding counted out', inputs: (g) => [g.float([1, 2, 5, 5])], attrs: { kernel: [3, 3], stride: [2, 1], padding: [1, 1, 1, 0], ceilMode: false, countIncludePad: false } },
  ],
  // Linear in dy (routed through the windows' argmax); x only picks the argmax, so its gradient is 0.
  maxPool2dGrad: poolSetups.map(({ name, x, attrs }) => ({
    name,
    inputs: (g) => [g.distinct(x), g.float(inferShape('maxPool2d', [x], attrs))],
    attrs,
    wrt: [1],
  })),
  avgPool2dGrad: avgSetups.map(({ name, x, attrs }) => ({
    name,
    inputs: (g) => [g.float(inferShape('avgPool2d', [x], attrs))],
    attrs: { ...attrs, inputShape: x },
  })),
};

/** Ops whose gradient is not implemented yet, with the reason and the error they must raise (none today). */
export const knownGaps: GapTable = {};
