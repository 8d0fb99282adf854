// A 2-D convolution layer over NCHW input with OIHW filters [out, in / groups, kh, kw], plus the
// window-fit check the pooling layers share.
import { conv2d as conv2dOp, conv2dAttrs, type Padding, type Tensor } from '../deps.js';
import { heUniform, zeros, type Initializer } from '../init.js';
import { Module, shapeError } from '../module.js';

/** Options of {@link conv2d}. */
export interface Conv2dLayerOptions {
  /** Step between windows, one number or [h, w] (default 1). */
  stride?: number | readonly [number, number];
  /** 'valid' (default), 'same', one number, [h, w] or [top, bottom, left, right]. */
  padding?: Padding;
  /** Spacing between kernel taps (default 1). */
  dilation?: number | readonly [number, number];
  /** Channel groups: in and out channels are split into this many independent convolutions (default 1). */
  groups?: number;
  /** Add a per-channel bias (default true). */
  bias?: boolean;
  /** Initial filters (He uniform over fan-in = in / groups * kh * kw by default). */
  init?: Initializer;
  /** Initial bias (zeros by default). */
  biasInit?: Initializer;
}

const pair = (v: number | readonly [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : [v[0], v[1]]);

/**
 * Throws a shape error naming `module` when a window of `span` [h, w] with `padding`
 * [top, bottom, left, right] does not fit the spatial extent of `x` [N, C, H, W].
 */
export function checkWindow(module: Module, x: Tensor, channels: string, span: readonly [number, number], padding: readonly number[]): void {
  const min = [span[0] - padding[0]! - padding[1]!, span[1] - padding[2]! - padding[3]!];
  if (x.shape[2]! < min[0]! || x.shape[3]! < min[1]!) throw shapeError(module, `[N, ${channels}, H ≥ ${min[0]}, W ≥ ${min[1]}]`, x.shape);
}

/** y = conv(x, filter) + bias, as PyTorch's Conv2d (cross-correlation). */
export class Conv2d extends Module {
  readonly kind = 'conv2d';
  /** Filters [outChannels, inChannels / groups, kh, kw]. */
  readonly weight: Tensor;
  /** Per-output-channel bias [outChannels], or null. */
  readonly bias: Tensor | null;
  /** Kernel height and width. */
  readonly kernel: [number, number];
  private readonly options: Required<Pick<Conv2dLayerOptions, 'stride' | 'padding' | 'dilation' | 'groups'>>;

  constructor(readonly inChannels: number, readonly outChannels: number, kernel: number | readonly [number, number], options: Conv2dLayerOptions = {}) {
    super();
    const { stride = 1, padding = 'valid', dilation = 1, groups = 1, bias = true, init = heUniform(), biasInit = zeros() } = options;
    this.kernel = pair(kernel);
    const sizes = { inChannels, outChannels, kernelH: this.kernel[0], kernelW: this.kernel[1], groups };
    for (const [name, n] of Object.entries(sizes)) {
      if (!Number.isInteger(n) || n <= 0) throw new Error(`conv2d: ${name} must be a positive integer, got ${n}`);
    }
    if (inChannels % groups || outChannels % groups) throw new Error(`conv2d: groups ${groups} must divide inChannels ${inChannels} and outChannels ${outChannels}`);
    this.options = { stride, padding, dilation, groups };
    this.weight = this.parameter('weight', init([outChannels, inChannels / groups, ...this.kernel]));
    this.bias = bias ? this.parameter('bias', biasInit([outChannels])) : null;
  }

  forward(x: Tensor): Tensor {
    if (x.rank !== 4 || x.shape[1] !== this.inChannels) throw shapeError(this, `[N, ${this.inChannels}, H, W]`, x.shape);
    const attrs = conv2dAttrs(x.shape, this.weight.shape, this.options);
    const span: [number, number] = [attrs.dilation[0] * (this.kernel[0] - 1) + 1, attrs.dilation[1] * (this.kernel[1] - 1) + 1];
    checkWindow(this, x, String(this.inChannels), span, attrs.padding);
    const y = conv2dOp(x, this.weight, { ...this.options, padding: attrs.padding });
    return this.bias ? y.add(this.bias.reshape([1, this.outChannels, 1, 1])) : y;
  }
}

/** A 2-D convolution from `inChannels` to `outChannels` with a `kernel` (one number or [kh, kw]) window. */
export const conv2d = (inChannels: number, outChannels: number, kernel: number | readonly [number, number], options?: Conv2dLayerOptions): Conv2d =>
  new Conv2d(inChannels, outChannels, kernel, options);
