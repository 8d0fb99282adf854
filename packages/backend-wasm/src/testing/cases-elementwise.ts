// Differential test cases for the elementwise ops: edge values (NaN, ±Inf, -0, halves for
// rounding, subnormals, overflow), lengths that are not multiples of 4, broadcasting, empties.
import type { DType, OpAttrs, OpName } from '@webgrad/tensor';
import type { Input } from '@webgrad/tensor/testing';

/** One test of one op: its inputs and attributes, and a tolerance when float32 results may differ. */
export interface OpCase<K extends OpName> {
  name: string;
  inputs: Input[];
  attrs: OpAttrs[K];
  rtol?: number;
  atol?: number;
}

/** Floats that exercise every special case, then ordinary values. */
export const EDGE = [NaN, Infinity, -Infinity, -0, 0, 0.5, -0.5, 1.5, 2.5, -2.5, 1e-40, 88, -88, 100, -100, 3.25, -7.75, 1, -1, 0.1, 1e30, -1e30, 2, 0.7, 12.5];
const INTS = [0, 1, -1, 2, -3, 5, 7, -8, 2147483647, -2147483648, 100, 3, -4];

type Unary = 'neg' | 'abs' | 'sign' | 'relu' | 'floor' | 'ceil' | 'round' | 'exp' | 'log' | 'log1p' | 'expm1' | 'erf' | 'sqrt' | 'rsqrt' | 'reciprocal' | 'sin' | 'cos' | 'tanh' | 'sigmoid';
type Binary = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum' | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'logicalAnd' | 'logicalOr';
const NUMERIC_UNARY = new Set(['neg', 'abs', 'sign', 'relu', 'floor', 'ceil', 'round']);

function unary<K extends Unary>(op: K): OpCase<K>[] {
  const out: OpCase<K>[] = [
    { name: 'edge values', inputs: [{ shape: [EDGE.length], values: EDGE }], attrs: {}, rtol: 3e-7 },
    { name: 'random [3,7]', inputs: [{ shape: [3, 7] }], attrs: {}, rtol: 3e-7 },
    { name: 'long row', inputs: [{ shape: [1031] }], attrs: {}, rtol: 3e-7 },
    { name: 'scalar', inputs: [{ shape: [] }], attrs: {}, rtol: 3e-7 },
    { name: 'empty', inputs: [{ shape: [0, 3] }], attrs: {} },
  ];
  if (NUMERIC_UNARY.has(op)) out.push({ name: 'int32', inputs: [{ shape: [INTS.length], dtype: 'int32', values: INTS }], attrs: {} });
  return out;
}

const SHAPES: [number[], number[]][] = [[[5, 7], [5, 7]], [[5, 1], [1, 7]], [[7], [5, 7]], [[], [5, 7]], [[5, 7], []], [[2, 1, 3, 1], [1, 4, 1, 5]], [[0, 3], [3]], [[6, 9], [6, 1]]];

function binary<K extends Binary>(op: K, dtypes: DType[]): OpCase<K>[] {
  const out: OpCase<K>[] = [];
  for (const dtype of dtypes) {
    for (const [a, b] of SHAPES) out.push({ name: `${dtype} ${JSON.stringify(a)} with ${JSON.stringify(b)}`, inputs: [{ shape: a, dtype }, { shape: b, dtype }], attrs: {}, rtol: 3e-7 });
  }
  if (dtypes.includes('float32')) {
    // Every pair of edge values.
    const a = EDGE.flatMap((x) => EDGE.map(() => x));
    const b = EDGE.flatMap(() => EDGE);
    out.push({ name: 'edge pairs', inputs: [{ shape: [a.length], values: a }, { shape: [b.length], values: b }], attrs: {}, rtol: 3e-7 });
  }
  if (dtypes.includes('int32')) {
    const a = INTS.flatMap((x) => INTS.map(() => x));
    const b = INTS.flatMap(() => INTS);
    out.push({ name: 'int32 edge pairs', inputs: [{ shape: [a.length], dtype: 'int32', values: a }, { shape: [b.length], dtype: 'int32', values: b }], attrs: {} });
  }
  return out;
}

const CAST_VALUES = [...EDGE, 3e9, -3e9, 2147483520, -2147483648, 0.99, -0.99];

/** The elementwise part of the case table. */
export const elementwiseCases = {
  neg: unary('neg'), abs: unary('abs'), sign: unary('sign'), relu: unary('relu'), floor: unary('floor'),
  ceil: unary('ceil'), round: unary('round'), exp: unary('exp'), log: unary('log'), log1p: unary('log1p'),
  expm1: unary('expm1'), erf: unary('erf'), sqrt: unary('sqrt'), rsqrt: unary('rsqrt'), reciprocal: unary('reciprocal'),
  sin: unary('sin'), cos: unary('cos'), tanh: unary('tanh'), sigmoid: unary('sigmoid'),
  logicalNot: [{ name: 'bools', inputs: [{ shape: [3, 5], dtype: 'bool' }], attrs: {} }],
  add: binary('add', ['float32', 'int32']), sub: binary('sub', ['float32', 'int32']), mul: binary('mul', ['float32', 'int32']),
  div: binary('div', ['float32']), pow: binary('pow', ['float32', 'int32']),
  maximum: binary('maximum', ['float32', 'int32']), minimum: binary('minimum', ['float32', 'int32']),
  eq: binary('eq', ['float32', 'int32', 'bool']), ne: binary('ne', ['float32', 'int32', 'bool']),
  lt: binary('lt', ['float32', 'int32', 'bool']), le: binary('le', ['float32', 'int32', 'bool']),
  gt: binary('gt', ['float32', 'int32', 'bool']), ge: binary('ge', ['float32', 'int32', 'bool']),
  logicalAnd: binary('logicalAnd', ['bool']), logicalOr: binary('logicalOr', ['bool']),
  where: (['float32', 'int32', 'bool'] as DType[]).flatMap((dtype) => [
    { name: `${dtype} broadcast`, inputs: [{ shape: [5, 1], dtype: 'bool' }, { shape: [1, 7], dtype }, { shape: [], dtype }], attrs: {} },
    { name: `${dtype} same shape`, inputs: [{ shape: [9], dtype: 'bool' }, { shape: [9], dtype }, { shape: [9], dtype }], attrs: {} },
    { name: `${dtype} scalar b`, inputs: [{ shape: [37], dtype: 'bool' }, { shape: [37], dtype }, { shape: [], dtype }], attrs: {} },
    { name: `${dtype} scalar a, rows`, inputs: [{ shape: [3, 13], dtype: 'bool' }, { shape: [1], dtype }, { shape: [3, 13], dtype }], attrs: {} },
  ]) as OpCase<'where'>[],
  cast: (['float32', 'int32', 'bool'] as DType[]).flatMap((from) => (['float32', 'int32', 'bool'] as DType[]).map((to) => ({
    name: `${from} to ${to}`,
    inputs: [from === 'float32' ? { shape: [CAST_VALUES.length], values: CAST_VALUES } : from === 'int32' ? { shape: [INTS.length], dtype: from, values: INTS } : { shape: [11], dtype: from }],
    attrs: { dtype: to },
  }))) as OpCase<'cast'>[],
} satisfies { [K in OpName]?: OpCase<K>[] };
