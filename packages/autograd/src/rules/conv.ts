// Gradient rules of convolution and pooling. Convolution is bilinear in (x, filter), so its
// gradients are the two "transposed" convolutions, and theirs are convolutions again.
import { runOp } from '@webgrad/tensor';
import { ifNeeded, type GradRules } from '../rule.js';

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
  maxPool2dGrad: () => {
    throw new Error('maxPool2dGrad: second derivatives through maxPool2d are not implemented yet');
  },
  avgPool2d: ({ inputs: [x], attrs, dy }) => [runOp('avgPool2dGrad', [dy], { ...attrs, inputShape: [...x!.shape] })],
  // avgPool2dGrad is the adjoint of avgPool2d, so its adjoint is avgPool2d.
  avgPool2dGrad: ({ attrs: { inputShape: _, ...attrs }, dy }) => [runOp('avgPool2d', [dy], attrs)],
} satisfies Partial<GradRules>;
