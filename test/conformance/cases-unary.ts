// Conformance cases of the unary elementwise ops: each on its domain, at odd sizes, on NaN,
// infinities and signed zeros, as a scalar and empty; int32 where the op takes it.
import type { OpName } from '@webgrad/tensor';
import { bool, EXTREMES, f32, i32, IEEE_SPECIALS, ints, ODD_SIZES, uniform, type CaseTable, type Generator, type OpCase } from './spec.js';

const none = {};

/** int32 values whose negation or absolute value wraps (two's complement, as in WGSL). */
const INT_EXTREMES = [-2147483648, 2147483647, 0, -1, 1, -2147483647, 46341];

/** The cases every unary op gets: its domain as a matrix, at each odd size, specials, scalar, empty. */
function unaryOpCases<K extends OpName>(domain: Generator): OpCase<K>[] {
  const attrs = none as OpCase<K>['attrs'];
  return [
    { name: 'domain [3,5]', inputs: [f32([3, 5], domain)], attrs },
    ...ODD_SIZES.map((n) => ({ name: `size ${n}`, inputs: [f32([n], domain)], attrs })),
    { name: 'NaN, ±Inf, ±0, halves', inputs: [f32([IEEE_SPECIALS.length], IEEE_SPECIALS)], attrs },
    { name: 'extremes ±3.4e38, ±1e-30', inputs: [f32([EXTREMES.length], EXTREMES)], attrs },
    { name: 'scalar []', inputs: [f32([], domain)], attrs },
    { name: 'empty [0,3]', inputs: [f32([0, 3])], attrs },
    { name: 'empty [2,0,5]', inputs: [f32([2, 0, 5])], attrs },
  ];
}

/** Unary cases plus int32 ones: random, wrapping extremes, scalar and empty. */
function numericCases<K extends OpName>(domain: Generator): OpCase<K>[] {
  const attrs = none as OpCase<K>['attrs'];
  return [
    ...unaryOpCases<K>(domain),
    { name: 'int32 [4,5]', inputs: [i32([4, 5])], attrs },
    { name: 'int32 size 65', inputs: [i32([65], ints(-1e6, 1e6))], attrs },
    { name: 'int32 extremes', inputs: [i32([INT_EXTREMES.length], INT_EXTREMES)], attrs },
    { name: 'int32 scalar', inputs: [i32([], [-7])], attrs },
    { name: 'int32 empty [3,0]', inputs: [i32([3, 0])], attrs },
  ];
}

/** Exact halves and their neighbours: round must go to even (NumPy, WGSL), not away from zero. */
const HALVES = [-3.5, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 0.49999997, -0.49999997, 4.5, -0.4, 8388609, -8388607.5, 1e30];

/** The unary part of the case table. */
export const unaryCases = {
  neg: numericCases(uniform(-4, 4)),
  abs: numericCases(uniform(-4, 4)),
  sign: numericCases(uniform(-4, 4)),
  relu: numericCases(uniform(-4, 4)),
  floor: numericCases(uniform(-4, 4)),
  ceil: numericCases(uniform(-4, 4)),
  round: [
    ...numericCases<'round'>(uniform(-4, 4)),
    { name: 'halves round to even', inputs: [f32([HALVES.length], HALVES)], attrs: none },
  ],
  exp: unaryOpCases(uniform(-10, 10)),
  log: [
    ...unaryOpCases<'log'>(uniform(0.01, 10)),
    { name: 'negative gives NaN', inputs: [f32([5], uniform(-3, -0.01))], attrs: none },
  ],
  log1p: [
    ...unaryOpCases<'log1p'>(uniform(-0.99, 10)),
    { name: 'tiny |x| keeps precision', inputs: [f32([7], [1e-7, -1e-7, 1e-10, 3e-5, -3e-5, 1e-3, -1])], attrs: none },
  ],
  expm1: [
    ...unaryOpCases<'expm1'>(uniform(-5, 5)),
    { name: 'tiny |x| keeps precision', inputs: [f32([6], [1e-7, -1e-7, 1e-10, 3e-5, -3e-5, 1e-3])], attrs: none },
  ],
  erf: [
    ...unaryOpCases<'erf'>(uniform(-4.5, 4.5)),
    { name: 'around each piece boundary and tiny |x|', inputs: [f32([10], [0.8749, 0.8751, -0.875, 3.919, 3.921, -3.92, 6, 1e-7, -3e-30, 2.5])], attrs: none },
  ],
  sqrt: unaryOpCases(uniform(0, 10)),
  rsqrt: unaryOpCases(uniform(0.01, 10)),
  reciprocal: unaryOpCases(uniform(-4, 4)),
  sin: unaryOpCases(uniform(-3, 3)),
  cos: unaryOpCases(uniform(-3, 3)),
  tanh: unaryOpCases(uniform(-5, 5)),
  sigmoid: [
    ...unaryOpCases<'sigmoid'>(uniform(-10, 10)),
    { name: 'saturates without NaN', inputs: [f32([6], [-100, -700, -1e4, 100, 700, 1e4])], attrs: none },
  ],
  logicalNot: [
    { name: 'bool [3,5]', inputs: [bool([3, 5])], attrs: none },
    ...ODD_SIZES.map((n) => ({ name: `size ${n}`, inputs: [bool([n])], attrs: none })),
    { name: 'scalar []', inputs: [bool([], [1])], attrs: none },
    { name: 'empty [0]', inputs: [bool([0])], attrs: none },
  ],
} satisfies CaseTable;
