// A fully connected layer: y = x W + b over the last axis, W of shape [in, out].
import type { Tensor } from '../deps.js';
import { heUniform, zeros, type Initializer } from '../init.js';
import { Module, shapeError } from '../module.js';

/** Options of {@link dense}. */
export interface DenseOptions {
  /** Add a bias (default true). */
  bias?: boolean;
  /** Initial weights (He uniform by default). */
  init?: Initializer;
  /** Initial bias (zeros by default). */
  biasInit?: Initializer;
}

/** y = x W + b over the last axis. */
export class Dense extends Module {
  readonly kind = 'dense';
  readonly weight: Tensor;
  readonly bias: Tensor | null;

  constructor(readonly inFeatures: number, readonly outFeatures: number, { bias = true, init = heUniform(), biasInit = zeros() }: DenseOptions = {}) {
    super();
    for (const [name, n] of [['inFeatures', inFeatures], ['outFeatures', outFeatures]] as const) {
      if (!Number.isInteger(n) || n <= 0) throw new Error(`dense: ${name} must be a positive integer, got ${n}`);
    }
    this.weight = this.parameter('weight', init([inFeatures, outFeatures]));
    this.bias = bias ? this.parameter('bias', biasInit([outFeatures])) : null;
  }

  forward(x: Tensor): Tensor {
    if (x.rank < 1 || x.shape[x.rank - 1] !== this.inFeatures) throw shapeError(this, `[..., ${this.inFeatures}]`, x.shape);
    const y = x.matmul(this.weight);
    return this.bias ? y.add(this.bias) : y;
  }
}

/** A fully connected layer from `inFeatures` to `outFeatures`. */
export const dense = (inFeatures: number, outFeatures: number, options?: DenseOptions): Dense => new Dense(inFeatures, outFeatures, options);
