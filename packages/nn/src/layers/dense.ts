// A fully connected layer: y = act(x W + b) over the last axis, W of shape [in, out], run as the
// fused dense op (product, bias and activation in one kernel).
import { dense as denseOp, DENSE_ACTIVATIONS, type DenseActivation, type Tensor } from '../deps.js';
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
  /** Applied to x W + b in the same kernel: 'linear' (none, the default), 'relu', 'sigmoid' or 'tanh'. */
  activation?: DenseActivation;
}

/** y = act(x W + b) over the last axis. */
export class Dense extends Module {
  readonly kind = 'dense';
  /** Weights [inFeatures, outFeatures]. */
  readonly weight: Tensor;
  /** Bias [outFeatures], or null with `bias: false`. */
  readonly bias: Tensor | null;
  /** Applied in the same kernel: 'linear' (none), 'relu', 'sigmoid' or 'tanh'. */
  readonly activation: DenseActivation;

  constructor(readonly inFeatures: number, readonly outFeatures: number, { bias = true, init = heUniform(), biasInit = zeros(), activation = 'linear' }: DenseOptions = {}) {
    super();
    if (!DENSE_ACTIVATIONS.includes(activation)) throw new Error(`dense: activation must be one of ${DENSE_ACTIVATIONS.join(', ')}, got ${JSON.stringify(activation)}`);
    this.activation = activation;
    for (const [name, n] of [['inFeatures', inFeatures], ['outFeatures', outFeatures]] as const) {
      if (!Number.isInteger(n) || n <= 0) throw new Error(`dense: ${name} must be a positive integer, got ${n}`);
    }
    this.weight = this.parameter('weight', init([inFeatures, outFeatures]));
    this.bias = bias ? this.parameter('bias', biasInit([outFeatures])) : null;
  }

  forward(x: Tensor): Tensor {
    return this.forwardWith(x, this.activation);
  }

  /**
   * The layer followed by `activation` instead of its own, in one kernel: sequential() uses it
   * to fuse a linear dense layer with the relu/sigmoid/tanh layer after it.
   */
  forwardWith(x: Tensor, activation: DenseActivation): Tensor {
    if (x.rank < 1 || x.shape[x.rank - 1] !== this.inFeatures) throw shapeError(this, `[..., ${this.inFeatures}]`, x.shape);
    return denseOp(x, this.weight, this.bias, { activation });
  }
}

/**
 * A fully connected layer from `inFeatures` to `outFeatures`: x @ weight + bias over x's last
 * axis, so x is [..., inFeatures] and the output [..., outFeatures]; other shapes throw.
 * @example
 * ```ts
 * const layer = nn.dense(3, 2);
 * layer.forward(wg.randn([4, 3])); // [4, 2]
 * ```
 */
export const dense = (inFeatures: number, outFeatures: number, options?: DenseOptions): Dense => new Dense(inFeatures, outFeatures, options);
