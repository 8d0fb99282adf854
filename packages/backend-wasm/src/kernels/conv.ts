// Convolution and pooling kernels of the 'wasm' backend. conv2d and its two gradients are
// im2col (or col2im) plus one packed gemm per image and group; a 1x1, stride-1, unpadded
// convolution skips im2col, since the image already is the column matrix. Pooling loops run in
// assembly/pool.ts.
import { avgPoolCounted, type AvgPoolAttrs, type Conv2dAttrs, type Kernel, type OpName, type PoolAttrs } from '@webgrad/tensor';
import type { Heap } from '../heap.js';
import { sizeOf } from './strides.js';

type K<N extends OpName> = Kernel<N, number>;

/** Per image and group: the sizes of the column matrix and the im2col parameters. */
interface ConvPlan {
  n: number; c: number; h: number; w: number; o: number; groups: number;
  cg: number; og: number; kdim: number; positions: number; pointwise: boolean; params: number[];
}

function plan(x: readonly number[], f: readonly number[], y: readonly number[], a: Conv2dAttrs): ConvPlan {
  const [n, c, h, w] = x as [number, number, number, number];
  const [o, cg, kh, kw] = f as [number, number, number, number];
  const [oh, ow] = [y[2]!, y[3]!];
  const pointwise = kh === 1 && kw === 1 && a.stride.every((s) => s === 1) && a.padding.every((p) => p === 0);
  return {
    n, c, h, w, o, groups: a.groups, cg, og: o / a.groups, kdim: cg * kh * kw, positions: oh * ow, pointwise,
    params: [cg, h, w, kh, kw, a.stride[0], a.stride[1], a.padding[0], a.padding[2], a.dilation[0], a.dilation[1], oh, ow],
  };
}

/** Calls `body(xOffset, yOffset, wOffset)` (bytes) for every image and group. */
function forEachImageGroup(p: ConvPlan, body: (xg: number, yg: number, wg: number, image: number) => void): void {
  for (let g = 0; g < p.groups; g++) {
    for (let i = 0; i < p.n; i++) {
      body(((i * p.c + g * p.cg) * p.h * p.w) * 4, ((i * p.o + g * p.og) * p.positions) * 4, g * p.og * p.kdim * 4, i);
    }
  }
}

/** The pooling parameter block; the counted region (average divisors) is the input for max. */
function poolParams(h: Heap, x: readonly number[], y: readonly number[], a: PoolAttrs | AvgPoolAttrs): number {
  const counted = 'countIncludePad' in a ? avgPoolCounted(x, a) : [0, x[2]!, 0, x[3]!];
  return h.setParams([x[0]! * x[1]!, x[2]!, x[3]!, a.kernel[0], a.kernel[1], a.stride[0], a.stride[1], a.padding[0], a.padding[2], y[2]!, y[3]!, ...counted]);
}

/** The convolution and pooling part of the kernel table, bound to a module instance. */
export function convKernels(h: Heap) {
  const gemm = h.gemm.bind(h);
  const colBytes = (p: ConvPlan): number => (p.pointwise ? 0 : p.kdim * p.positions * 4);
  return {
    conv2d: (({ inputs: [x, f], attrs, out }) => {
      const p = plan(x!.shape, f!.shape, out.shape, attrs);
      h.withScratch(colBytes(p), (col) => forEachImageGroup(p, (xg, yg, wg) => {
        const src = p.pointwise ? x!.storage + xg : col;
        if (!p.pointwise) h.k.im2col(x!.storage + xg, col, h.setParams(p.params));
        gemm(p.og, p.positions, p.kdim, f!.storage + wg, p.kdim, 1, src, p.positions, 1, out.storage + yg, p.positions, false);
      }));
    }) as K<'conv2d'>,
    conv2dInputGrad: (({ inputs: [dy, f], attrs, out }) => {
      const p = plan(attrs.inputShape, f!.shape, dy!.shape, attrs);
      h.withScratch(colBytes(p), (col) => forEachImageGroup(p, (xg, yg, wg) => {
        const dst = p.pointwise ? out.storage + xg : col;
        gemm(p.kdim, p.positions, p.og, f!.storage + wg, 1, p.kdim, dy!.storage + yg, p.positions, 1, dst, p.positions, false);
        if (!p.pointwise) h.k.col2im(col, out.storage + xg, h.setParams(p.params));
      }));
    }) as K<'conv2dInputGrad'>,
    conv2dFilterGrad: (({ inputs: [x, dy], attrs, out }) => {
      const p = plan(x!.shape, attrs.filterShape, dy!.shape, attrs);
      if (p.n === 0) h.fill('float32', out.storage, sizeOf(out.shape), 0);
      h.withScratch(colBytes(p), (col) => forEachImageGroup(p, (xg, yg, wg, image) => {
        const src = p.pointwise ? x!.storage + xg : col;
        if (!p.pointwise) h.k.im2col(x!.storage + xg, col, h.setParams(p.params));
        gemm(p.og, p.kdim, p.positions, dy!.storage + yg, p.positions, 1, src, 1, p.positions, out.storage + wg, p.kdim, image > 0);
      }));
    }) as K<'conv2dFilterGrad'>,
    maxPool2d: (({ inputs: [x], attrs, out }) => h.k.maxPool2d(x!.storage, out.storage, poolParams(h, x!.shape, out.shape, attrs))) as K<'maxPool2d'>,
    maxPool2dGrad: (({ inputs: [x, dy], attrs, out }) =>
      h.k.maxPool2dGrad(x!.storage, dy!.storage, out.storage, poolParams(h, x!.shape, dy!.shape, attrs))) as K<'maxPool2dGrad'>,
    avgPool2d: (({ inputs: [x], attrs, out }) => h.k.avgPool2d(x!.storage, out.storage, poolParams(h, x!.shape, out.shape, attrs))) as K<'avgPool2d'>,
    avgPool2dGrad: (({ inputs: [dy], attrs, out }) =>
      h.k.avgPool2dGrad(dy!.storage, out.storage, poolParams(h, attrs.inputShape, dy!.shape, attrs))) as K<'avgPool2dGrad'>,
  };
}
