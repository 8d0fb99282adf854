// Shape and stride bookkeeping done on the TypeScript side before a kernel runs: row-major and
// broadcast strides, and collapsing an index space to the fewest axes so that the kernels' inner
// loops run over long contiguous rows.

import { mergeAxes } from '@webgrad/tensor';

export { broadcastStrides, sizeOf, stridesOf } from '@webgrad/tensor';

/** An index space and the strides of each operand walking it. */
export interface Strided {
  shape: number[];
  strides: number[][];
}

/** The index space merged to the fewest axes (see mergeAxes), with at least one axis for the kernels. */
export function collapse(shape: readonly number[], strides: readonly (readonly number[])[]): Strided {
  const out = mergeAxes(shape, strides);
  if (out.shape.length === 0) {
    out.shape.push(1);
    out.strides.forEach((s) => s.push(0));
  }
  return out;
}

/** The most axes a kernel's index walk supports after collapsing. */
export const MAX_RANK = 64;

/** Throws unless a collapsed index space fits the kernels' limits. */
export function checkRank(op: string, s: Strided): void {
  if (s.shape.length > MAX_RANK) {
    throw new Error(`${op}: ${s.shape.length} axes remain after merging contiguous ones; the wasm kernels handle at most ${MAX_RANK}`);
  }
}
