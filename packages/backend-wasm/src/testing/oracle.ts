// Test support: runs one op's kernel on a backend and on the reference backend with the same
// inputs and reports where they differ. Used by this package's tests (not exported).
import { createJsBackend, ops, type Backend, type DType, type OpAttrs, type OpName, type TypedArray } from '@webgrad/tensor';

/** One input: a shape, a dtype and its values (generated when absent). */
export interface Input {
  shape: number[];
  dtype?: DType;
  values?: ArrayLike<number>;
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values for an input: standard-ish floats, small ints, or 0/1 bools. */
export function values(shape: readonly number[], dtype: DType, random: () => number): number[] {
  const n = shape.reduce((p, q) => p * q, 1);
  return Array.from({ length: n }, () => (dtype === 'bool' ? (random() < 0.5 ? 1 : 0) : dtype === 'int32' ? Math.floor(random() * 11) - 5 : (random() - 0.5) * 6));
}

const jsBackend = createJsBackend();

function run<K extends OpName>(backend: Backend, op: K, inputs: { shape: number[]; dtype: DType; values: ArrayLike<number> }[], attrs: OpAttrs[K]): TypedArray {
  const infos = inputs.map((t) => {
    const array = t.dtype === 'float32' ? new Float32Array(t.values) : t.dtype === 'int32' ? new Int32Array(t.values) : new Uint8Array(t.values);
    return { storage: backend.write(array, t.dtype), shape: t.shape, dtype: t.dtype };
  });
  const meta = ops[op].infer(op, infos, attrs);
  const size = meta.shape.reduce((p, q) => p * q, 1);
  const out = { storage: backend.alloc(meta.dtype, size), shape: meta.shape, dtype: meta.dtype };
  try {
    if (size > 0) (backend.kernels[op] as (args: unknown) => void)({ inputs: infos, attrs, out });
    return backend.readSync!(out.storage, out.dtype, size);
  } finally {
    backend.free(out.storage, out.dtype, size);
    infos.forEach((t) => backend.free(t.storage, t.dtype, t.shape.reduce((p, q) => p * q, 1)));
  }
}

/** Runs op on `backend` and the reference; returns both results. */
export function compareOp<K extends OpName>(backend: Backend, op: K, inputs: Input[], attrs: OpAttrs[K], seed = 1): { got: TypedArray; want: TypedArray } {
  const random = rng(seed);
  const full = inputs.map((t) => {
    const dtype = t.dtype ?? 'float32';
    return { shape: t.shape, dtype, values: t.values ?? values(t.shape, dtype, random) };
  });
  return { got: run(backend, op, full, attrs), want: run(jsBackend, op, full, attrs) };
}

/**
 * The first index where got and want differ beyond |d| <= atol + rtol |want|, or -1. NaN matches
 * NaN, and a zero must have the reference's sign.
 */
export function mismatch(got: TypedArray, want: TypedArray, rtol = 1e-5, atol = 1e-6): number {
  if (got.length !== want.length) return 0;
  for (let i = 0; i < got.length; i++) {
    const [g, w] = [got[i]!, want[i]!];
    if (Number.isNaN(w) ? !Number.isNaN(g) : !(g === w || Math.abs(g - w) <= atol + rtol * Math.abs(w))) return i;
    if (g === 0 && w === 0 && Object.is(g, -0) !== Object.is(w, -0)) return i;
  }
  return -1;
}
