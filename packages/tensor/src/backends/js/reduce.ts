// Reference kernels for reductions. Accumulates in double precision; NaN propagates through
// max and min; argmax/argmin return the first extreme index, NaN counting as the extreme.
import type { Kernel } from '../../backend.js';
import type { TypedArray } from '../../dtype.js';
import type { OpName } from '../../ops.js';
import { stridesOf } from '../../shape.js';

type K<N extends OpName> = Kernel<N, TypedArray>;

/** Calls `body(inputOffset, outputOffset)` for every input element, mapping reduced axes away. */
function forEachReduced(shape: readonly number[], axes: readonly number[], body: (i: number, o: number) => void): void {
  const kept = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outStrides = stridesOf(kept).map((s, i) => (axes.includes(i) ? 0 : s));
  const rank = shape.length;
  const idx = new Array<number>(rank).fill(0);
  const size = shape.reduce((p, q) => p * q, 1);
  let o = 0;
  for (let i = 0; i < size; i++) {
    body(i, o);
    for (let axis = rank - 1; axis >= 0; axis--) {
      idx[axis]!++;
      o += outStrides[axis]!;
      if (idx[axis]! < shape[axis]!) break;
      o -= outStrides[axis]! * idx[axis]!;
      idx[axis] = 0;
    }
  }
}

function fold<N extends 'sum' | 'prod' | 'max' | 'min'>(init: number, step: (acc: number, v: number, int: boolean) => number): K<N> {
  return ({ inputs: [x], attrs, out }) => {
    const acc = new Float64Array(out.storage.length).fill(init);
    const src = x!.storage;
    const int = x!.dtype !== 'float32';
    forEachReduced(x!.shape, attrs.axes, (i, o) => {
      acc[o] = step(acc[o]!, src[i]!, int);
    });
    out.storage.set(acc);
  };
}

function extreme(better: (v: number, best: number) => boolean) {
  return (acc: number, v: number): number => (Number.isNaN(acc) ? acc : Number.isNaN(v) || better(v, acc) ? v : acc);
}

function argExtreme<N extends 'argmax' | 'argmin'>(better: (v: number, best: number) => boolean): K<N> {
  return ({ inputs: [x], attrs, out }) => {
    const best = new Float64Array(out.storage.length).fill(NaN);
    const found = new Uint8Array(out.storage.length);
    const src = x!.storage;
    const stride = stridesOf(x!.shape)[attrs.axis]!;
    const extent = x!.shape[attrs.axis]!;
    forEachReduced(x!.shape, [attrs.axis], (i, o) => {
      const v = src[i]!;
      const position = Math.floor(i / stride) % extent;
      if (!found[o]) {
        found[o] = 1;
        best[o] = v;
        out.storage[o] = position;
      } else if (!Number.isNaN(best[o]!) && (Number.isNaN(v) || better(v, best[o]!))) {
        best[o] = v;
        out.storage[o] = position;
      }
    });
  };
}

/** The reduction part of the reference kernel table. */
export const reduceKernels = {
  sum: fold(0, (acc, v, int) => (int ? (acc + v) | 0 : acc + v)),
  prod: fold(1, (acc, v, int) => (int ? Math.imul(acc, v) : acc * v)),
  max: fold(-Infinity, extreme((v, b) => v > b)),
  min: fold(Infinity, extreme((v, b) => v < b)),
  argmax: argExtreme((v, b) => v > b),
  argmin: argExtreme((v, b) => v < b),
} satisfies { [N in OpName]?: K<N> };
