// Inverted dropout (Srivastava et al. 2014): in training each element is zeroed with probability
// p and the survivors scaled by 1 / (1 - p), so evaluation needs no rescaling; eval is identity.
import { bernoulli, scope, type Tensor } from '../deps.js';
import { Module } from '../module.js';

/** Zeroes elements at random in training mode; passes its input through in eval mode. */
export class Dropout extends Module {
  readonly kind = 'dropout';

  constructor(readonly p: number) {
    super();
    if (!(p >= 0 && p <= 1)) throw new Error(`dropout: p must be in [0, 1], got ${p}`);
  }

  forward(x: Tensor): Tensor {
    if (x.dtype !== 'float32') throw new Error(`${this.describe()}: expected float32 input, got ${x.dtype} [${x.shape.join(',')}]`);
    if (!this.training || this.p === 0) return x;
    if (this.p === 1) return x.mul(0);
    // The mask comes from the global seeded generator, so `seed(n)` makes a run repeatable.
    // The scaled mask outlives the 0/1 draw: autograd needs it for the backward pass.
    const mask = scope(() => bernoulli(x.shape, 1 - this.p).mul(1 / (1 - this.p)));
    return x.mul(mask);
  }
}

/** Drops each element with probability `p` in training mode (inverted dropout). */
export const dropout = (p = 0.5): Dropout => new Dropout(p);
