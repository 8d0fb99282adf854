// Stride arithmetic for the kernels: row-major strides, broadcast strides, and merging axes
// that are contiguous in every operand so index math runs over as few axes as possible.

/** Row-major strides in elements. */
export function stridesOf(shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    out[i] = s;
    s *= shape[i]!;
  }
  return out;
}

/** Strides for reading `shape` while walking `outShape` it broadcasts to (0 on broadcast axes). */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const own = stridesOf(shape);
  const offset = outShape.length - shape.length;
  return outShape.map((_, j) => (j < offset || shape[j - offset] === 1 ? 0 : own[j - offset]!));
}

/** Number of elements. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((p, q) => p * q, 1);
}

/**
 * Drops extent-1 axes and merges axis j into axis i = j - 1 wherever every stride list has
 * stride[i] = stride[j] · shape[j]. The walk visits the same offsets in the same order.
 */
export function coalesce(shape: readonly number[], lists: readonly (readonly number[])[]): { shape: number[]; lists: number[][] } {
  const outShape: number[] = [];
  const outLists: number[][] = lists.map(() => []);
  shape.forEach((n, d) => {
    if (n === 1) return;
    const last = outShape.length - 1;
    if (last >= 0 && lists.every((l, k) => outLists[k]![last] === l[d]! * n)) {
      outShape[last] = outShape[last]! * n;
      lists.forEach((l, k) => (outLists[k]![last] = l[d]!));
      return;
    }
    outShape.push(n);
    lists.forEach((l, k) => outLists[k]!.push(l[d]!));
  });
  return { shape: outShape, lists: outLists };
}
