// Batch normalisation (Ioffe & Szegedy 2015) over [N, F] or [N, C, H, W]: batch statistics in
// training (and running averages of them, as buffers), the running averages in eval.
import { noGrad, scope, type Tensor } from '../deps.js';
import { ones, zeros } from '../init.js';
import { Module, shapeError } from '../module.js';

/** Options of {@link batchNorm1d} and {@link batchNorm2d}. */
export interface BatchNormOptions {
  /** Weight of the newest batch in the running averages (PyTorch's convention; default 0.1). */
  momentum?: number;
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /** Learn a per-feature scale `weight` and shift `bias` (default true). */
  affine?: boolean;
}

/**
 * y = (x - mean) / sqrt(var + eps) * weight + bias, per feature (axis 1). The running variance
 * is updated with the unbiased batch variance, as in PyTorch; normalising uses the biased one.
 */
export class BatchNorm extends Module {
  /** Per-feature scale (ones at first), or null without `affine`. */
  readonly weight: Tensor | null;
  /** Per-feature shift (zeros at first), or null without `affine`. */
  readonly bias: Tensor | null;
  /** Running mean of the batch means (a buffer). */
  readonly runningMean: Tensor;
  /** Running mean of the unbiased batch variances (a buffer). */
  readonly runningVar: Tensor;
  /** Weight of each new batch in the running statistics (0.1 by default, as PyTorch). */
  readonly momentum: number;
  /** Added to the variance before the square root (1e-5 by default). */
  readonly eps: number;

  constructor(readonly kind: 'batchNorm1d' | 'batchNorm2d', readonly features: number, { momentum = 0.1, eps = 1e-5, affine = true }: BatchNormOptions = {}) {
    super();
    if (!Number.isInteger(features) || features <= 0) throw new Error(`${kind}: features must be a positive integer, got ${features}`);
    if (!(momentum >= 0 && momentum <= 1)) throw new Error(`${kind}: momentum must be in [0, 1], got ${momentum}`);
    if (!(eps > 0)) throw new Error(`${kind}: eps must be positive, got ${eps}`);
    [this.momentum, this.eps] = [momentum, eps];
    this.weight = affine ? this.parameter('weight', ones()([features])) : null;
    this.bias = affine ? this.parameter('bias', zeros()([features])) : null;
    this.runningMean = this.buffer('runningMean', zeros()([features]));
    this.runningVar = this.buffer('runningVar', ones()([features]));
  }

  forward(x: Tensor): Tensor {
    const spatial = this.kind === 'batchNorm2d';
    const f = this.features;
    if (x.rank !== (spatial ? 4 : 2) || x.shape[1] !== f) throw shapeError(this, spatial ? `[N, ${f}, H, W]` : `[N, ${f}]`, x.shape);
    const axes = spatial ? [0, 2, 3] : [0];
    const perFeature = spatial ? [1, f, 1, 1] : [1, f];
    let mean: Tensor;
    let variance: Tensor;
    if (this.training) {
      const n = x.size / f;
      if (n < 2) throw new Error(`${this.describe()}: training needs more than one value per feature to estimate a variance, got input [${x.shape.join(',')}]`);
      mean = x.mean(axes, true);
      variance = x.variance(axes, true);
      this.updateRunning(mean, variance, n);
    } else {
      [mean, variance] = [this.runningMean.reshape(perFeature), this.runningVar.reshape(perFeature)];
    }
    const y = x.sub(mean).mul(variance.add(this.eps).rsqrt());
    return this.weight && this.bias ? y.mul(this.weight.reshape(perFeature)).add(this.bias.reshape(perFeature)) : y;
  }

  /** running = (1 - momentum) running + momentum batch, in place and untracked. */
  private updateRunning(mean: Tensor, variance: Tensor, n: number): void {
    const [m, f] = [this.momentum, [this.features]];
    noGrad(() =>
      scope(() => {
        this.runningMean.assign(this.runningMean.mul(1 - m).add(mean.reshape(f).mul(m)));
        this.runningVar.assign(this.runningVar.mul(1 - m).add(variance.reshape(f).mul((m * n) / (n - 1))));
      }),
    );
  }
}

/** Batch normalisation of [N, features] input. */
export const batchNorm1d = (features: number, options?: BatchNormOptions): BatchNorm => new BatchNorm('batchNorm1d', features, options);
/** Batch normalisation of [N, channels, H, W] input, with statistics per channel. */
export const batchNorm2d = (channels: number, options?: BatchNormOptions): BatchNorm => new BatchNorm('batchNorm2d', channels, options);
