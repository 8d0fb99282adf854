// Shape and dtype inference for the op table. Each function validates its inputs and throws an
// Error that names the op, the argument, what was given and what was expected.
import type { DType } from './dtype.js';
import { broadcastShapes, checkShape, fmt, sameShape, sizeOf, type Shape } from './shape.js';

/** What inference knows of a tensor: its shape and dtype. */
export interface Meta {
  readonly shape: Shape;
  readonly dtype: DType;
}

/** Which dtypes an argument accepts. */
export type DTypeClass = 'float' | 'numeric' | 'bool' | 'any';

const ACCEPTS: Record<DTypeClass, readonly DType[]> = {
  float: ['float32'],
  numeric: ['float32', 'int32'],
  bool: ['bool'],
  any: ['float32', 'int32', 'bool'],
};

/** Throws unless `dtype` is in `cls`. */
export function expectDType(op: string, arg: string, dtype: DType, cls: DTypeClass): void {
  if (!ACCEPTS[cls].includes(dtype)) {
    throw new Error(`${op}: ${arg} must be ${ACCEPTS[cls].join(' or ')}, got ${dtype}`);
  }
}

/** Throws unless `actual` is exactly `expected`. */
export function expectShape(op: string, arg: string, actual: Shape, expected: Shape): void {
  if (!sameShape(actual, expected)) throw new Error(`${op}: ${arg} must have shape ${fmt(expected)}, got ${fmt(actual)}`);
}

/** Throws unless `actual` has `rank` axes. */
export function expectRank(op: string, arg: string, shape: Shape, rank: number, what = ''): void {
  if (shape.length !== rank) {
    throw new Error(`${op}: ${arg} must have rank ${rank}${what ? ` (${what})` : ''}, got shape ${fmt(shape)}`);
  }
}

/** An elementwise op of one argument that keeps the dtype. */
export function unary(cls: DTypeClass) {
  return (op: string, [x]: readonly Meta[]): Meta => {
    expectDType(op, 'x', x!.dtype, cls);
    return { shape: x!.shape, dtype: x!.dtype };
  };
}

/** An elementwise op of two arguments of one dtype, broadcast; `out` overrides the result dtype. */
export function binary(cls: DTypeClass, out?: DType) {
  return (op: string, [a, b]: readonly Meta[]): Meta => {
    expectDType(op, 'a', a!.dtype, cls);
    if (a!.dtype !== b!.dtype) throw new Error(`${op}: a and b must share a dtype, got ${a!.dtype} and ${b!.dtype}`);
    return { shape: broadcastShapes(op, [a!.shape, b!.shape]), dtype: out ?? a!.dtype };
  };
}

/** The shape left after reducing `axes` (sorted, normalised). */
export function reducedShape(shape: Shape, axes: readonly number[], keepdims: boolean): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (!axes.includes(i)) out.push(d);
    else if (keepdims) out.push(1);
  });
  return out;
}

/** Checks a sorted list of distinct in-range axes. */
export function checkAxes(op: string, axes: readonly number[], rank: number): void {
  axes.forEach((a, i) => {
    if (!Number.isInteger(a) || a < 0 || a >= rank || (i > 0 && a <= axes[i - 1]!)) {
      throw new Error(`${op}: axes must be sorted distinct integers in [0, ${rank}), got ${fmt(axes)}`);
    }
  });
}

/** A reduction that has no identity element, so it cannot reduce an empty axis. */
export function checkNonEmptyReduction(op: string, shape: Shape, axes: readonly number[]): void {
  if (axes.some((a) => shape[a] === 0)) {
    throw new Error(`${op}: cannot reduce an empty axis: x is ${fmt(shape)}, axes ${fmt(axes)}`);
  }
}

/** Output extent of a sliding window (convolution or pooling) along one axis; `ceil` rounds up (pooling's ceilMode). */
export function windowExtent(op: string, size: number, kernel: number, stride: number, padBefore: number, padAfter: number, dilation = 1, ceil = false): number {
  const span = dilation * (kernel - 1) + 1;
  const padded = size + padBefore + padAfter;
  if (padded < span) {
    throw new Error(`${op}: a window of ${span} (kernel ${kernel}, dilation ${dilation}) does not fit an input of ${size} padded by ${padBefore}+${padAfter}`);
  }
  if (!ceil) return Math.floor((padded - span) / stride) + 1;
  // Rounding up adds a last window that may run past the padding; PyTorch drops it when it
  // would start past the input and the leading padding, so every window holds an input element.
  const extent = Math.ceil((padded - span) / stride) + 1;
  return (extent - 1) * stride >= size + padBefore ? extent - 1 : extent;
}

/** Checks a list of positive integers of a given length. */
export function checkPositiveInts(op: string, arg: string, values: readonly number[], length: number): void {
  if (values.length !== length || !values.every((v) => Number.isInteger(v) && v > 0)) {
    throw new Error(`${op}: ${arg} must be ${length} positive integers, got ${JSON.stringify(values)}`);
  }
}

/** Checks a list of non-negative integers of a given length. */
export function checkNonNegativeInts(op: string, arg: string, values: readonly number[], length: number): void {
  if (values.length !== length || !values.every((v) => Number.isInteger(v) && v >= 0)) {
    throw new Error(`${op}: ${arg} must be ${length} non-negative integers, got ${JSON.stringify(values)}`);
  }
}

/** Checks a target shape has the same element count as `shape` (reshape). */
export function checkSameSize(op: string, from: Shape, to: Shape): void {
  checkShape(op, [...to]);
  if (sizeOf(from) !== sizeOf(to)) {
    throw new Error(`${op}: cannot reshape ${fmt(from)} (${sizeOf(from)} elements) to ${fmt(to)} (${sizeOf(to)} elements)`);
  }
}
