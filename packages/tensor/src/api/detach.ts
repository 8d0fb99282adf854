// Cutting a tensor out of the gradient tape.
import { runOp, untracked } from '../engine.js';
import type { Tensor } from '../tensor.js';

/** A copy of `x` that autograd does not see through: its gradient is treated as zero. */
export function detach(x: Tensor): Tensor {
  return untracked(() => runOp('reshape', [x], { shape: [...x.shape] }));
}
