// Reference kernels for elementwise ops: unary maps, broadcast binary maps, where and cast.
// Computed in double precision and rounded once when stored.
import type { Kernel } from '../../backend.js';
import type { TypedArray } from '../../dtype.js';
import type { OpName } from '../../ops.js';
import { erf } from './erf.js';
import { broadcastStrides, sameShape, type Shape } from '../../shape.js';

type K<N extends OpName> = Kernel<N, TypedArray>;

/** Rounds half to even (banker's rounding), as NumPy and WGSL's round() do. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Calls `body(o, ia, ib, ic)` for every output offset with the matching input offsets under broadcasting. */
export function forEachBroadcast(outShape: Shape, shapes: readonly Shape[], body: (o: number, i0: number, i1: number, i2: number) => void): void {
  const size = outShape.reduce((p, q) => p * q, 1);
  if (shapes.every((s) => sameShape(s, outShape))) {
    for (let o = 0; o < size; o++) body(o, o, o, o);
    return;
  }
  const rank = outShape.length;
  const strides = shapes.map((s) => broadcastStrides(s, outShape));
  while (strides.length < 3) strides.push(new Array<number>(rank).fill(0));
  const idx = new Array<number>(rank).fill(0);
  const off = [0, 0, 0];
  for (let o = 0; o < size; o++) {
    body(o, off[0]!, off[1]!, off[2]!);
    for (let axis = rank - 1; axis >= 0; axis--) {
      idx[axis]!++;
      for (let k = 0; k < 3; k++) off[k]! += strides[k]![axis]!;
      if (idx[axis]! < outShape[axis]!) break;
      for (let k = 0; k < 3; k++) off[k]! -= strides[k]![axis]! * idx[axis]!;
      idx[axis] = 0;
    }
  }
}

function unary<N extends OpName>(f: (x: number) => number): K<N> {
  return ({ inputs: [x], out }) => {
    const [src, dst] = [x!.storage, out.storage];
    for (let i = 0; i < dst.length; i++) dst[i] = f(src[i]!);
  };
}

function binary<N extends OpName>(f: (a: number, b: number) => number, intF: (a: number, b: number) => number = f): K<N> {
  return ({ inputs: [a, b], out }) => {
    const g = a!.dtype === 'float32' ? f : intF;
    const [x, y, dst] = [a!.storage, b!.storage, out.storage];
    forEachBroadcast(out.shape, [a!.shape, b!.shape], (o, i, j) => {
      dst[o] = g(x[i]!, y[j]!);
    });
  };
}

const truth = (v: boolean): number => (v ? 1 : 0);

/** IEEE 754 pow (as C99 and PyTorch): Math.pow except that 1^y = 1 for every y, NaN too, and (-1)^±Inf = 1. */
function ieeePow(a: number, b: number): number {
  return a === 1 || (a === -1 && Math.abs(b) === Infinity) ? 1 : Math.pow(a, b);
}

function castValue(v: number, dtype: string): number {
  if (dtype === 'bool') return truth(v !== 0);
  if (dtype === 'int32') {
    // Truncate toward zero, saturate at the int32 range, NaN to 0 (what WGSL's conversion does).
    if (Number.isNaN(v)) return 0;
    return Math.min(Math.max(Math.trunc(v), -2147483648), 2147483647);
  }
  return v;
}

/** The elementwise part of the reference kernel table. */
export const elementwiseKernels = {
  neg: unary((x) => -x),
  abs: unary(Math.abs),
  sign: unary((x) => (Number.isNaN(x) ? NaN : x > 0 ? 1 : x < 0 ? -1 : 0)),
  relu: unary((x) => (Number.isNaN(x) ? NaN : x > 0 ? x : 0)),
  floor: unary(Math.floor),
  ceil: unary(Math.ceil),
  round: unary(roundHalfEven),
  exp: unary(Math.exp),
  log: unary(Math.log),
  log1p: unary(Math.log1p),
  expm1: unary(Math.expm1),
  erf: unary(erf),
  sqrt: unary(Math.sqrt),
  rsqrt: unary((x) => 1 / Math.sqrt(x)),
  reciprocal: unary((x) => 1 / x),
  sin: unary(Math.sin),
  cos: unary(Math.cos),
  tanh: unary(Math.tanh),
  sigmoid: unary((x) => 1 / (1 + Math.exp(-x))),
  logicalNot: unary((x) => truth(x === 0)),
  add: binary((a, b) => a + b),
  sub: binary((a, b) => a - b),
  mul: binary((a, b) => a * b, Math.imul),
  div: binary((a, b) => a / b),
  pow: binary(ieeePow),
  maximum: binary(Math.max),
  minimum: binary(Math.min),
  eq: binary((a, b) => truth(a === b)),
  ne: binary((a, b) => truth(a !== b)),
  lt: binary((a, b) => truth(a < b)),
  le: binary((a, b) => truth(a <= b)),
  gt: binary((a, b) => truth(a > b)),
  ge: binary((a, b) => truth(a >= b)),
  logicalAnd: binary((a, b) => truth(a !== 0 && b !== 0)),
  logicalOr: binary((a, b) => truth(a !== 0 || b !== 0)),
  where: (({ inputs: [c, a, b], out }) => {
    const [cond, x, y, dst] = [c!.storage, a!.storage, b!.storage, out.storage];
    forEachBroadcast(out.shape, [c!.shape, a!.shape, b!.shape], (o, i, j, k) => {
      dst[o] = cond[i] ? x[j]! : y[k]!;
    });
  }) as K<'where'>,
  cast: (({ inputs: [x], out }) => {
    const [src, dst] = [x!.storage, out.storage];
    for (let i = 0; i < dst.length; i++) dst[i] = castValue(src[i]!, out.dtype);
  }) as K<'cast'>,
} satisfies { [N in OpName]?: K<N> };
