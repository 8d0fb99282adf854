// Pooling layers over NCHW input: the maximum or the mean of each window, per channel.
import { avgPool2d as avgPoolOp, maxPool2d as maxPoolOp, poolAttrs, type AvgPool2dOptions, type Pool2dOptions, type Tensor } from '../deps.js';
import { Module, shapeError } from '../module.js';
import { checkWindow } from './conv2d.js';

type PoolFn = (x: Tensor, kernel: readonly [number, number], options: AvgPool2dOptions) => Tensor;

/** A parameter-free pooling layer; the stride defaults to the window, padding to 'valid', ceilMode to false. */
export class Pool2d extends Module {
  /** Window height and width. */
  readonly kernel: [number, number];

  constructor(readonly kind: 'maxPool2d' | 'avgPool2d', kernel: number | readonly [number, number], private readonly options: AvgPool2dOptions, private readonly fn: PoolFn) {
    super();
    this.kernel = typeof kernel === 'number' ? [kernel, kernel] : [kernel[0], kernel[1]];
    if (!this.kernel.every((k) => Number.isInteger(k) && k > 0)) throw new Error(`${kind}: kernel must be positive integers, got ${JSON.stringify(kernel)}`);
  }

  forward(x: Tensor): Tensor {
    if (x.rank !== 4) throw shapeError(this, '[N, C, H, W]', x.shape);
    const attrs = poolAttrs(this.kind, x.shape, this.kernel, this.options);
    checkWindow(this, x, 'C', this.kernel, attrs.padding);
    return this.fn(x, this.kernel, { ...this.options, padding: attrs.padding });
  }
}

/**
 * Maximum over each `kernel` window (padding never wins).
 * @example wg.nn.maxPool2d(3, { stride: 2, padding: 1, ceilMode: true })
 */
export const maxPool2d = (kernel: number | readonly [number, number], options: Pool2dOptions = {}): Pool2d => new Pool2d('maxPool2d', kernel, options, maxPoolOp);
/**
 * Mean over each `kernel` window; the divisor counts padding (countIncludePad, true by default
 * as in PyTorch) or, with `countIncludePad: false`, only the elements inside the input.
 * @example wg.nn.avgPool2d(3, { stride: 2, padding: 1, countIncludePad: false })
 */
export const avgPool2d = (kernel: number | readonly [number, number], options: AvgPool2dOptions = {}): Pool2d => new Pool2d('avgPool2d', kernel, options, avgPoolOp);
