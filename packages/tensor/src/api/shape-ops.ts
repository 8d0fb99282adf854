// Ops that move elements without computing on them, as users call them: reshape with -1,
// Python-style slices, stack and split, gather/scatter, oneHot.
import { composite } from './composite.js';
import { fromValues, runOp } from '../engine.js';
import { checkShape, fmt, normalizeAxis, sizeOf } from '../shape.js';
import { Tensor } from '../tensor.js';
import { castTo } from './elementwise.js';

/**
 * Same values, new shape of the same size; one extent may be -1 and is inferred.
 * @example
 * ```ts
 * wg.reshape(wg.arange(6), [3, 2]); // [[0, 1], [2, 3], [4, 5]]
 * ```
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1) throw new Error(`reshape: only one extent may be -1, got ${fmt(shape)}`);
  let target = [...shape];
  if (unknown === 1) {
    const known = sizeOf(shape.filter((d) => d !== -1));
    if (known === 0 || x.size % known !== 0) throw new Error(`reshape: cannot reshape ${fmt(x.shape)} (${x.size} elements) to ${fmt(shape)}`);
    target = shape.map((d) => (d === -1 ? x.size / known : d));
  }
  checkShape('reshape', target);
  return runOp('reshape', [x], { shape: target });
}

/** Permutes axes; reverses them when `perm` is omitted. */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  const p = perm ? perm.map((a) => normalizeAxis('transpose', a, x.rank, 'perm')) : x.shape.map((_, i) => x.rank - 1 - i);
  return runOp('transpose', [x], { perm: p });
}

/** Inserts an axis of extent 1 at `axis`. */
export function expandDims(x: Tensor, axis: number): Tensor {
  const a = normalizeAxis('expandDims', axis, x.rank + 1);
  return reshape(x, [...x.shape.slice(0, a), 1, ...x.shape.slice(a)]);
}

/** Removes axes of extent 1 (the given ones, or all). */
export function squeeze(x: Tensor, axes?: readonly number[]): Tensor {
  const list = axes?.map((a) => normalizeAxis('squeeze', a, x.rank)) ?? x.shape.flatMap((d, i) => (d === 1 ? [i] : []));
  for (const a of list) if (x.shape[a] !== 1) throw new Error(`squeeze: axis ${a} of ${fmt(x.shape)} has extent ${x.shape[a]}, expected 1`);
  return reshape(x, x.shape.filter((_, i) => !list.includes(i)));
}

/** Collapses axes `start`.. into one (from axis 1 by default, keeping the batch). */
export function flatten(x: Tensor, start = 1): Tensor {
  const s = x.rank === 0 ? 0 : normalizeAxis('flatten', start, x.rank, 'start');
  return reshape(x, [...x.shape.slice(0, s), sizeOf(x.shape.slice(s))]);
}

/**
 * A strided slice with Python semantics per axis: negative indices count from the end,
 * out-of-range bounds clamp, `null`/missing entries mean the whole axis.
 */
export function slice(x: Tensor, begin: readonly (number | null)[], end: readonly (number | null)[] = [], step: readonly (number | null)[] = []): Tensor {
  if (begin.length > x.rank || end.length > x.rank || step.length > x.rank) {
    throw new Error(`slice: got bounds for more axes than x ${fmt(x.shape)} has`);
  }
  const attrs = { begin: [] as number[], end: [] as number[], step: [] as number[] };
  x.shape.forEach((d, i) => {
    const s = step[i] ?? 1;
    if (!Number.isInteger(s) || s === 0) throw new Error(`slice: step on axis ${i} must be a non-zero integer, got ${s}`);
    const resolve = (v: number | null | undefined, fallback: number): number => {
      if (v === null || v === undefined) return fallback;
      if (!Number.isInteger(v)) throw new Error(`slice: bounds on axis ${i} must be integers, got ${v}`);
      const r = v < 0 ? v + d : v;
      return s > 0 ? Math.min(Math.max(r, 0), d) : Math.min(Math.max(r, -1), d - 1);
    };
    const b = resolve(begin[i], s > 0 ? 0 : d - 1);
    const e = resolve(end[i], s > 0 ? d : -1);
    attrs.begin.push(b);
    attrs.end.push(s > 0 ? Math.max(e, b) : Math.min(e, b));
    attrs.step.push(s);
  });
  return runOp('slice', [x], attrs);
}

