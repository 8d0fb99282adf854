// Shape arithmetic shared by the op table, the frontend and the backends: sizes, strides,
// NumPy broadcasting and axis normalisation. Errors name the op and the argument.

/** A tensor's shape: one non-negative integer extent per axis. `[]` is a scalar. */
export type Shape = readonly number[];

/** The number of elements in a tensor of this shape. */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides, in elements. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/** `[2,3]` */
export function fmt(shape: Shape): string {
  return `[${shape.join(',')}]`;
}

/** Whether two shapes are identical. */
export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * The NumPy broadcast of several shapes: aligned at the right, each pair of extents equal or
 * one of them 1. Throws `op: cannot broadcast a [2,3] with b [4]` otherwise.
 */
export function broadcastShapes(op: string, shapes: readonly Shape[], names: readonly string[] = ['a', 'b', 'c']): number[] {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const shape of shapes) {
    for (let i = 0; i < shape.length; i++) {
      const j = rank - shape.length + i;
      const d = shape[i]!;
      if (out[j] === 1) out[j] = d;
      else if (d !== 1 && d !== out[j]) {
        const described = shapes.map((s, k) => `${names[k] ?? `input ${k}`} ${fmt(s)}`).join(' with ');
        throw new Error(`${op}: cannot broadcast ${described}: extents ${out[j]} and ${d} differ on axis ${j - rank} and neither is 1`);
      }
    }
  }
  return out;
}

/**
 * Strides for reading an input of `shape` while walking an output of `outShape` it broadcasts
 * to: broadcast axes get stride 0, missing leading axes are prepended.
 */
export function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const own = stridesOf(shape);
  const offset = outShape.length - shape.length;
  return outShape.map((_, j) => {
    const i = j - offset;
    return i < 0 || shape[i] === 1 ? 0 : own[i]!;
  });
}

/**
 * Drops extent-1 axes and merges neighbouring axes wherever every stride list steps through them
 * as one (outer stride = inner stride × inner extent): the same offsets in the same order, over
 * as few axes as possible, so that a kernel's index arithmetic stays small. May return no axes.
 */
export function mergeAxes(shape: Shape, strides: readonly (readonly number[])[]): { shape: number[]; strides: number[][] } {
  const out = { shape: [] as number[], strides: strides.map((): number[] => []) };
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
  return out;
}

/** Checks `axis` against `rank` and maps negatives (`-1` is the last axis). */
export function normalizeAxis(op: string, axis: number, rank: number, arg = 'axis'): number {
  if (!Number.isInteger(axis)) throw new Error(`${op}: ${arg} must be an integer, got ${axis}`);
  if (axis < -rank || axis >= rank) {
    throw new Error(`${op}: ${arg} ${axis} is out of range for a tensor of rank ${rank} (expected ${-rank} to ${rank - 1})`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Normalises, sorts and de-duplicates-checks a list of axes; `undefined` means every axis. */
export function normalizeAxes(op: string, axes: number | readonly number[] | undefined, rank: number): number[] {
  if (axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = (typeof axes === 'number' ? [axes] : [...axes]).map((a) => normalizeAxis(op, a, rank, 'axes'));
  const sorted = [...list].sort((x, y) => x - y);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) throw new Error(`${op}: axes lists axis ${sorted[i]} twice: ${fmt(list)}`);
  }
  return sorted;
}

/** Checks that every entry of a shape is a non-negative integer. */
export function checkShape(op: string, shape: readonly number[], arg = 'shape'): void {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new Error(`${op}: ${arg} must be a list of non-negative integers, got ${JSON.stringify(shape)}`);
  }
}
