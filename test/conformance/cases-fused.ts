// Conformance cases of the fused ops. dense: every activation, rank 1 to 3 inputs, extents
// around the wasm register tile (4×8) and the GPU tile (32), an empty k (the output is act(b)),
// NaN and ±Inf in x and b, and products big enough that wasm splits them across threads.
// softmax/logSoftmax: every axis position, odd and long rows, large logits, rows holding -Inf,
// all -Inf, +Inf or NaN, size-1 and empty axes.
import { DENSE_ACTIVATIONS, type DenseActivation } from '@webgrad/tensor';
import { cycle, f32, NON_FINITE, ODD_SIZES, sprinkle, uniform, type CaseTable, type Generator, type InputSpec, type OpCase } from './spec.js';

const v = uniform(-1, 1);

function denseCase(name: string, x: number[], k: number, n: number, activation: DenseActivation, gen: { x?: Generator; b?: Generator } = {}): OpCase<'dense'> {
  return { name, inputs: [f32([...x, k], gen.x ?? v), f32([k, n], v), f32([n], gen.b ?? v)], attrs: { activation } };
}

function denseCases(): OpCase<'dense'>[] {
  const odd = sprinkle(NON_FINITE, v, 5);
  return [
    ...DENSE_ACTIVATIONS.flatMap((a) => [
      denseCase(`${a}: [3,4] x [4,5]`, [3], 4, 5, a),
      denseCase(`${a}: [65,63] x [63,67]`, [65], 63, 67, a),
      denseCase(`${a}: NaN and ±Inf in x propagate`, [4], 5, 3, a, { x: odd }),
      denseCase(`${a}: NaN and ±Inf in b`, [3], 4, 6, a, { b: cycle([NaN, Infinity, -Infinity, -0, 0.5, -2]) }),
    ]),
    denseCase('rank 1 x [4]', [], 4, 5, 'relu'),
    denseCase('rank 3 x [2,3,4]', [2, 3], 4, 5, 'tanh'),
    denseCase('[1,257] x [257,3]: a long k', [1], 257, 3, 'sigmoid'),
    denseCase('[5,9] x [9,33]: edge tiles', [5], 9, 33, 'relu'),
    denseCase('large pre-activations saturate', [6], 7, 9, 'tanh', { x: uniform(-20, 20) }),
    denseCase('sigmoid of large pre-activations', [6], 7, 9, 'sigmoid', { x: uniform(-40, 40) }),
    denseCase('[100,96] x [96,130]: split by columns on threads', [100], 96, 130, 'relu'),
    denseCase('[1030,130] x [130,10]: split by rows on threads', [1030], 130, 10, 'sigmoid'),
    denseCase('empty k [3,0] x [0,4] gives act(b)', [3], 0, 4, 'sigmoid'),
    denseCase('empty k, linear', [2], 0, 5, 'linear'),
    denseCase('empty rows [0,4] x [4,3]', [0], 4, 3, 'relu'),
    denseCase('empty n [3,4] x [4,0]', [3], 4, 0, 'tanh'),
  ];
}

/** Rows with -Inf among finite values, all -Inf, +Inf, two +Inf, NaN, and signed zeros. */
const SPECIAL_ROWS = [
  1, -Infinity, 2, 3,
  -Infinity, -Infinity, -Infinity, -Infinity,
  Infinity, 1, 2, 3,
  Infinity, Infinity, 1, 1,
  NaN, 1, 2, 3,
  -0, 0, -0, 0,
];

function alongAxisCases<K extends 'softmax' | 'logSoftmax'>(): OpCase<K>[] {
  const c = (name: string, x: InputSpec, axis: number): OpCase<K> => ({ name, inputs: [x], attrs: { axis } as OpCase<K>['attrs'] });
  const w = uniform(-4, 4);
  return [
    c('[3,5] axis 1', f32([3, 5], w), 1),
    c('[3,5] axis 0', f32([3, 5], w), 0),
    c('[2,3,4] axis 1', f32([2, 3, 4], w), 1),
    c('[2,3,4] axis 2', f32([2, 3, 4], w), 2),
    c('[2,3,4] axis 0', f32([2, 3, 4], w), 0),
    ...ODD_SIZES.map((n) => c(`[2,${n}] axis 1`, f32([2, n], w), 1)),
    c('[257,3] axis 0: strided rows', f32([257, 3], w), 0),
    c('[3,2049] axis 1: long rows', f32([3, 2049], w), 1),
    c('[2,1030,3] axis 1: long strided rows', f32([2, 1030, 3], w), 1),
    c('[300,7] axis 1: many short rows', f32([300, 7], w), 1),
    c('large logits: the shift matters', f32([4, 6], uniform(1e4, 1e4 + 8)), 1),
    c('-Inf, all -Inf, +Inf, NaN and ±0 rows', f32([6, 4], SPECIAL_ROWS), 1),
    c('the same special values along axis 0', f32([4, 6], SPECIAL_ROWS), 0),
    c('NaN and ±Inf sprinkled in long rows', f32([3, 70], sprinkle(NON_FINITE, w, 37)), 1),
    c('size-1 axis', f32([4, 1], w), 1),
    c('rank 1 [5]', f32([5], w), 0),
    c('empty rows [0,3]', f32([0, 3]), 1),
    c('empty axis [3,0]', f32([3, 0]), 1),
  ];
}

/** The fused part of the case table. */
export const fusedCases = {
  dense: denseCases(),
  softmax: alongAxisCases<'softmax'>(),
  logSoftmax: alongAxisCases<'logSoftmax'>(),
} satisfies CaseTable;
