// Gradient rules of the fused ops, written from the output y so nothing is recomputed: dense's
// activation derivative (relu: 0 where y <= 0, else 1, as the relu rule; sigmoid: y(1 - y);
// tanh: 1 - y²) and softmax's Jacobian.
import { matmul, where } from '@webgrad/tensor';
import type { DenseActivation, Tensor } from '../deps.js';
import { ifNeeded, type GradRules } from '../rule.js';

/** dL/dz for z = x @ w + b, from y = act(z) and dL/dy. */
function throughActivation(activation: DenseActivation, y: Tensor, dy: Tensor): Tensor {
  switch (activation) {
    case 'linear': return dy;
    case 'relu': return where(y.le(0), 0, dy);
    case 'sigmoid': return dy.mul(y.mul(y.neg().add(1)));
    case 'tanh': return dy.mul(y.mul(y).neg().add(1));
  }
  return activation satisfies never;
}

/** The fused part of the gradient table. */
export const fusedRules = {
  dense: ({ inputs: [x, w], attrs: { activation }, out, dy, needs }) => {
    const dz = throughActivation(activation, out, dy);
    const k = w!.shape[0]!;
    const lead = x!.shape.slice(0, -1);
    // x's leading axes fold into rows for w's gradient (a reshape only when x is not already 2-D:
    // on a GPU it is a copy); b's gradient sums them all.
    const asRows = (t: Tensor, cols: number): Tensor => (t.rank === 2 ? t : t.reshape([lead.reduce((p, q) => p * q, 1), cols]));
    return [
      ifNeeded(needs[0], () => matmul(dz, w!, { transposeB: true })),
      ifNeeded(needs[1], () => matmul(asRows(x!, k), asRows(dz, w!.shape[1]!), { transposeA: true })),
      ifNeeded(needs[2], () => dz.sum(lead.map((_, i) => i))),
    ];
  },
  // dx = y (dy - sum(dy y)) along the axis.
  softmax: ({ attrs: { axis }, out, dy }) => [out.mul(dy.sub(dy.mul(out).sum([axis], true)))],
  // dx = dy - exp(y) sum(dy) along the axis.
  logSoftmax: ({ attrs: { axis }, out, dy }) => [dy.sub(out.exp().mul(dy.sum([axis], true)))],
} satisfies Partial<GradRules>;
