// Conformance cases as data: an input is a shape, a dtype and values (a list or a seeded
// generator); a case is inputs plus the op's attributes. Also the generators cases draw from.
import { Random, type DType, type OpAttrs, type OpName } from '@webgrad/tensor';

/** Makes element `i` of an input from a seeded stream of uniforms in [0, 1). */
export type Generator = (uniform: () => number, i: number) => number;

/** One tensor input of a case. Float values are rounded to float32 before any backend sees them. */
export interface InputSpec {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly values: readonly number[] | Generator;
}

/** An element matches when |actual - expected| <= atol + rtol * |expected|. */
export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

/** One conformance case of a primitive: `runOp(op, inputs, attrs)` on a backend and on the oracle. */
export interface OpCase<K extends OpName> {
  /** What it exercises; unique within the op (it names the test). */
  readonly name: string;
  readonly inputs: readonly InputSpec[];
  readonly attrs: OpAttrs[K];
  /** Overrides the op's float tolerance (e.g. a sum over thousands of elements). */
  readonly tol?: Tolerance;
}

/** Cases for some ops (one family's file). */
export type CaseTable = { readonly [K in OpName]?: readonly OpCase<K>[] };

/** IEEE values that break naive kernels: NaN, infinities, signed zeros, halves (rounding). */
export const IEEE_SPECIALS: readonly number[] = [NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, -0.5, 1.5, -2.5, 2.5, 7];

/** Finite extremes: near the float32 maximum, and tiny but normal. */
export const EXTREMES: readonly number[] = [3.4e38, -3.4e38, 1e-30, -1e-30];

/** Both kinds together. */
export const SPECIALS: readonly number[] = [...IEEE_SPECIALS, ...EXTREMES];

/** The non-finite values and -0 only: for accumulating ops, where huge finite terms would
 *  overflow a float32 accumulator but not the double one, which is no fault of the backend. */
export const NON_FINITE: readonly number[] = [NaN, Infinity, -Infinity, -0];

/** The sizes that catch vector (4), warp/workgroup (64) and block (256) tails. */
export const ODD_SIZES: readonly number[] = [1, 3, 63, 65, 257];

/** Uniform values in [lo, hi). */
export function uniform(lo: number, hi: number): Generator {
  return (u) => lo + (hi - lo) * u();
}

/** Uniform integers in [lo, hi]. */
export function ints(lo: number, hi: number): Generator {
  return (u) => lo + Math.floor(u() * (hi - lo + 1));
}

/** 0 or 1 with equal odds. */
export const bits: Generator = (u) => (u() < 0.5 ? 0 : 1);

/** Every `every`-th element from `list` in turn (starting at element 0), the rest from `rest`. */
export function sprinkle(list: readonly number[], rest: Generator, every = 3): Generator {
  return (u, i) => (i % every === 0 ? list[(i / every) % list.length]! : rest(u, i));
}

/** The elements of `list` in turn, repeated. */
export function cycle(list: readonly number[]): Generator {
  return (_u, i) => list[i % list.length]!;
}

/** A float32 input; uniform in [-2, 2) unless told. */
export function f32(shape: readonly number[], values: readonly number[] | Generator = uniform(-2, 2)): InputSpec {
  return { shape, dtype: 'float32', values };
}

/** An int32 input; uniform integers in [-10, 10] unless told. */
export function i32(shape: readonly number[], values: readonly number[] | Generator = ints(-10, 10)): InputSpec {
  return { shape, dtype: 'int32', values };
}

/** A bool input (values 0 or 1); random unless told. */
export function bool(shape: readonly number[], values: readonly number[] | Generator = bits): InputSpec {
  return { shape, dtype: 'bool', values };
}

function hash(text: string): number {
  let h = 0x811c9dc5; // FNV-1a: a stable seed per case, independent of the order cases run in
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The values of an input, seeded by `seed`, in the element type of its dtype. */
export function materialise(spec: InputSpec, seed: string): number[] {
  const size = spec.shape.reduce((p, q) => p * q, 1);
  let values: number[];
  if (typeof spec.values === 'function') {
    const rng = new Random(hash(seed));
    const gen = spec.values;
    values = Array.from({ length: size }, (_, i) => gen(() => rng.uniform(), i));
  } else {
    if (spec.values.length !== size) {
      throw new Error(`case input: ${spec.values.length} values do not fill shape [${spec.shape.join(',')}] (${size} elements)`);
    }
    values = [...spec.values];
  }
  for (const v of values) {
    const ok = spec.dtype === 'float32' || (spec.dtype === 'int32' ? v === (v | 0) : v === 0 || v === 1);
    if (!ok) throw new Error(`case input: ${v} is not a ${spec.dtype} value (seed ${seed})`);
  }
  return spec.dtype === 'float32' ? values.map(Math.fround) : values;
}
