// Reference kernels for ops that move elements: reshape, transpose, slice and its adjoint,
// concat, pad, tile, broadcastTo, gather and scatterAdd.
import type { Kernel } from '../../backend.js';
import type { TypedArray } from '../../dtype.js';
import type { OpName } from '../../ops.js';
import { broadcastStrides, sizeOf, stridesOf, type Shape } from '../../shape.js';

type K<N extends OpName> = Kernel<N, TypedArray>;

/** Calls `body(o, i)` for every output offset o, with i = sum of index[axis] * strides[axis] + base. */
function forEachStrided(outShape: Shape, strides: readonly number[], base: number, body: (o: number, i: number) => void): void {
  const rank = outShape.length;
  const idx = new Array<number>(rank).fill(0);
  let i = base;
  const size = sizeOf(outShape);
  for (let o = 0; o < size; o++) {
    body(o, i);
    for (let axis = rank - 1; axis >= 0; axis--) {
      idx[axis]!++;
      i += strides[axis]!;
      if (idx[axis]! < outShape[axis]!) break;
      i -= strides[axis]! * idx[axis]!;
      idx[axis] = 0;
    }
  }
}

function sliceView(shape: Shape, begin: readonly number[], step: readonly number[]): { strides: number[]; base: number } {
  const own = stridesOf(shape);
  return { strides: own.map((s, i) => s * step[i]!), base: begin.reduce((acc, b, i) => acc + b * own[i]!, 0) };
}

function checkIndex(op: string, index: number, extent: number, axis: number): void {
  if (!(index >= 0 && index < extent)) throw new Error(`${op}: index ${index} is out of range for axis ${axis} of extent ${extent}`);
}

/** The layout part of the reference kernel table. */
export const layoutKernels = {
  reshape: ({ inputs: [x], out }) => out.storage.set(x!.storage),
  transpose: ({ inputs: [x], attrs: { perm }, out }) => {
    const own = stridesOf(x!.shape);
    const [src, dst] = [x!.storage, out.storage];
    forEachStrided(out.shape, perm.map((p) => own[p]!), 0, (o, i) => (dst[o] = src[i]!));
  },
  broadcastTo: ({ inputs: [x], out }) => {
    const [src, dst] = [x!.storage, out.storage];
    forEachStrided(out.shape, broadcastStrides(x!.shape, out.shape), 0, (o, i) => (dst[o] = src[i]!));
  },
  slice: ({ inputs: [x], attrs, out }) => {
    const { strides, base } = sliceView(x!.shape, attrs.begin, attrs.step);
    const [src, dst] = [x!.storage, out.storage];
    forEachStrided(out.shape, strides, base, (o, i) => (dst[o] = src[i]!));
  },
  sliceGrad: ({ inputs: [dy], attrs, out }) => {
    const { strides, base } = sliceView(attrs.inputShape, attrs.begin, attrs.step);
    const [src, dst] = [dy!.storage, out.storage];
    dst.fill(0);
    forEachStrided(dy!.shape, strides, base, (o, i) => (dst[i] = src[o]!));
  },
  concat: ({ inputs, attrs: { axis }, out }) => {
    const outer = sizeOf(out.shape.slice(0, axis));
    const outBlock = sizeOf(out.shape.slice(axis));
    let at = 0;
    for (const x of inputs) {
      const block = sizeOf(x.shape.slice(axis));
      for (let o = 0; o < outer; o++) out.storage.set(x.storage.subarray(o * block, (o + 1) * block), o * outBlock + at);
      at += block;
    }
  },
  pad: ({ inputs: [x], attrs: { pads, value }, out }) => {
    out.storage.fill(value);
    const own = stridesOf(out.shape);
    const base = pads.reduce((acc, [before], i) => acc + before * own[i]!, 0);
    const [src, dst] = [x!.storage, out.storage];
    forEachStrided(x!.shape, own, base, (i, o) => (dst[o] = src[i]!));
  },
  tile: ({ inputs: [x], out }) => {
    const own = stridesOf(x!.shape);
    const outIdx = stridesOf(out.shape);
    const [src, dst] = [x!.storage, out.storage];
    for (let o = 0; o < dst.length; o++) {
      let i = 0;
      for (let axis = 0; axis < own.length; axis++) i += (Math.floor(o / outIdx[axis]!) % out.shape[axis]! % x!.shape[axis]!) * own[axis]!;
      dst[o] = src[i]!;
    }
  },
  gather: ({ inputs: [x, indices], attrs: { axis }, out }) => {
    const extent = x!.shape[axis]!;
    const outer = sizeOf(x!.shape.slice(0, axis));
    const inner = sizeOf(x!.shape.slice(axis + 1));
    const [src, idx, dst] = [x!.storage, indices!.storage, out.storage];
    let o = 0;
    for (let a = 0; a < outer; a++) {
      for (let p = 0; p < idx.length; p++) {
        const row = idx[p]!;
        checkIndex('gather', row, extent, axis);
        dst.set(src.subarray((a * extent + row) * inner, (a * extent + row + 1) * inner), o);
        o += inner;
      }
    }
  },
  scatterAdd: ({ inputs: [indices, updates], attrs: { axis, size }, out }) => {
    const outer = sizeOf(out.shape.slice(0, axis));
    const inner = sizeOf(out.shape.slice(axis + 1));
    const [idx, src] = [indices!.storage, updates!.storage];
    const acc = new Float64Array(out.storage.length);
    let u = 0;
    for (let a = 0; a < outer; a++) {
      for (let p = 0; p < idx.length; p++) {
        checkIndex('scatterAdd', idx[p]!, size, axis);
        const base = (a * size + idx[p]!) * inner;
        for (let r = 0; r < inner; r++) acc[base + r]! += src[u++]!;
      }
    }
    if (out.dtype === 'int32') for (let i = 0; i < acc.length; i++) acc[i] = acc[i]! | 0;
    out.storage.set(acc);
  },
} satisfies { [N in OpName]?: K<N> };

