// Shape and stride bookkeeping done on the TypeScript side before a kernel runs: row-major and
// broadcast strides, and collapsing an index space to the fewest axes so that the kernels' inner
// loops run over long contiguous rows.

/** Row-major strides, in elements. */
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
  return outShape.map((_, j) => {
    const i = j - offset;
    return i < 0 || shape[i] === 1 ? 0 : own[i]!;
  });
}

/** The product of the extents. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** An index space and the strides of each operand walking it. */
export interface Strided {
  shape: number[];
  strides: number[][];
}

/**
 * Drops extent-1 axes and merges neighbouring axes wherever every operand steps through them as
 * one (outer stride = inner stride x inner extent). The result has at least one axis.
 */
export function collapse(shape: readonly number[], strides: readonly (readonly number[])[]): Strided {
  const out: Strided = { shape: [], strides: strides.map(() => []) };
  shape.forEach((extent, d) => {
    if (extent === 1) return;
    const last = out.shape.length - 1;
    if (last >= 0 && strides.every((s, k) => out.strides[k]![last] === s[d]! * extent)) {
      out.shape[last]! *= extent;
      strides.forEach((s, k) => (out.strides[k]![last] = s[d]!));
    } else {
      out.shape.push(extent);
      strides.forEach((s, k) => out.strides[k]!.push(s[d]!));
    }
  });
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
