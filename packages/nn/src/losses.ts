// Loss functions: (prediction, target) → a scalar mean over the batch. Shapes must agree
// exactly (no silent broadcasting of [N,1] against [N]); errors name the loss and both shapes.
import { cast, castTo, oneHot, softplus, tensor, where, type Tensor } from './deps.js';

/** A loss: prediction and target in, scalar out. */
export type Loss = (prediction: Tensor, target: Tensor) => Tensor;

function sameShape(loss: string, p: Tensor, t: Tensor): void {
  if (p.rank !== t.rank || p.shape.some((d, i) => d !== t.shape[i])) {
    throw new Error(`${loss}: prediction [${p.shape.join(',')}] and target [${t.shape.join(',')}] must have the same shape`);
  }
}

/** Mean squared error. */
export const mse: Loss = (p, t) => {
  sameShape('mse', p, t);
  const d = p.sub(t);
  return d.mul(d).mean();
};

/** Mean absolute error. */
export const mae: Loss = (p, t) => {
  sameShape('mae', p, t);
  return p.sub(t).abs().mean();
};

/** Huber loss: quadratic within `delta` of the target, linear beyond (Huber 1964). */
export const huber = (delta = 1): Loss => (p, t) => {
  sameShape('huber', p, t);
  const a = p.sub(t).abs();
  const quadratic = a.minimum(delta);
  return quadratic.mul(quadratic).mul(0.5).add(a.sub(quadratic).mul(delta)).mean();
};

/**
 * Cross-entropy of softmax(logits) [N, C] against labels: int32 class indices [N], or float
 * one-hot / probability rows [N, C]. Computed through logSoftmax, so it never overflows.
 */
export const softmaxCrossEntropy: Loss = (logits, labels) => {
  if (logits.rank !== 2) throw new Error(`softmaxCrossEntropy: logits must be [batch, classes], got [${logits.shape.join(',')}]`);
  const [n, c] = logits.shape as [number, number];
  const logp = logits.logSoftmax(-1);
  let picked: Tensor;
  if (labels.dtype === 'int32') {
    if (labels.rank !== 1 || labels.shape[0] !== n) throw new Error(`softmaxCrossEntropy: class indices must be [${n}] for logits [${n},${c}], got [${labels.shape.join(',')}]`);
    // Picked, not multiplied by a one-hot row: a -Inf logit of another class costs nothing (as
    // PyTorch), where 0 * -Inf would be NaN.
    picked = where(oneHot(labels, c).gt(0), logp, 0);
  } else {
    sameShape('softmaxCrossEntropy', logits, labels);
    picked = castTo(labels, 'float32').mul(logp);
  }
  return picked.sum(-1).mean().neg();
};

/**
 * Binary cross-entropy of sigmoid(logits) against targets in [0, 1], as (1 - t) x + softplus(-x)
 * (PyTorch's form, the same values at ±Inf): it never overflows, and its gradient is
 * sigmoid(x) - t everywhere, x = 0 included.
 */
export const binaryCrossEntropy: Loss = (logits, targets) => {
  sameShape('binaryCrossEntropy', logits, targets);
  const t = cast(targets, 'float32');
  return t.neg().add(1).mul(logits).add(softplus(logits.neg())).mean();
};

/** The losses the Trainer accepts by name. */
export const losses = { mse, mae, huber: huber(), softmaxCrossEntropy, binaryCrossEntropy } as const;
/** A loss name. */
export type LossName = keyof typeof losses;

/** lambda * sum(|w|) over the given tensors (zero for none). */
export function l1(params: readonly Tensor[], lambda: number): Tensor {
  if (!params.length) return tensor(0);
  return params.map((p) => p.abs().sum()).reduce((a, b) => a.add(b)).mul(lambda);
}

/** lambda * sum(w^2) over the given tensors (zero for none). */
export function l2(params: readonly Tensor[], lambda: number): Tensor {
  if (!params.length) return tensor(0);
  return params.map((p) => p.mul(p).sum()).reduce((a, b) => a.add(b)).mul(lambda);
}
