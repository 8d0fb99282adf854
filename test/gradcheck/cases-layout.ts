// Gradient-check cases of reductions, matmul and the ops that move elements: several axes and
// keepdims, transposed and batch-broadcast products, negative-step slices, repeated indices.
import { fromValues } from '@webgrad/tensor';
import type { CaseTable } from './case-table.js';

const S = [2, 3, 4];
const axes = (list: number[], keepdims: boolean) => ({ axes: list, keepdims });

/** The reduction and matmul part of the case table. */
export const reduceCases: CaseTable = {
  sum: [
    { name: 'axes [0,2]', inputs: (g) => [g.float(S)], attrs: axes([0, 2], false) },
    { name: 'axis 1, keepdims', inputs: (g) => [g.float(S)], attrs: axes([1], true) },
    { name: 'all axes', inputs: (g) => [g.float(S)], attrs: axes([0, 1, 2], false) },
  ],
  // Values away from 0 (the rule divides the product by each factor), and exact zeros, one per slice.
  prod: [
    { name: 'axis 1', inputs: (g) => [g.awayFromZero(S, 0.5, 1.5)], attrs: axes([1], false) },
    { name: 'axes [0,2], keepdims', inputs: (g) => [g.awayFromZero(S, 0.5, 1.5)], attrs: axes([0, 2], true) },
    { name: 'axis 1, one exact zero in each slice', inputs: () => [fromValues([0, 1.5, -0.5, 2, 0.75, -1.25, 0, 1.1], [2, 4], 'float32')], attrs: axes([1], false) },
  ],
  // Distinct values: a tie would put the reduction on a kink.
  max: [
    { name: 'axis 2', inputs: (g) => [g.distinct(S)], attrs: axes([2], false) },
    { name: 'axes [0,1], keepdims', inputs: (g) => [g.distinct(S)], attrs: axes([0, 1], true) },
  ],
  min: [
    { name: 'axis 0', inputs: (g) => [g.distinct(S)], attrs: axes([0], false) },
    { name: 'all axes', inputs: (g) => [g.distinct(S)], attrs: axes([0, 1, 2], false) },
  ],
  matmul: [
    { name: '[3,4] x [4,5]', inputs: (g) => [g.float([3, 4]), g.float([4, 5])], attrs: { transposeA: false, transposeB: false } },
    { name: 'transposeA', inputs: (g) => [g.float([4, 3]), g.float([4, 5])], attrs: { transposeA: true, transposeB: false } },
    { name: 'transposeB', inputs: (g) => [g.float([3, 4]), g.float([5, 4])], attrs: { transposeA: false, transposeB: true } },
    { name: 'both transposed', inputs: (g) => [g.float([4, 3]), g.float([5, 4])], attrs: { transposeA: true, transposeB: true } },
    { name: 'batches broadcast [2,1,3,4] x [3,4,2]', inputs: (g) => [g.float([2, 1, 3, 4]), g.float([3, 4, 2])], attrs: { transposeA: false, transposeB: false } },
    { name: 'rank-2 a against batched, transposed b', inputs: (g) => [g.float([4, 3]), g.float([2, 5, 4])], attrs: { transposeA: true, transposeB: true } },
  ],
};

/** The layout part of the case table. */
export const layoutCases: CaseTable = {
  reshape: [{ name: '[2,3,4] to [4,6]', inputs: (g) => [g.float(S)], attrs: { shape: [4, 6] } }],
  transpose: [
    { name: 'perm [2,0,1]', inputs: (g) => [g.float(S)], attrs: { perm: [2, 0, 1] } },
    { name: 'swap last two of rank 4', inputs: (g) => [g.float([2, 1, 3, 2])], attrs: { perm: [0, 1, 3, 2] } },
  ],
  broadcastTo: [
    { name: '[3,1] to [2,3,4]', inputs: (g) => [g.float([3, 1])], attrs: { shape: S } },
    { name: 'scalar to [2,3]', inputs: (g) => [g.float([])], attrs: { shape: [2, 3] } },
  ],
  slice: [
    { name: 'contiguous window', inputs: (g) => [g.float(S)], attrs: { begin: [0, 1, 1], end: [2, 3, 4], step: [1, 1, 1] } },
    { name: 'stride 2 on the last axis', inputs: (g) => [g.float(S)], attrs: { begin: [1, 0, 0], end: [2, 3, 4], step: [1, 1, 2] } },
    { name: 'negative steps', inputs: (g) => [g.float(S)], attrs: { begin: [1, 2, 3], end: [-1, -1, 0], step: [-1, -2, -1] } },
  ],
  sliceGrad: [
    // dy is shaped like slice's output: [2,2,2] from a [2,3,4] input with step 2 on axes 1 and 2.
    { name: 'strided', inputs: (g) => [g.float([2, 2, 2])], attrs: { begin: [0, 0, 1], end: [2, 3, 4], step: [1, 2, 2], inputShape: S } },
    { name: 'negative step', inputs: (g) => [g.float([2, 3, 2])], attrs: { begin: [1, 2, 3], end: [-1, -1, 0], step: [-1, -1, -2], inputShape: S } },
  ],
  concat: [
    { name: 'three along the middle axis', inputs: (g) => [g.float([2, 1, 3]), g.float([2, 3, 3]), g.float([2, 2, 3])], attrs: { axis: 1 } },
    { name: 'two along axis 0', inputs: (g) => [g.float([1, 4]), g.float([2, 4])], attrs: { axis: 0 } },
  ],
  pad: [
    { name: 'uneven pads, non-zero value', inputs: (g) => [g.float([2, 3])], attrs: { pads: [[1, 0], [0, 2]], value: 0.5 } },
    { name: 'rank 3, one axis unpadded', inputs: (g) => [g.float(S)], attrs: { pads: [[0, 0], [2, 1], [1, 1]], value: 0 } },
  ],
  tile: [
    { name: 'reps [3,2]', inputs: (g) => [g.float([2, 3])], attrs: { reps: [3, 2] } },
    { name: 'reps [1,2,1]', inputs: (g) => [g.float(S)], attrs: { reps: [1, 2, 1] } },
  ],
  gather: [
    { name: 'repeated rows, axis 0, 2-D indices', inputs: (g) => [g.float([4, 3]), fromValues([0, 2, 2, 3, 0, 0], [2, 3], 'int32')], attrs: { axis: 0 } },
    { name: 'axis 1 of rank 3', inputs: (g) => [g.float(S), g.indices([5], 3)], attrs: { axis: 1 } },
  ],
  scatterAdd: [
    { name: 'repeated indices, axis 1', inputs: (g) => [fromValues([1, 3, 1, 0, 3], [5], 'int32'), g.float([2, 5, 3])], attrs: { axis: 1, size: 4 } },
    { name: '2-D indices at axis 0', inputs: (g) => [fromValues([2, 0, 2, 1], [2, 2], 'int32'), g.float([2, 2, 3])], attrs: { axis: 0, size: 3 } },
  ],
};
