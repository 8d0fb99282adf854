// Conformance cases of the reductions, argmax/argmin and matmul: every axis pattern, keepdims,
// odd and large extents, empty axes, NaN and infinities, ties, transposes and broadcast batches.
import type { OpName } from '@webgrad/tensor';
import { cycle, f32, i32, ints, NON_FINITE, ODD_SIZES, sprinkle, uniform, type CaseTable, type Generator, type InputSpec, type OpCase } from './spec.js';

type Fold = 'sum' | 'prod' | 'max' | 'min';

/** Axis patterns of a fold, for float inputs drawn from `values`. */
function foldCases<K extends Fold>(values: Generator): OpCase<K>[] {
  const c = (name: string, x: InputSpec, axes: number[], keepdims = false): OpCase<K> => ({ name, inputs: [x], attrs: { axes, keepdims } as OpCase<K>['attrs'] });
  return [
    c('[3,5] axes [0]', f32([3, 5], values), [0]),
    c('[3,5] axes [1] keepdims', f32([3, 5], values), [1], true),
    c('[3,5] every axis', f32([3, 5], values), [0, 1]),
    c('[2,3,4] axes [0,2]', f32([2, 3, 4], values), [0, 2]),
    c('[2,3,4] axes [1] keepdims', f32([2, 3, 4], values), [1], true),
    c('[2,3,4] every axis keepdims', f32([2, 3, 4], values), [0, 1, 2], true),
    c('axes [] is the identity', f32([2, 3], values), []),
    c('scalar, axes []', f32([], values), []),
    c('[1,1,5] axes [0,1]: unit axes', f32([1, 1, 5], values), [0, 1]),
    ...ODD_SIZES.map((n) => c(`[2,${n}] axes [1]`, f32([2, n], values), [1])),
    c('[257,3] axes [0]: a strided reduction', f32([257, 3], values), [0]),
    c('[65,63] every axis', f32([65, 63], values), [0, 1]),
    c('NaN and ±Inf propagate along axis 1 of [5,4]', f32([5, 4], sprinkle(NON_FINITE, values, 5)), [1]),
    c('+Inf and -Inf in one row', f32([2, 3], [Infinity, 1, -Infinity, -Infinity, 2, 3]), [1]),
    c('empty [3,0] axes [0]', f32([3, 0], values), [0]),
    c('int32 [3,5] axes [1]', i32([3, 5]), [1]),
    c('int32 [257] every axis', i32([257], ints(-3, 3)), [0]),
    c('int32 scalar', i32([], [-4]), []),
  ];
}

/** sum and prod also reduce empty axes, to their identities 0 and 1. */
function withIdentity<K extends 'sum' | 'prod'>(values: Generator, wrap: InputSpec): OpCase<K>[] {
  const attrs = (axes: number[], keepdims = false): OpCase<K>['attrs'] => ({ axes, keepdims }) as OpCase<K>['attrs'];
  return [
    ...foldCases<K>(values),
    { name: 'empty axis [0,3] axes [0] gives the identity', inputs: [f32([0, 3])], attrs: attrs([0]) },
    { name: 'empty [2,0,3] every axis keepdims', inputs: [f32([2, 0, 3])], attrs: attrs([0, 1, 2], true) },
    { name: 'int32 empty [0] axes [0]', inputs: [i32([0])], attrs: attrs([0]) },
    { name: 'int32 wraps on overflow', inputs: [wrap], attrs: attrs([1]) },
  ];
}

