// Layer normalisation (Ba, Kiros & Hinton 2016): each example is normalised over its trailing
// axes, then scaled and shifted by learned tensors of those axes' shape.
import type { Tensor } from '../deps.js';
import { ones, zeros } from '../init.js';
import { Module, shapeError } from '../module.js';

/** Options of {@link layerNorm}. */
export interface LayerNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /** Learn `weight` (ones at first) and `bias` (zeros at first) of the normalised shape (default true). */
  affine?: boolean;
}

/** y = (x - mean) / sqrt(var + eps) * weight + bias, statistics over the trailing `normalizedShape` axes. */
export class LayerNorm extends Module {
  readonly kind = 'layerNorm';
  /** The trailing axes the statistics are taken over. */
  readonly normalizedShape: readonly number[];
  /** Scale of the normalised shape (ones at first), or null without `affine`. */
  readonly weight: Tensor | null;
  /** Shift of the normalised shape (zeros at first), or null without `affine`. */
  readonly bias: Tensor | null;
  /** Added to the variance before the square root (1e-5 by default). */
  readonly eps: number;

  constructor(normalizedShape: number | readonly number[], { eps = 1e-5, affine = true }: LayerNormOptions = {}) {
    super();
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    if (this.normalizedShape.length === 0 || !this.normalizedShape.every((d) => Number.isInteger(d) && d > 0)) {
      throw new Error(`layerNorm: normalizedShape must be one or more positive integers, got ${JSON.stringify(normalizedShape)}`);
    }
    if (!(eps > 0)) throw new Error(`layerNorm: eps must be positive, got ${eps}`);
    this.eps = eps;
    this.weight = affine ? this.parameter('weight', ones()(this.normalizedShape)) : null;
    this.bias = affine ? this.parameter('bias', zeros()(this.normalizedShape)) : null;
  }

  forward(x: Tensor): Tensor {
    const k = this.normalizedShape.length;
    const trailing = x.shape.slice(x.rank - k);
    if (x.rank < k || trailing.some((d, i) => d !== this.normalizedShape[i])) throw shapeError(this, `[..., ${this.normalizedShape.join(', ')}]`, x.shape);
    const axes = Array.from({ length: k }, (_, i) => x.rank - k + i);
    const y = x.sub(x.mean(axes, true)).mul(x.variance(axes, true).add(this.eps).rsqrt());
    return this.weight && this.bias ? y.mul(this.weight).add(this.bias) : y;
  }
}

/** Layer normalisation over the trailing axes of shape `normalizedShape`. */
export const layerNorm = (normalizedShape: number | readonly number[], options?: LayerNormOptions): LayerNorm => new LayerNorm(normalizedShape, options);
