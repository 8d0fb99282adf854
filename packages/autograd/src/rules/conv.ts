// Gradient rules of convolution and pooling. Convolution is bilinear in (x, filter), so its
// gradients are the two "transposed" convolutions, and theirs are convolutions again.
import { argmax, fromValues, gather, oneHot, runOp, type PoolAttrs, type Tensor } from '@webgrad/tensor';
import { ifNeeded, type GradRules } from '../rule.js';

/**
 * The input offsets (row * width + col) of every window's taps: [windows, taps], int32. A tap in
 * the padding repeats the window's first tap inside the input, so it can never win alone.
 */
function windowTaps([h, w]: readonly number[], [oh, ow]: readonly number[], { kernel: [kh, kw], stride, padding }: PoolAttrs): number[] {
  const taps: number[] = [];
  for (let p = 0; p < oh; p++) {
    for (let q = 0; q < ow; q++) {
      const [top, left] = [p * stride[0] - padding[0], q * stride[1] - padding[2]];
      const inside = Math.max(top, 0) * w + Math.max(left, 0);
      for (let i = top; i < top + kh; i++) {
        for (let j = left; j < left + kw; j++) taps.push(i >= 0 && i < h && j >= 0 && j < w ? i * w + j : inside);
      }
    }
  }
  return taps;
}

/**
 * `g` at the tap each window of `x` takes its maximum from (the first, NaN counting as the
 * largest, as maxPool2d's kernels choose): the derivative of maxPool2dGrad(x, dy) in dy.
 */
function atWindowMaxima(x: Tensor, g: Tensor, dyShape: readonly number[], attrs: PoolAttrs): Tensor {
  const [n, c, h, w] = x.shape as [number, number, number, number];
  const [oh, ow] = dyShape.slice(2) as [number, number];
  const k = attrs.kernel[0] * attrs.kernel[1];
  const taps = fromValues(windowTaps([h, w], [oh, ow], attrs), [oh * ow, k], 'int32', x.backend);
  const planes = (t: Tensor): Tensor => gather(t.reshape([n * c, h * w]), taps, 1);
  const chosen = oneHot(argmax(planes(x), 2), k);
  return planes(g).mul(chosen).sum(2).reshape([n, c, oh, ow]);
}

/** The convolution and pooling part of the gradient table. */
export const convRules = {
  conv2d: ({ inputs: [x, w], attrs, dy, needs }) => [
    ifNeeded(needs[0], () => runOp('conv2dInputGrad', [dy, w!], { ...attrs, inputShape: [...x!.shape] })),
    ifNeeded(needs[1], () => runOp('conv2dFilterGrad', [x!, dy], { ...attrs, filterShape: [...w!.shape] })),
  ],
  // <g, inputGrad(dy, w)> = <conv2d(g, w), dy> = <filterGrad(g, dy), w>
  conv2dInputGrad: ({ inputs: [dy, w], attrs: { inputShape: _, ...attrs }, dy: g }) => [
    runOp('conv2d', [g, w!], attrs),
    runOp('conv2dFilterGrad', [g, dy!], { ...attrs, filterShape: [...w!.shape] }),
  ],
  // <g, filterGrad(x, dy)> = <conv2d(x, g), dy> = <inputGrad(dy, g), x>
  conv2dFilterGrad: ({ inputs: [x, dy], attrs: { filterShape: _, ...attrs }, dy: g }) => [
    runOp('conv2dInputGrad', [dy!, g], { ...attrs, inputShape: [...x!.shape] }),
    runOp('conv2d', [x!, g], attrs),
  ],
  maxPool2d: ({ inputs: [x], attrs, dy }) => [runOp('maxPool2dGrad', [x!, dy], attrs)],
  // Linear in dy, through the windows' argmax; piecewise constant in x, so x gets no gradient.
  maxPool2dGrad: ({ inputs: [x, dy], attrs, dy: g }) => [null, atWindowMaxima(x!, g, dy!.shape, attrs)],
  avgPool2d: ({ inputs: [x], attrs, dy }) => [runOp('avgPool2dGrad', [dy], { ...attrs, inputShape: [...x!.shape] })],
  // avgPool2dGrad is the adjoint of avgPool2d, so its adjoint is avgPool2d.
  avgPool2dGrad: ({ attrs: { inputShape: _, ...attrs }, dy }) => [runOp('avgPool2d', [dy], attrs)],
} satisfies Partial<GradRules>;