/** argmax/argmin: the first extreme index wins, and NaN counts as the extreme. */
function argCases<K extends 'argmax' | 'argmin'>(): OpCase<K>[] {
  const c = (name: string, x: InputSpec, axis: number, keepdims = false): OpCase<K> => ({ name, inputs: [x], attrs: { axis, keepdims } });
  const ties = ints(-1, 1);
  return [
    c('[3,5] axis 1', f32([3, 5]), 1),
    c('[3,5] axis 0 keepdims', f32([3, 5]), 0, true),
    c('[2,3,4] axis 1', f32([2, 3, 4]), 1),
    c('[2,3,4] axis 2 keepdims', f32([2, 3, 4]), 2, true),
    c('ties give the first index', f32([6, 7], ties), 1),
    c('ties along axis 0', f32([7, 6], ties), 0),
    c('NaN counts as the extreme; the first NaN wins', f32([4, 4], [1, NaN, 3, NaN, NaN, 2, 2, 2, -Infinity, 0, Infinity, 5, -0, 0, -0, 0]), 1),
    c('±Inf are ordinary extremes', f32([2, 3], [-Infinity, -Infinity, -5, Infinity, 1, Infinity]), 1),
    ...ODD_SIZES.map((n) => c(`[${n}] axis 0`, f32([n]), 0)),
    c('[2,257] axis 1', f32([2, 257]), 1),
    c('[257,2] axis 0', f32([257, 2]), 0),
    c('int32 [4,6] axis 1', i32([4, 6]), 1),
    c('int32 ties along axis 0', i32([5, 3], ties), 0),
    c('empty [0,3] axis 1', f32([0, 3]), 1),
    c('empty [3,0] axis 0', f32([3, 0]), 0),
  ];
}

/** matmul: shapes around tile sizes, transposes, batches that broadcast, empty extents. */
function matmulCases(): OpCase<'matmul'>[] {
  const v = uniform(-1, 1);
  const c = (name: string, a: number[], b: number[], transposeA = false, transposeB = false, gen: Generator = v): OpCase<'matmul'> =>
    ({ name, inputs: [f32(a, gen), f32(b, v)], attrs: { transposeA, transposeB } });
  return [
    c('[3,4] @ [4,5]', [3, 4], [4, 5]),
    c('transposeA [4,3]ᵀ @ [4,5]', [4, 3], [4, 5], true),
    c('transposeB [3,4] @ [5,4]ᵀ', [3, 4], [5, 4], false, true),
    c('both transposed', [4, 3], [5, 4], true, true),
    c('[1,1] @ [1,1]', [1, 1], [1, 1]),
    c('row times column [1,257] @ [257,1]', [1, 257], [257, 1]),
    c('column times row [63,1] @ [1,65]', [63, 1], [1, 65]),
    c('[65,63] @ [63,67]', [65, 63], [63, 67]),
    c('[17,33] @ [33,3] transposed both', [33, 17], [3, 33], true, true),
    c('[5,257] @ [257,3]', [5, 257], [257, 3]),
    c('batch [2,3,4] @ [2,4,5]', [2, 3, 4], [2, 4, 5]),
    c('broadcast batch [2,1,3,4] @ [3,4,5]', [2, 1, 3, 4], [3, 4, 5]),
    c('broadcast batch [3,4] @ [2,4,5] transposeA', [4, 3], [2, 4, 5], true),
    c('broadcast batch [2,1,3,4] @ [1,3,5,4] transposeB', [2, 1, 3, 4], [1, 3, 5, 4], false, true),
    c('empty inner [2,0] @ [0,3] gives zeros', [2, 0], [0, 3]),
    c('empty rows [0,4] @ [4,3]', [0, 4], [4, 3]),
    c('empty batch [0,2,3] @ [3,2]', [0, 2, 3], [3, 2]),
    c('NaN and ±Inf propagate', [4, 5], [5, 3], false, false, sprinkle(NON_FINITE, v, 5)),
  ];
}

/** The reduction and matmul part of the case table. */
export const reduceCases = {
  sum: [
    ...withIdentity<'sum'>(uniform(-2, 2), i32([2, 3], [2147483647, 1, 5, -2147483648, -1, 7])),
    { name: '[4099] every axis: a long sum', inputs: [f32([4099])], attrs: { axes: [0], keepdims: false }, tol: { rtol: 1e-4, atol: 2e-3 } },
  ],
  prod: [
    ...withIdentity<'prod'>(uniform(0.5, 1.5), i32([2, 5], ints(-1000, 1000))),
    { name: '[4099] every axis: a long product', inputs: [f32([4099], uniform(0.9, 1.1))], attrs: { axes: [0], keepdims: false }, tol: { rtol: 1e-3, atol: 1e-6 } },
    { name: 'zero and -0 factors', inputs: [f32([2, 3], cycle([2, -0, 3, 0.5, 4, 0]))], attrs: { axes: [1], keepdims: false } },
  ],
  max: foldCases(uniform(-4, 4)),
  min: foldCases(uniform(-4, 4)),
  argmax: argCases(),
  argmin: argCases(),
  matmul: matmulCases(),
} satisfies CaseTable;
