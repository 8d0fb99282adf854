// Gradient rules of the reductions and of matmul.
import { matmul, where } from '@webgrad/tensor';
import type { Tensor } from '../deps.js';
import { ifNeeded, unbroadcast, type GradRules } from '../rule.js';

/** The reduced gradient with its reduced axes restored as extent 1, ready to broadcast. */
function restore(g: Tensor, shape: readonly number[], axes: readonly number[]): Tensor {
  return g.reshape(shape.map((d, i) => (axes.includes(i) ? 1 : d)));
}

/** For max and min: the gradient goes to the elements equal to the result, split evenly between ties. */
function toExtremes(x: Tensor, out: Tensor, dy: Tensor, axes: readonly number[]): Tensor {
  const hits = x.eq(restore(out, x.shape, axes)).cast('float32');
  return hits.mul(restore(dy, x.shape, axes)).div(hits.sum([...axes], true));
}

/**
 * d(prod)/dx_i, the product of the other elements of x_i's slice, exact at zeros too (as
 * PyTorch): prod / x_i at a non-zero (0 when another element is 0); at a zero, the product of
 * the non-zeros when it is the slice's only zero, else 0. Both are differentiable again, with
 * exact second derivatives where a slice holds at most one zero.
 */
function productOfOthers(x: Tensor, out: Tensor, axes: readonly number[]): Tensor {
  const zero = x.eq(0);
  const nonZero = where(zero, 1, x);
  const lone = zero.cast('float32').sum([...axes], true).eq(1);
  return where(zero, where(lone, nonZero.prod([...axes], true), 0), restore(out, x.shape, axes).div(nonZero));
}

/** The reduction part of the gradient table. */
export const reduceRules = {
  sum: ({ inputs: [x], attrs, dy }) => [restore(dy, x!.shape, attrs.axes).broadcastTo(x!.shape)],
  prod: ({ inputs: [x], attrs, out, dy }) => [restore(dy, x!.shape, attrs.axes).mul(productOfOthers(x!, out, attrs.axes))],
  max: ({ inputs: [x], attrs, out, dy }) => [toExtremes(x!, out, dy, attrs.axes)],
  min: ({ inputs: [x], attrs, out, dy }) => [toExtremes(x!, out, dy, attrs.axes)],
  argmax: 'not-differentiable',
  argmin: 'not-differentiable',
  matmul: ({ inputs: [a, b], attrs: { transposeA: ta, transposeB: tb }, dy, needs }) => [
    // C = op(A) op(B); each case is dC times the other operand, transposed to line up. The
    // product for an input nothing differentiates (a batch of data) is skipped.
    ifNeeded(needs[0], () => unbroadcast(ta ? matmul(b!, dy, { transposeA: tb, transposeB: true }) : matmul(dy, b!, { transposeB: !tb }), a!.shape)),
    ifNeeded(needs[1], () => unbroadcast(tb ? matmul(dy, a!, { transposeA: true, transposeB: ta }) : matmul(a!, dy, { transposeA: !ta }), b!.shape)),
  ],
} satisfies Partial<GradRules>;