/** Joins tensors along an existing axis. */
export function concat(xs: readonly Tensor[], axis = 0): Tensor {
  if (xs.length === 0) throw new Error('concat: needs at least one tensor, got none');
  return runOp('concat', xs, { axis: normalizeAxis('concat', axis, xs[0]!.rank) });
}

/** Joins tensors of one shape along a new axis. */
export const stack = composite(function stack(xs: readonly Tensor[], axis: number = 0): Tensor {
  if (xs.length === 0) throw new Error('stack: needs at least one tensor, got none');
  const a = normalizeAxis('stack', axis, xs[0]!.rank + 1);
  return concat(xs.map((x) => expandDims(x, a)), a);
});

/** Splits along `axis` into `sections` equal parts, or into parts of the given sizes. */
export function split(x: Tensor, sections: number | readonly number[], axis = 0): Tensor[] {
  const a = normalizeAxis('split', axis, x.rank);
  const d = x.shape[a]!;
  let sizes: number[];
  if (typeof sections === 'number') {
    if (!Number.isInteger(sections) || sections <= 0 || d % sections !== 0) {
      throw new Error(`split: axis ${a} of ${fmt(x.shape)} (extent ${d}) cannot be split into ${sections} equal parts`);
    }
    sizes = new Array<number>(sections).fill(d / sections);
  } else {
    sizes = [...sections];
    if (sizes.reduce((p, q) => p + q, 0) !== d) throw new Error(`split: sizes ${fmt(sizes)} do not add up to extent ${d} of axis ${a}`);
  }
  let at = 0;
  return sizes.map((n) => {
    const begin = x.shape.map((_, i) => (i === a ? at : 0));
    const end = x.shape.map((e, i) => (i === a ? at + n : e));
    at += n;
    return slice(x, begin, end);
  });
}

/** Pads each axis with `[before, after]` elements of `value`. */
export function pad(x: Tensor, pads: readonly (readonly [number, number])[], value = 0): Tensor {
  return runOp('pad', [x], { pads: pads.map(([p, q]) => [p, q] as [number, number]), value });
}

/** Repeats the tensor `reps[i]` times along axis i. */
export function tile(x: Tensor, reps: readonly number[]): Tensor {
  return runOp('tile', [x], { reps: [...reps] });
}

/** Broadcasts to `shape` by NumPy rules. */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  return runOp('broadcastTo', [x], { shape: [...shape] });
}

function indexTensor(op: string, indices: Tensor | readonly number[], like?: Tensor): Tensor {
  if (indices instanceof Tensor) {
    if (indices.dtype !== 'int32') throw new Error(`${op}: indices must be int32, got ${indices.dtype}`);
    return indices;
  }
  indices.forEach((v, i) => {
    if (!Number.isInteger(v)) throw new Error(`${op}: indices must be integers, got ${v} at position ${i}`);
  });
  return fromValues(indices, [indices.length], 'int32', like?.backend);
}

/** Picks entries along `axis` by index: out shape is x before axis, indices, x after axis. */
export const gather = composite(function gather(x: Tensor, indices: Tensor | readonly number[], axis: number = 0): Tensor {
  return runOp('gather', [x, indexTensor('gather', indices, x)], { axis: normalizeAxis('gather', axis, x.rank) });
});

/** Adds `updates` into a zero tensor at `indices` along `axis` (of extent `size`); repeated indices accumulate. */
export const scatterAdd = composite(function scatterAdd(indices: Tensor | readonly number[], updates: Tensor, axis: number, size: number): Tensor {
  const index = indexTensor('scatterAdd', indices, updates);
  const a = normalizeAxis('scatterAdd', axis, updates.rank - index.rank + 1);
  return runOp('scatterAdd', [index, updates], { axis: a, size });
});

/** One-hot float32 encoding of int32 `indices` over `depth` classes (a new last axis). */
export const oneHot = composite(function oneHot(indices: Tensor | readonly number[], depth: number): Tensor {
  const idx = indexTensor('oneHot', indices);
  if (!Number.isInteger(depth) || depth < 0) throw new Error(`oneHot: depth must be a non-negative integer, got ${depth}`);
  const classes = fromValues(Array.from({ length: depth }, (_, i) => i), [depth], 'int32', idx.backend);
  return castTo(expandDims(idx, -1).eq(classes), 'float32');
});
