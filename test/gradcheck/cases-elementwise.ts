// Gradient-check cases of the elementwise ops: unary maps on their smooth domains, binary ops
// with both operands broadcast, where with a broadcast condition, and cast.
import { fromValues, type OpAttrs, type Tensor } from '@webgrad/tensor';
import type { CaseTable, OpCase } from './case-table.js';
import type { Gen } from './harness.js';

const none = {};
const S = [2, 3, 4];

type Binary = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum';

/** Binary cases: equal shapes, both sides broadcast, a scalar operand, and a lower-rank operand. */
function binaryCases<K extends Binary>(make: (g: Gen, a: number[], b: number[]) => [Tensor, Tensor]): OpCase<K>[] {
  const attrs = none as OpAttrs[K];
  return [
    { name: 'same shape', inputs: (g) => make(g, [3, 4], [3, 4]), attrs },
    { name: 'both broadcast [2,1,4] x [3,1]', inputs: (g) => make(g, [2, 1, 4], [3, 1]), attrs },
    { name: 'scalar b', inputs: (g) => make(g, S, []), attrs },
    { name: 'rank-1 a against [2,3,4]', inputs: (g) => make(g, [4], S), attrs },
  ];
}

/**
 * maximum/minimum: all values distinct, so no tie puts the op on a kink. The scalar b is 0, which
 * sits on a cell boundary of the distinct grid (a quarter cell from every value of a) and in the
 * middle of a's range, so both a and b win somewhere.
 */
function extremeCases<K extends 'maximum' | 'minimum'>(): OpCase<K>[] {
  return [
    ...binaryCases<K>((g, a, b) => g.distinctPair(a, b)).filter((c) => c.name !== 'scalar b'),
    { name: 'scalar b inside the range of a', inputs: (g) => [g.distinct(S), fromValues([0], [], 'float32')], attrs: none as OpAttrs[K] },
  ];
}

/** The elementwise part of the case table. */
export const elementwiseCases: CaseTable = {
  neg: [{ name: 'any values', inputs: (g) => [g.float(S)], attrs: none }],
  abs: [{ name: 'away from the kink at 0', inputs: (g) => [g.awayFromZero(S)], attrs: none }],
  relu: [{ name: 'away from the kink at 0', inputs: (g) => [g.awayFromZero(S)], attrs: none }],
  exp: [{ name: '[-2, 2]', inputs: (g) => [g.float(S, -2, 2)], attrs: none }],
  log: [{ name: 'positive', inputs: (g) => [g.float(S, 0.3, 3)], attrs: none }],
  log1p: [{ name: 'above -1', inputs: (g) => [g.float(S, -0.6, 2)], attrs: none }],
  expm1: [{ name: '[-2, 2]', inputs: (g) => [g.float(S, -2, 2)], attrs: none }],
  erf: [{ name: '[-3, 3]', inputs: (g) => [g.float(S, -3, 3)], attrs: none }],
  sqrt: [{ name: 'positive', inputs: (g) => [g.float(S, 0.3, 3)], attrs: none }],
  rsqrt: [{ name: 'positive', inputs: (g) => [g.float(S, 0.3, 3)], attrs: none }],
  reciprocal: [{ name: 'away from 0', inputs: (g) => [g.awayFromZero(S, 0.4, 2)], attrs: none }],
  sin: [{ name: '[-3, 3]', inputs: (g) => [g.float(S, -3, 3)], attrs: none }],
  cos: [{ name: '[-3, 3]', inputs: (g) => [g.float(S, -3, 3)], attrs: none }],
  tanh: [{ name: '[-2, 2]', inputs: (g) => [g.float(S, -2, 2)], attrs: none }],
  sigmoid: [{ name: '[-3, 3]', inputs: (g) => [g.float(S, -3, 3)], attrs: none }],
  add: binaryCases((g, a, b) => [g.float(a), g.float(b)]),
  sub: binaryCases((g, a, b) => [g.float(a), g.float(b)]),
  mul: binaryCases((g, a, b) => [g.float(a), g.float(b)]),
  div: binaryCases((g, a, b) => [g.float(a), g.awayFromZero(b, 0.5, 2)]),
  pow: [
    // a > 0 keeps a^b real for every b, and ln a (the exponent's derivative) finite.
    ...binaryCases<'pow'>((g, a, b) => [g.float(a, 0.4, 2), g.float(b, -2, 2.5)]),
    {
      name: 'integer exponents including 0',
      inputs: (g) => [g.float([2, 4], 0.4, 2), fromValues([0, 1, 2, 3], [4], 'float32')],
      attrs: none,
    },
    {
      // a^b is real for a < 0 only at integer b, so only a is perturbed.
      name: 'negative base, integer exponents, w.r.t. a',
      inputs: (g) => [g.float([2, 4], -2, -0.4), fromValues([0, 1, 2, -3], [4], 'float32')],
      attrs: none,
      wrt: [0],
    },
  ],
  maximum: extremeCases(),
  minimum: extremeCases(),
  where: [
    { name: 'same shapes', inputs: (g) => [g.mask([3, 4]), g.float([3, 4]), g.float([3, 4])], attrs: none },
    { name: 'cond, a and b broadcast', inputs: (g) => [g.mask([2, 1, 4]), g.float([3, 4]), g.float([2, 3, 1])], attrs: none },
    { name: 'scalar b', inputs: (g) => [g.mask(S), g.float(S), g.float([])], attrs: none },
  ],
  cast: [{ name: 'float32 to float32', inputs: (g) => [g.float(S)], attrs: { dtype: 'float32' } }],
};
