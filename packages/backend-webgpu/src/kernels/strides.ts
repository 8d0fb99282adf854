// Stride arithmetic for the kernels: row-major strides, broadcast strides, and merging axes
// that are contiguous in every operand so index math runs over as few axes as possible.

import { mergeAxes } from '@webgrad/tensor';

export { broadcastStrides, sizeOf, stridesOf } from '@webgrad/tensor';

/** The index space merged to the fewest axes (see mergeAxes in @webgrad/tensor), as stride lists. */
export function coalesce(shape: readonly number[], lists: readonly (readonly number[])[]): { shape: number[]; lists: number[][] } {
  const { shape: merged, strides } = mergeAxes(shape, lists);
  return { shape: merged, lists: strides };
}
