// Gradient rules of the reductions and of matmul.
import { matmul } from '@webgrad/tensor';
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

/** The reduction part of the gradient table. */
export const reduceRules = {
  sum: ({ inputs: [x], attrs, dy }) => [restore(dy, x!.shape, attrs.axes).broadcastTo(x!.shape)],
  // d(prod)/dx_i = prod / x_i: exact except where x_i is 0, which gives NaN rather than a silent wrong value.
  prod: ({ inputs: [x], attrs, out, dy }) => [restore(dy.mul(out), x!.shape, attrs.axes).div(x!)],
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
