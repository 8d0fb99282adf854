// Layout kernels of the 'wasm' backend. Each is one strided copy (assembly/layout.ts) with the
// strides worked out here: transpose permutes them, broadcastTo zeroes them, slice scales them,
// tile reads an expanded shape with zero strides; gather and scatterAdd have their own loops.
import type { DType, Kernel, OpName, TensorInfo } from '@webgrad/tensor';
import { elemBytes, type Heap } from '../heap.js';
import { broadcastStrides, checkRank, collapse, sizeOf, stridesOf } from './strides.js';

type K<N extends OpName> = Kernel<N, number>;

/** Copies the index space `shape` from src (strides, element offset) to dst (strides, element offset). */
function copy(h: Heap, op: string, dtype: DType, shape: readonly number[], src: number, srcStrides: readonly number[], dst: number, dstStrides: readonly number[]): void {
  if (sizeOf(shape) === 0) return;
  const s = collapse(shape, [srcStrides, dstStrides]);
  checkRank(op, s);
  h.k.copyStrided(elemBytes(dtype), src, dst, s.shape.length, h.setParams(s.shape, ...s.strides));
}

function sliceView(shape: readonly number[], begin: readonly number[], step: readonly number[]): { strides: number[]; base: number } {
  const own = stridesOf(shape);
  return { strides: own.map((s, i) => s * step[i]!), base: begin.reduce((acc, b, i) => acc + b * own[i]!, 0) };
}

function checkIndex(h: Heap, op: string, bad: number, indices: TensorInfo<number>, extent: number, axis: number): void {
  if (bad < 0) return;
  const index = (h.view('int32', indices.storage, sizeOf(indices.shape)) as Int32Array)[bad]!;
  throw new Error(`${op}: index ${index} is out of range for axis ${axis} of extent ${extent}`);
}

/** The layout part of the kernel table, bound to a module instance. */
export function layoutKernels(h: Heap) {
  const bytes = (t: TensorInfo<number>): number => sizeOf(t.shape) * elemBytes(t.dtype);
  return {
    reshape: (({ inputs: [x], out }) => h.copy(out.storage, x!.storage, bytes(out))) as K<'reshape'>,
    transpose: (({ inputs: [x], attrs: { perm }, out }) => {
      const own = stridesOf(x!.shape);
      copy(h, 'transpose', out.dtype, out.shape, x!.storage, perm.map((p) => own[p]!), out.storage, stridesOf(out.shape));
    }) as K<'transpose'>,
    broadcastTo: (({ inputs: [x], out }) =>
      copy(h, 'broadcastTo', out.dtype, out.shape, x!.storage, broadcastStrides(x!.shape, out.shape), out.storage, stridesOf(out.shape))) as K<'broadcastTo'>,
    slice: (({ inputs: [x], attrs, out }) => {
      const { strides, base } = sliceView(x!.shape, attrs.begin, attrs.step);
      copy(h, 'slice', out.dtype, out.shape, x!.storage + base * elemBytes(x!.dtype), strides, out.storage, stridesOf(out.shape));
    }) as K<'slice'>,
    sliceGrad: (({ inputs: [dy], attrs, out }) => {
      const { strides, base } = sliceView(attrs.inputShape, attrs.begin, attrs.step);
      h.fill(out.dtype, out.storage, sizeOf(out.shape), 0);
      copy(h, 'sliceGrad', out.dtype, dy!.shape, dy!.storage, stridesOf(dy!.shape), out.storage + base * elemBytes(out.dtype), strides);
    }) as K<'sliceGrad'>,
    concat: (({ inputs, attrs: { axis }, out }) => {
      const outer = sizeOf(out.shape.slice(0, axis));
      const outBlock = sizeOf(out.shape.slice(axis));
      let at = 0;
      for (const x of inputs) {
        const block = sizeOf(x.shape.slice(axis));
        copy(h, 'concat', out.dtype, [outer, block], x.storage, [block, 1], out.storage + at * elemBytes(out.dtype), [outBlock, 1]);
        at += block;
      }
    }) as K<'concat'>,
    pad: (({ inputs: [x], attrs: { pads, value }, out }) => {
      h.fill(out.dtype, out.storage, sizeOf(out.shape), value);
      const own = stridesOf(out.shape);
      const base = pads.reduce((acc, [before], i) => acc + before * own[i]!, 0);
      copy(h, 'pad', out.dtype, x!.shape, x!.storage, stridesOf(x!.shape), out.storage + base * elemBytes(out.dtype), own);
    }) as K<'pad'>,
    tile: (({ inputs: [x], attrs: { reps }, out }) => {
      // out viewed as [r0, d0, r1, d1, ...] reads x with stride 0 on each repetition axis.
      const own = stridesOf(x!.shape);
      const shape = x!.shape.flatMap((d, i) => [reps[i]!, d]);
      copy(h, 'tile', out.dtype, shape, x!.storage, own.flatMap((s) => [0, s]), out.storage, stridesOf(shape));
    }) as K<'tile'>,
    gather: (({ inputs: [x, indices], attrs: { axis }, out }) => {
      const extent = x!.shape[axis]!;
      const count = sizeOf(indices!.shape);
      const bad = h.k.gather(elemBytes(x!.dtype), x!.storage, indices!.storage, out.storage, sizeOf(x!.shape.slice(0, axis)), extent, count, sizeOf(x!.shape.slice(axis + 1)));
      checkIndex(h, 'gather', bad, indices!, extent, axis);
    }) as K<'gather'>,
    scatterAdd: (({ inputs: [indices, updates], attrs: { axis, size }, out }) => {
      const count = sizeOf(indices!.shape);
      const outer = sizeOf(out.shape.slice(0, axis));
      const inner = sizeOf(out.shape.slice(axis + 1));
      const bad = h.k.scatterAdd(updates!.dtype === 'float32' ? 1 : 0, indices!.storage, updates!.storage, out.storage, outer, size, count, inner);
      checkIndex(h, 'scatterAdd', bad, indices!, size, axis);
    }) as K<'scatterAdd'>,
  };
}
