// Reference kernels for 2-D convolution and pooling. All six are one walk over (output
// position, filter tap) pairs that fall inside the input; only what is done per tap differs.
import type { Kernel } from '../../backend.js';
import type { TypedArray } from '../../dtype.js';
import { avgPoolCounted, type AvgPoolAttrs, type Conv2dAttrs, type OpName, type PoolAttrs } from '../../ops.js';

type K<N extends OpName> = Kernel<N, TypedArray>;

/**
 * Calls `tap(xOffset, wOffset, yOffset)` for every filter tap of every output element of a
 * convolution of x [N,C,H,W] by w [O,C/groups,KH,KW] producing y [N,O,OH,OW], skipping padding.
 */
function forEachConvTap(x: readonly number[], w: readonly number[], y: readonly number[], a: Conv2dAttrs, tap: (xi: number, wi: number, yi: number) => void): void {
  const [n, c, h, wd] = x as [number, number, number, number];
  const [o, cg, kh, kw] = w as [number, number, number, number];
  const [oh, ow] = [y[2]!, y[3]!];
  const perGroup = o / a.groups;
  for (let b = 0; b < n; b++) {
    for (let oc = 0; oc < o; oc++) {
      const firstChannel = Math.floor(oc / perGroup) * cg;
      for (let p = 0; p < oh; p++) {
        for (let q = 0; q < ow; q++) {
          const yi = ((b * o + oc) * oh + p) * ow + q;
          for (let ci = 0; ci < cg; ci++) {
            for (let i = 0; i < kh; i++) {
              const row = p * a.stride[0] - a.padding[0] + i * a.dilation[0];
              if (row < 0 || row >= h) continue;
              for (let j = 0; j < kw; j++) {
                const col = q * a.stride[1] - a.padding[2] + j * a.dilation[1];
                if (col < 0 || col >= wd) continue;
                tap(((b * c + firstChannel + ci) * h + row) * wd + col, ((oc * cg + ci) * kh + i) * kw + j, yi);
              }
            }
          }
        }
      }
    }
  }
}

/**
 * Calls `window(yOffset, xOffsets, (p, q))` for every pooling window, with the in-bounds input
 * offsets; `(p, q)` is the window's first tap in input coordinates (it may be in the padding).
 */
function forEachWindow(x: readonly number[], y: readonly number[], a: PoolAttrs, window: (yi: number, taps: number[], row: number, col: number) => void): void {
  const [n, c, h, w] = x as [number, number, number, number];
  const [oh, ow] = [y[2]!, y[3]!];
  const taps: number[] = [];
  for (let plane = 0; plane < n * c; plane++) {
    for (let p = 0; p < oh; p++) {
      const row0 = p * a.stride[0] - a.padding[0];
      for (let q = 0; q < ow; q++) {
        const col0 = q * a.stride[1] - a.padding[2];
        taps.length = 0;
        for (let row = Math.max(row0, 0); row < Math.min(row0 + a.kernel[0], h); row++) {
          for (let col = Math.max(col0, 0); col < Math.min(col0 + a.kernel[1], w); col++) taps.push((plane * h + row) * w + col);
        }
        window((plane * oh + p) * ow + q, taps, row0, col0);
      }
    }
  }
}

/** Divides each average window by its positions inside the counted region ({@link avgPoolCounted}). */
function forEachAverage(x: readonly number[], y: readonly number[], a: AvgPoolAttrs, window: (yi: number, taps: number[], divisor: number) => void): void {
  const [top, bottom, left, right] = avgPoolCounted(x, a);
  forEachWindow(x, y, a, (yi, taps, row, col) => {
    const rows = Math.min(row + a.kernel[0], bottom) - Math.max(row, top);
    const cols = Math.min(col + a.kernel[1], right) - Math.max(col, left);
    window(yi, taps, rows * cols);
  });
}

/** Accumulates in double precision, then stores once. */
function accumulate(out: TypedArray, fill: (acc: Float64Array) => void): void {
  const acc = new Float64Array(out.length);
  fill(acc);
  out.set(acc);
}

/** The first tap holding the window's maximum (NaN counts as the maximum). */
function argmaxTap(src: TypedArray, taps: readonly number[]): number {
  let best = taps[0]!;
  for (const t of taps) {
    if (Number.isNaN(src[best]!)) break;
    if (Number.isNaN(src[t]!) || src[t]! > src[best]!) best = t;
  }
  return best;
}

/** The convolution and pooling part of the reference kernel table. */
export const convKernels = {
  conv2d: ({ inputs: [x, w], attrs, out }) =>
    accumulate(out.storage, (acc) => forEachConvTap(x!.shape, w!.shape, out.shape, attrs, (xi, wi, yi) => (acc[yi]! += x!.storage[xi]! * w!.storage[wi]!))),
  conv2dInputGrad: ({ inputs: [dy, w], attrs, out }) =>
    accumulate(out.storage, (acc) => forEachConvTap(attrs.inputShape, w!.shape, dy!.shape, attrs, (xi, wi, yi) => (acc[xi]! += dy!.storage[yi]! * w!.storage[wi]!))),
  conv2dFilterGrad: ({ inputs: [x, dy], attrs, out }) =>
    accumulate(out.storage, (acc) => forEachConvTap(x!.shape, attrs.filterShape, dy!.shape, attrs, (xi, wi, yi) => (acc[wi]! += x!.storage[xi]! * dy!.storage[yi]!))),
  maxPool2d: ({ inputs: [x], attrs, out }) =>
    forEachWindow(x!.shape, out.shape, attrs, (yi, taps) => (out.storage[yi] = x!.storage[argmaxTap(x!.storage, taps)]!)),
  maxPool2dGrad: ({ inputs: [x, dy], attrs, out }) =>
    accumulate(out.storage, (acc) => forEachWindow(x!.shape, dy!.shape, attrs, (yi, taps) => (acc[argmaxTap(x!.storage, taps)]! += dy!.storage[yi]!))),
  avgPool2d: ({ inputs: [x], attrs, out }) =>
    forEachAverage(x!.shape, out.shape, attrs, (yi, taps, divisor) => {
      let s = 0;
      for (const t of taps) s += x!.storage[t]!;
      out.storage[yi] = s / divisor;
    }),
  avgPool2dGrad: ({ inputs: [dy], attrs, out }) =>
    accumulate(out.storage, (acc) => forEachAverage(attrs.inputShape, dy!.shape, attrs, (yi, taps, divisor) => {
      for (const t of taps) acc[t]! += dy!.storage[yi]! / divisor;
    })),
} satisfies { [N in OpName]?: K<N> };
