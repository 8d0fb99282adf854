// Test support for backends (`@webgrad/tensor/testing`): run one op's kernel on a backend and on
// the reference backend with the same inputs, and find the first element where they differ
// beyond a tolerance. Each backend's own kernel tests use it; the repository's conformance suite
// drives every backend through the public API instead.
import { createJsBackend } from './backends/js/index.js';
import type { Backend } from './backend.js';
import type { DType, TypedArray } from './dtype.js';
import { ops, type OpAttrs, type OpName } from './ops.js';
import { sizeOf } from './shape.js';

/** One input: a shape, a dtype (float32 when absent) and its values (generated when absent). */
export interface Input {
  shape: number[];
  dtype?: DType;
  values?: ArrayLike<number>;
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), independent of the library's PRNG. */
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

/** Values for an input: floats in [-3, 3), ints in [-5, 5], or 0/1 bools. */
export function randomValues(shape: readonly number[], dtype: DType, random: () => number): number[] {
  return Array.from({ length: sizeOf(shape) }, () => (dtype === 'bool' ? (random() < 0.5 ? 1 : 0) : dtype === 'int32' ? Math.floor(random() * 11) - 5 : (random() - 0.5) * 6));
}

const reference = createJsBackend();

function arrayOf(dtype: DType, values: ArrayLike<number>): TypedArray {
  return dtype === 'float32' ? new Float32Array(values) : dtype === 'int32' ? new Int32Array(values) : new Uint8Array(values);
}

async function run<K extends OpName>(backend: Backend, op: K, inputs: { shape: number[]; dtype: DType; values: ArrayLike<number> }[], attrs: OpAttrs[K]): Promise<TypedArray> {
  const infos = inputs.map((t) => ({ storage: backend.write(arrayOf(t.dtype, t.values), t.dtype), shape: t.shape, dtype: t.dtype }));
  try {
    const meta = ops[op].infer(op, infos, attrs);
    const size = sizeOf(meta.shape);
    const out = { storage: backend.alloc(meta.dtype, size), shape: meta.shape, dtype: meta.dtype };
    try {
      if (size > 0) (backend.kernels[op] as (args: unknown) => void)({ inputs: infos, attrs, out });
      return await backend.read(out.storage, out.dtype, size);
    } finally {
      backend.free(out.storage, out.dtype, size);
    }
  } finally {
    infos.forEach((t) => backend.free(t.storage, t.dtype, sizeOf(t.shape)));
  }
}

/** Runs `op` on `backend` and on the reference with the same inputs (seeded); returns both results. */
export async function compareOp<K extends OpName>(backend: Backend, op: K, inputs: Input[], attrs: OpAttrs[K], seed = 1): Promise<{ got: TypedArray; want: TypedArray }> {
  const random = rng(seed);
  const full = inputs.map((t) => {
    const dtype = t.dtype ?? 'float32';
    return { shape: t.shape, dtype, values: t.values ?? randomValues(t.shape, dtype, random) };
  });
  const want = await run(reference, op, full, attrs);
  return { got: await run(backend, op, full, attrs), want };
}

/**
 * The first index where |got − want| > atol + rtol·|want|, or -1. NaN matches only NaN and an
 * infinity only itself; with `signedZeros`, a zero must also have the reference's sign.
 */
export function mismatch(got: TypedArray, want: TypedArray, rtol = 1e-5, atol = 1e-6, { signedZeros = false } = {}): number {
  if (got.length !== want.length) return Math.min(got.length, want.length);
  for (let i = 0; i < want.length; i++) {
    const [g, w] = [got[i]!, want[i]!];
    if (Number.isNaN(w) || Number.isNaN(g)) {
      if (Number.isNaN(w) !== Number.isNaN(g)) return i;
    } else if (!Number.isFinite(w) || !Number.isFinite(g)) {
      if (g !== w) return i;
    } else if (Math.abs(g - w) > atol + rtol * Math.abs(w)) {
      return i;
    } else if (signedZeros && g === 0 && w === 0 && Object.is(g, -0) !== Object.is(w, -0)) {
      return i;
    }
  }
  return -1;
}

/**
 * Inputs per fuzz target: 10,000 in the default suite, `FUZZ_RUNS` when set (`pnpm fuzz` sets
 * 1,000,000). Fuzz tests are the `*.fuzz.test.ts` files, seeded so a failure replays.
 */
export function fuzzRuns(): number {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.FUZZ_RUNS;
  const runs = env === undefined ? 10_000 : Number(env);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`FUZZ_RUNS must be a positive integer, got '${env}'`);
  return runs;
}
