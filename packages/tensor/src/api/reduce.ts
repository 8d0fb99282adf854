// Reductions as users call them (axes may be negative or omitted) and the composites built
// from them: mean, variance, logSumExp; softmax and logSoftmax, which are primitives.
import { composite } from './composite.js';
import { detach } from './detach.js';
import { castTo, div, where } from './elementwise.js';
import { runOp } from '../engine.js';
import { normalizeAxes, normalizeAxis, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';

/** Axes to reduce: one, several, or all when omitted. */
export type Axes = number | readonly number[] | undefined;

const reduceOp = composite(function reduceOp(op: 'sum' | 'prod' | 'max' | 'min', x: Tensor, axes: Axes, keepdims: boolean): Tensor {
  const input = castTo(x, x.dtype === 'bool' ? 'int32' : x.dtype);
  return runOp(op, [input], { axes: normalizeAxes(op, axes, x.rank), keepdims });
});

/**
 * Sum over `axes` (all by default; negative axes count from the end); bool sums count as int32.
 * With `keepdims` the reduced axes stay, with extent 1.
 * @example
 * ```ts
 * wg.sum(wg.tensor([[1, 2], [3, 4]]), 0); // [4, 6]
 * ```
 */
export const sum = (x: Tensor, axes?: Axes, keepdims: boolean = false): Tensor => reduceOp('sum', x, axes, keepdims);
/** Product over `axes` (all by default). */
export const prod = (x: Tensor, axes?: Axes, keepdims: boolean = false): Tensor => reduceOp('prod', x, axes, keepdims);
/** Maximum over `axes` (all by default); NaN wins. */
export const max = (x: Tensor, axes?: Axes, keepdims: boolean = false): Tensor => reduceOp('max', x, axes, keepdims);
/** Minimum over `axes` (all by default); NaN wins. */
export const min = (x: Tensor, axes?: Axes, keepdims: boolean = false): Tensor => reduceOp('min', x, axes, keepdims);

const argOp = composite(function argOp(op: 'argmax' | 'argmin', x: Tensor, axis: number | undefined, keepdims: boolean): Tensor {
  const input = castTo(x, x.dtype === 'bool' ? 'int32' : x.dtype);
  if (axis === undefined) return runOp(op, [input.reshape([x.size])], { axis: 0, keepdims: false });
  return runOp(op, [input], { axis: normalizeAxis(op, axis, x.rank), keepdims });
});

/** Index of the largest value along `axis` (of the flattened tensor when omitted); the first wins ties, NaN counts as largest. */
export const argmax = (x: Tensor, axis?: number, keepdims: boolean = false): Tensor => argOp('argmax', x, axis, keepdims);
/** Index of the smallest value along `axis` (of the flattened tensor when omitted); the first wins ties, NaN counts as smallest. */
export const argmin = (x: Tensor, axis?: number, keepdims: boolean = false): Tensor => argOp('argmin', x, axis, keepdims);

/**
 * Arithmetic mean over `axes` (all by default), in float32.
 * @example
 * ```ts
 * wg.mean(wg.tensor([[1, 2], [3, 4]]));    // 2.5, shape []
 * ```
 */
export const mean = composite(function mean(x: Tensor, axes?: Axes, keepdims: boolean = false): Tensor {
  const list = normalizeAxes('mean', axes, x.rank);
  const count = sizeOf(list.map((a) => x.shape[a]!));
  return div(sum(castTo(x, 'float32'), list, keepdims), count);
});

/** Variance over `axes`; `correction` 1 gives the unbiased (Bessel) estimate. */
export const variance = composite(function variance(x: Tensor, axes?: Axes, keepdims: boolean = false, correction: number = 0): Tensor {
  const list = normalizeAxes('variance', axes, x.rank);
  const count = sizeOf(list.map((a) => x.shape[a]!));
  const centred = castTo(x, 'float32').sub(mean(x, list, true));
  return div(sum(centred.mul(centred), list, keepdims), Math.max(count - correction, 0));
});

/** A detached maximum that is 0 where the maximum is not finite, for stable exponentials. */
function stableShift(x: Tensor, axes: number[]): Tensor {
  const m = detach(max(x, axes, true));
  return where(m.abs().lt(Infinity), m, 0);
}

/** log(sum(exp(x))) over `axes`, computed without overflow. */
export const logSumExp = composite(function logSumExp(x: Tensor, axes?: Axes, keepdims: boolean = false): Tensor {
  const list = normalizeAxes('logSumExp', axes, x.rank);
  const m = stableShift(castTo(x, 'float32'), list);
  const out = sum(x.sub(m).exp(), list, true).log().add(m);
  return keepdims ? out : out.reshape(out.shape.filter((_, i) => !list.includes(i)));
});

/**
 * exp(x) / sum(exp(x)) along `axis`, shifted by the maximum for stability: one primitive, so
 * backends run it as one fused kernel. A row of -Inf (or holding +Inf or NaN) gives NaN.
 */
export const softmax = composite(function softmax(x: Tensor, axis: number = -1): Tensor {
  return runOp('softmax', [castTo(x, 'float32')], { axis: normalizeAxis('softmax', axis, x.rank) });
});

/** log(softmax(x)) along `axis`, computed as (x - m) - log(sum(exp(x - m))) with m the maximum, in one primitive. */
export const logSoftmax = composite(function logSoftmax(x: Tensor, axis: number = -1): Tensor {
  return runOp('logSoftmax', [castTo(x, 'float32')], { axis: normalizeAxis('logSoftmax', axis, x.rank) });
});
