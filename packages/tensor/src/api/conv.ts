// Convolution and pooling as users call them (NCHW input, OIHW filters), with padding given
// as 'valid', 'same', one number, [h, w] or [top, bottom, left, right].
import { composite } from './composite.js';
import { runOp } from '../engine.js';
import type { AvgPoolAttrs, Conv2dAttrs, PoolAttrs } from '../ops.js';
import { fmt } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { castTo } from './elementwise.js';

/** How much to pad: 'valid' (none), 'same' (output extent ceil(input / stride)), or explicit amounts. */
export type Padding = 'valid' | 'same' | number | readonly [number, number] | readonly [number, number, number, number];

/** Options of {@link conv2d}. */
export interface Conv2dOptions {
  /** Step between windows, one number or [height, width] (1 by default). */
  stride?: number | readonly [number, number];
  /** 0 by default; 'valid' (none), 'same', a number, [height, width] or [top, bottom, left, right]. */
  padding?: Padding;
  /** Spacing between kernel taps, one number or [height, width] (1 by default). */
  dilation?: number | readonly [number, number];
  /** Channel groups: input and output channels must both divide by it (1 by default). */
  groups?: number;
}

/** Options of the pooling ops. */
export interface Pool2dOptions {
  /** Step between windows; the window size by default. */
  stride?: number | readonly [number, number];
  /** 'valid' (none, the default), 'same', or amounts; padding never wins a max. */
  padding?: Padding;
  /** Round the output extent up rather than down, as PyTorch's ceil_mode (false by default). */
  ceilMode?: boolean;
}

/** Options of {@link avgPool2d}. */
export interface AvgPool2dOptions extends Pool2dOptions {
  /**
   * Divide by every window position inside the padded input, padding zeros included (true, the
   * default, as PyTorch's count_include_pad), or only by those inside the input (false).
   */
  countIncludePad?: boolean;
}

const pair = (v: number | readonly [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : [v[0], v[1]]);

function resolvePadding(op: string, padding: Padding, input: readonly number[], window: [number, number], stride: [number, number]): [number, number, number, number] {
  if (padding === 'valid') return [0, 0, 0, 0];
  if (padding === 'same') {
    const [ph, pw] = [0, 1].map((i) => Math.max((Math.ceil(input[i]! / stride[i]!) - 1) * stride[i]! + window[i]! - input[i]!, 0)) as [number, number];
    return [Math.floor(ph / 2), ph - Math.floor(ph / 2), Math.floor(pw / 2), pw - Math.floor(pw / 2)];
  }
  if (typeof padding === 'number') return [padding, padding, padding, padding];
  // Test for an array: any other string (a typo such as 'full') has a length too.
  if (Array.isArray(padding) && padding.length === 2) return [padding[0], padding[0], padding[1], padding[1]];
  if (Array.isArray(padding) && padding.length === 4) return [padding[0], padding[1], padding[2], padding[3]];
  throw new Error(`${op}: padding must be 'valid', 'same', a number, [h, w] or [top, bottom, left, right], got ${JSON.stringify(padding)}`);
}

/** The canonical attributes of a convolution of `x` [N,C,H,W] by `filterShape` [O,C/groups,KH,KW]. */
export function conv2dAttrs(x: readonly number[], filterShape: readonly number[], { stride = 1, padding = 0, dilation = 1, groups = 1 }: Conv2dOptions = {}): Conv2dAttrs {
  if (x.length !== 4 || filterShape.length !== 4) throw new Error(`conv2d: x must be [N,C,H,W] and filter [O,C/groups,KH,KW], got ${fmt(x)} and ${fmt(filterShape)}`);
  const [s, d] = [pair(stride), pair(dilation)];
  const span: [number, number] = [d[0] * (filterShape[2]! - 1) + 1, d[1] * (filterShape[3]! - 1) + 1];
  return { stride: s, dilation: d, groups, padding: resolvePadding('conv2d', padding, x.slice(2), span, s) };
}

/** 2-D convolution (cross-correlation, as in PyTorch) of `x` [N,C,H,W] with `filter` [O,C/groups,KH,KW]. */
export const conv2d = composite(function conv2d(x: Tensor, filter: Tensor, options: Conv2dOptions = {}): Tensor {
  return runOp('conv2d', [castTo(x, 'float32'), castTo(filter, 'float32')], conv2dAttrs(x.shape, filter.shape, options));
});

/** The canonical attributes of a pooling window of `kernel` over `x` [N,C,H,W]. */
export function poolAttrs(op: string, x: readonly number[], kernel: number | readonly [number, number], { stride, padding = 0, ceilMode = false }: Pool2dOptions = {}): PoolAttrs {
  if (x.length !== 4) throw new Error(`${op}: x must be [N,C,H,W], got ${fmt(x)}`);
  const k = pair(kernel);
  const s = stride === undefined ? k : pair(stride);
  return { kernel: k, stride: s, padding: resolvePadding(op, padding, x.slice(2), k, s), ceilMode };
}

/** The canonical attributes of an average pooling window of `kernel` over `x` [N,C,H,W]. */
export function avgPoolAttrs(x: readonly number[], kernel: number | readonly [number, number], options: AvgPool2dOptions = {}): AvgPoolAttrs {
  return { ...poolAttrs('avgPool2d', x, kernel, options), countIncludePad: options.countIncludePad ?? true };
}

/**
 * Maximum over each window; padding never wins.
 * @example wg.maxPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true })
 */
export const maxPool2d = composite(function maxPool2d(x: Tensor, kernel: number | readonly [number, number], options: Pool2dOptions = {}): Tensor {
  return runOp('maxPool2d', [castTo(x, 'float32')], poolAttrs('maxPool2d', x.shape, kernel, options));
});

/**
 * Mean over each window. The divisor counts the padding inside the window (countIncludePad, the
 * default, as PyTorch), or only the input elements with `countIncludePad: false`.
 * @example wg.avgPool2d(x, 3, { stride: 2, padding: 1, countIncludePad: false })
 */
export const avgPool2d = composite(function avgPool2d(x: Tensor, kernel: number | readonly [number, number], options: AvgPool2dOptions = {}): Tensor {
  return runOp('avgPool2d', [castTo(x, 'float32')], avgPoolAttrs(x.shape, kernel, options));
});
