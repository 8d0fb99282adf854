// Reduction kernels of the 'wasm' backend. Any set of axes is brought to an [outer, r, inner]
// view: directly when the reduced axes are one contiguous run after merging, otherwise through
// a scratch copy with the kept axes moved first. The loops run in assembly/reduce.ts.
import type { Kernel, OpName, TensorInfo } from '@webgrad/tensor';
import type { Heap } from '../heap.js';
import { MAX, MIN, PROD, SUM } from '../op-codes.js';
import { checkRank, collapse, sizeOf, stridesOf } from './strides.js';

type K<N extends OpName> = Kernel<N, number>;

/** Runs of kept and reduced axes, neighbours of one kind merged and extent-1 axes dropped. */
function runs(shape: readonly number[], axes: readonly number[]): { extent: number; reduced: boolean }[] {
  const out: { extent: number; reduced: boolean }[] = [];
  shape.forEach((extent, d) => {
    if (extent === 1) return;
    const reduced = axes.includes(d);
    const last = out[out.length - 1];
    if (last && last.reduced === reduced) last.extent *= extent;
    else out.push({ extent, reduced });
  });
  return out;
}

/**
 * Calls `run(ptr, outer, r, inner)` with x seen as [outer, r, inner] where r covers `axes`;
 * copies x to scratch with the reduced axes last when they are not one run.
 */
function asThreeAxes(h: Heap, x: TensorInfo<number>, axes: readonly number[], run: (ptr: number, outer: number, r: number, inner: number) => void): void {
  const parts = runs(x.shape, axes);
  const first = parts.findIndex((p) => p.reduced);
  const reducedRuns = parts.filter((p) => p.reduced).length;
  if (reducedRuns <= 1) {
    if (first < 0) return run(x.storage, sizeOf(x.shape), 1, 1);
    const outer = sizeOf(parts.slice(0, first).map((p) => p.extent));
    const inner = sizeOf(parts.slice(first + 1).map((p) => p.extent));
    return run(x.storage, outer, parts[first]!.extent, inner);
  }
  const kept = x.shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const perm = [...kept, ...axes];
  const own = stridesOf(x.shape);
  const permuted = perm.map((d) => x.shape[d]!);
  const s = collapse(permuted, [perm.map((d) => own[d]!), stridesOf(permuted)]);
  checkRank('reduce', s);
  const size = sizeOf(x.shape);
  h.withScratch(size * 4, (ptr) => {
    h.k.copyStrided(4, x.storage, ptr, s.shape.length, h.setParams(s.shape, ...s.strides));
    run(ptr, sizeOf(kept.map((d) => x.shape[d]!)), sizeOf(axes.map((d) => x.shape[d]!)), 1);
  });
}

function reduce<N extends 'sum' | 'prod' | 'max' | 'min'>(h: Heap, code: number): K<N> {
  return ({ inputs: [x], attrs, out }) => {
    const float = x!.dtype === 'float32';
    asThreeAxes(h, x!, attrs.axes, (ptr, outer, r, inner) => {
      if (float) h.k.reduceF32(code, ptr, out.storage, outer, r, inner);
      else h.k.reduceI32(code, ptr, out.storage, outer, r, inner);
    });
  };
}

function argReduce<N extends 'argmax' | 'argmin'>(h: Heap, isMax: boolean): K<N> {
  return ({ inputs: [x], attrs: { axis }, out }) => {
    const outer = sizeOf(x!.shape.slice(0, axis));
    const inner = sizeOf(x!.shape.slice(axis + 1));
    h.k.argReduceKernel(isMax ? 1 : 0, x!.dtype === 'float32' ? 1 : 0, x!.storage, out.storage, outer, x!.shape[axis]!, inner);
  };
}

/** The reduction part of the kernel table, bound to a module instance. */
export function reduceKernels(h: Heap) {
  return {
    sum: reduce<'sum'>(h, SUM),
    prod: reduce<'prod'>(h, PROD),
    max: reduce<'max'>(h, MAX),
    min: reduce<'min'>(h, MIN),
    argmax: argReduce<'argmax'>(h, true),
    argmin: argReduce<'argmin'>(h, false),
  };
}
