// Elementwise ops as users call them: numbers lift to tensors, dtypes promote, float-only ops
// cast integers to float32. Each call ends in one primitive from the op table.
import { composite } from './composite.js';
import { promote, type DType } from '../dtype.js';
import { fromValues, runOp } from '../engine.js';
import type { OpName } from '../ops.js';
import { Tensor } from '../tensor.js';

/** A tensor or a plain number (or boolean) standing for a scalar. */
export type Scalar = number | boolean;
/** What elementwise ops accept. */
export type TensorOrScalar = Tensor | Scalar;

/** A scalar tensor of `dtype` on the backend of `like` (or the current one). */
export function scalarLike(value: Scalar, dtype: DType, like?: Tensor): Tensor {
  return fromValues([Number(value)], [], dtype, like?.backend);
}

function scalarDType(value: Scalar, partner: Tensor | undefined): DType {
  if (typeof value === 'boolean') return 'bool';
  if (partner?.dtype === 'float32' || !Number.isInteger(value)) return 'float32';
  return partner ? (partner.dtype === 'bool' ? 'int32' : partner.dtype) : 'float32';
}

/** Turns numbers into tensors beside their tensor partner and casts both to `dtype(common)`. */
export function lift(a: TensorOrScalar, b: TensorOrScalar, target: (common: DType) => DType): [Tensor, Tensor] {
  const ta = a instanceof Tensor ? a : undefined;
  const tb = b instanceof Tensor ? b : undefined;
  const x = ta ?? scalarLike(a as Scalar, scalarDType(a as Scalar, tb), tb);
  const y = tb ?? scalarLike(b as Scalar, scalarDType(b as Scalar, ta), ta);
  const dtype = target(promote(x.dtype, y.dtype));
  return [castTo(x, dtype), castTo(y, dtype)];
}

/** `x` converted to `dtype` (the same tensor if it already is). */
export function castTo(x: Tensor, dtype: DType): Tensor {
  return x.dtype === dtype ? x : runOp('cast', [x], { dtype });
}

const numeric = (d: DType): DType => (d === 'bool' ? 'int32' : d);
const floating = (): DType => 'float32';
const same = (d: DType): DType => d;

type UnaryName = 'neg' | 'abs' | 'sign' | 'relu' | 'floor' | 'ceil' | 'round' | 'exp' | 'log' | 'log1p' | 'expm1' | 'erf' | 'sqrt' | 'rsqrt' | 'reciprocal' | 'sin' | 'cos' | 'tanh' | 'sigmoid';
const FLOAT_UNARY = new Set<OpName>(['exp', 'log', 'log1p', 'expm1', 'erf', 'sqrt', 'rsqrt', 'reciprocal', 'sin', 'cos', 'tanh', 'sigmoid']);

/** Runs a unary op; integer inputs of float-only ops are cast to float32 first. */
export const unaryOp = composite(function unaryOp(op: UnaryName, x: Tensor): Tensor {
  const input = FLOAT_UNARY.has(op) ? castTo(x, 'float32') : castTo(x, numeric(x.dtype));
  // Integers are already whole; copy rather than return `x` itself, so that disposing the result
  // never frees the caller's tensor.
  if ((op === 'floor' || op === 'ceil' || op === 'round') && input.dtype === 'int32') return input === x ? runOp('cast', [x], { dtype: 'int32' }) : input;
  return runOp(op, [input], {});
});

type ArithName = 'add' | 'sub' | 'mul' | 'pow' | 'maximum' | 'minimum';
type CompareName = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

/** Bool with bool stays bool, as in PyTorch and NumPy: add and maximum are or, mul and minimum are and. */
const BOOL_ARITH: { readonly [K in ArithName]?: 'logicalOr' | 'logicalAnd' } = { add: 'logicalOr', maximum: 'logicalOr', mul: 'logicalAnd', minimum: 'logicalAnd' };

/**
 * Runs an arithmetic op after lifting and promotion. Two bools give a bool through
 * {@link BOOL_ARITH}; otherwise bool computes as int32 (sub and pow of two bools too, which
 * PyTorch refuses).
 */
export const arithOp = composite(function arithOp(op: ArithName, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  const [x, y] = lift(a, b, same);
  const logical = x.dtype === 'bool' ? BOOL_ARITH[op] : undefined;
  if (logical) return runOp(logical, [x, y], {});
  return runOp(op, [castTo(x, numeric(x.dtype)), castTo(y, numeric(y.dtype))], {});
});

/** a / b, always in float32 (true division). */
export const div = composite(function div(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return runOp('div', lift(a, b, floating), {});
});

/** Runs a comparison after lifting and promotion; the result is bool. */
export const compareOp = composite(function compareOp(op: CompareName, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return runOp(op, lift(a, b, same), {});
});

/** Elementwise logical and/or of two bool tensors. */
export const logicalOp = composite(function logicalOp(op: 'logicalAnd' | 'logicalOr', a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return runOp(op, lift(a, b, same), {});
});

/** Elementwise logical not of a bool tensor. */
export function logicalNot(x: Tensor): Tensor {
  return runOp('logicalNot', [x], {});
}

/** Picks `a` where `cond` is true and `b` elsewhere, broadcasting all three. */
export const where = composite(function where(cond: Tensor, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  const [x, y] = lift(a, b, same);
  return runOp('where', [cond, x, y], {});
});

/** Converts to another dtype: floats truncate toward zero when cast to int32; non-zero is true. */
export function cast(x: Tensor, dtype: DType): Tensor {
  return runOp('cast', [x], { dtype });
}
