// Gradient rules of the ops that move elements: each sends the gradient back to where the
// element came from. Adjoint pairs (slice/sliceGrad, gather/scatterAdd) are each other's rule.
import { gather, runOp, scatterAdd } from '@webgrad/tensor';
import type { Tensor } from '../deps.js';
import { unbroadcast, type GradRules } from '../rule.js';

/** The slice of `dy` that came from `x` when `x` was placed at `begin` inside `dy`. */
function window(dy: Tensor, x: Tensor, begin: readonly number[]): Tensor {
  return runOp('slice', [dy], { begin: [...begin], end: begin.map((b, i) => b + x.shape[i]!), step: begin.map(() => 1) });
}

/** The layout part of the gradient table. */
export const layoutRules = {
  reshape: ({ inputs: [x], dy }) => [dy.reshape(x!.shape)],
  transpose: ({ attrs: { perm }, dy }) => [dy.transpose(perm.map((_, i) => perm.indexOf(i)))],
  broadcastTo: ({ inputs: [x], dy }) => [unbroadcast(dy, x!.shape)],
  slice: ({ inputs: [x], attrs, dy }) => [runOp('sliceGrad', [dy], { ...attrs, inputShape: [...x!.shape] })],
  sliceGrad: ({ attrs: { begin, end, step }, dy }) => [runOp('slice', [dy], { begin, end, step })],
  concat: ({ inputs, attrs: { axis }, dy }) => {
    let at = 0;
    return inputs.map((x) => {
      const part = window(dy, x, x.shape.map((_, i) => (i === axis ? at : 0)));
      at += x.shape[axis]!;
      return part;
    });
  },
  pad: ({ inputs: [x], attrs: { pads }, dy }) => [window(dy, x!, pads.map(([before]) => before))],
  tile: ({ inputs: [x], attrs: { reps }, dy }) => {
    // Split each tiled axis into (repeat, original) and sum the repeats away.
    const split = x!.shape.flatMap((d, i) => [reps[i]!, d]);
    return [dy.reshape(split).sum(reps.map((_, i) => 2 * i)).reshape(x!.shape)];
  },
  gather: ({ inputs: [x, indices], attrs: { axis }, dy }) => [scatterAdd(indices!, dy, axis, x!.shape[axis]!), null],
  scatterAdd: ({ inputs: [indices], attrs: { axis }, dy }) => [null, gather(dy, indices!, axis)],
} satisfies Partial<GradRules>;
