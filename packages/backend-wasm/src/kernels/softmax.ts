// softmax and logSoftmax of the 'wasm' backend: x seen as [outer, extent, inner] around the
// axis; rows along the last axis (inner 1) run contiguous, others four columns at a time
// (assembly/softmax.ts).
import type { Kernel } from '@webgrad/tensor';
import type { Heap } from '../heap.js';
import { sizeOf } from './strides.js';

function alongAxis(h: Heap, log: boolean): Kernel<'softmax' | 'logSoftmax', number> {
  return ({ inputs: [x], attrs: { axis }, out }) => {
    const extent = x!.shape[axis]!;
    const outer = sizeOf(x!.shape.slice(0, axis));
    const inner = sizeOf(x!.shape.slice(axis + 1));
    if (extent === 0) return;
    if (inner === 1) h.k.softmaxRows(log ? 1 : 0, x!.storage, out.storage, outer, extent);
    else h.k.softmaxColumns(log ? 1 : 0, x!.storage, out.storage, outer, extent, inner);
  };
}

/** The softmax part of the kernel table, bound to a module instance. */
export function softmaxKernels(h: Heap): { softmax: Kernel<'softmax', number>; logSoftmax: Kernel<'logSoftmax', number> } {
  return { softmax: alongAxis(h, false), logSoftmax: alongAxis(h, true) };
}
