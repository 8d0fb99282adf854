// Runs one conformance case on a backend and on the float64 oracle and lists every difference:
// shape, dtype, NaN positions, infinities' signs, float values within tolerance, ints exactly.
import { createJsBackend, fromValues, getBackendInstance, listBackends, runOp, type Backend, type DType, type OpName } from '@webgrad/tensor';
import { materialise, type OpCase, type Tolerance } from './spec.js';
import { FLOAT32, opTolerances, signedZeroOps } from './tolerances.js';

/** The oracle: the reference kernels computing float32 tensors in double precision. */
export function createOracle(): Backend {
  return createJsBackend({ name: 'js64', float64: true });
}

/** A registered backend and whether it started here. */
export interface StartedBackend {
  readonly name: string;
  readonly instance?: Backend;
  /** Why it did not start (no GPU adapter, no SIMD, ...). */
  readonly error?: string;
}

/** Starts every registered backend, best first, keeping the reason of any that cannot start. */
export function startBackends(): Promise<StartedBackend[]> {
  return Promise.all(
    listBackends().map(async (name): Promise<StartedBackend> => {
      try {
        return { name, instance: await getBackendInstance(name) };
      } catch (e) {
        return { name, error: (e as Error).message };
      }
    }),
  );
}

/** What one backend produced for a case. */
interface Result {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly values: ArrayLike<number>;
}

/** Options of {@link compareValues}. */
export interface CompareOptions {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly tol: Tolerance;
  /** Whether +0 and -0 must match. */
  readonly signedZero: boolean;
}

const MAX_REPORTED = 6;

function at(shape: readonly number[], flat: number): string {
  const idx: number[] = [];
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    idx.unshift(flat % shape[axis]!);
    flat = Math.floor(flat / shape[axis]!);
  }
  return `[${idx.join(',')}]`;
}

const show = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));

function mismatch(expected: number, actual: number, { dtype, tol, signedZero }: CompareOptions): boolean {
  if (dtype !== 'float32') return expected !== actual;
  if (Number.isNaN(expected) || Number.isNaN(actual)) return Number.isNaN(expected) !== Number.isNaN(actual);
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return expected !== actual;
  if (signedZero && expected === 0 && actual === 0) return Object.is(expected, -0) !== Object.is(actual, -0);
  return !(Math.abs(actual - expected) <= tol.atol + tol.rtol * Math.abs(expected));
}

/**
 * Compares a backend's values with the oracle's, which are first rounded to float32 (the oracle
 * keeps double precision, so 1e39 there is Infinity in float32). Returns readable differences.
 */
export function compareValues(expected: ArrayLike<number>, actual: ArrayLike<number>, opts: CompareOptions): string[] {
  if (expected.length !== actual.length) return [`${actual.length} values, expected ${expected.length}`];
  const problems: string[] = [];
  let count = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = opts.dtype === 'float32' ? Math.fround(expected[i]!) : expected[i]!;
    const a = actual[i]!;
    if (!mismatch(e, a, opts)) continue;
    if (++count <= MAX_REPORTED) problems.push(`at ${at(opts.shape, i)}: expected ${show(e)}, got ${show(a)}`);
  }
  if (count > MAX_REPORTED) problems.push(`... ${count - MAX_REPORTED} more of ${expected.length} elements differ`);
  return problems;
}

async function evaluate<K extends OpName>(op: K, c: OpCase<K>, values: readonly number[][], backend: Backend): Promise<{ out: Result; inputsAfter: ArrayLike<number>[] }> {
  const inputs = c.inputs.map((spec, i) => fromValues(values[i]!, spec.shape, spec.dtype, backend));
  try {
    const out = runOp(op, inputs, c.attrs);
    try {
      const result = { shape: out.shape, dtype: out.dtype, values: await out.data() };
      return { out: result, inputsAfter: await Promise.all(inputs.map((t) => t.data())) };
    } finally {
      out.dispose();
    }
  } finally {
    inputs.forEach((t) => t.dispose());
  }
}

/** Whether any of `cases` differs from the oracle or throws on `backend`: a known gap still shows. */
export async function stillDiffers<K extends OpName>(op: K, cases: readonly OpCase<K>[], backend: Backend, oracle: Backend): Promise<boolean> {
  for (const c of cases) {
    const differs = await checkCase(op, c, backend, oracle).then((problems) => problems.length > 0, () => true);
    if (differs) return true;
  }
  return false;
}

/** The tolerance a case is held to: its own, else its op's, else plain float32. */
export function toleranceOf<K extends OpName>(op: K, c: OpCase<K>): Tolerance {
  return c.tol ?? opTolerances[op] ?? FLOAT32;
}

/**
 * Runs `op` on `subject` and on `oracle` with the case's inputs (identical float32-rounded values
 * on both) and returns every difference; an empty list means the backend conforms. A kernel that
 * throws on the subject fails the caller's test with its own error.
 */
export async function checkCase<K extends OpName>(op: K, c: OpCase<K>, subject: Backend, oracle: Backend): Promise<string[]> {
  const values = c.inputs.map((spec, i) => materialise(spec, `${op}/${c.name}/${i}`));
  const want = (await evaluate(op, c, values, oracle)).out;
  const { out: got, inputsAfter } = await evaluate(op, c, values, subject);
  const problems: string[] = [];
  if (got.shape.join() !== want.shape.join() || got.shape.length !== want.shape.length) {
    problems.push(`shape [${got.shape.join(',')}], expected [${want.shape.join(',')}]`);
  }
  if (got.dtype !== want.dtype) problems.push(`dtype ${got.dtype}, expected ${want.dtype}`);
  if (problems.length) return problems;
  const opts = { dtype: want.dtype, shape: want.shape, tol: toleranceOf(op, c), signedZero: signedZeroOps.has(op) };
  problems.push(...compareValues(want.values, got.values, opts));
  inputsAfter.forEach((after, i) => {
    const spec = c.inputs[i]!;
    const changed = compareValues(values[i]!, after, { dtype: spec.dtype, shape: spec.shape, tol: { rtol: 0, atol: 0 }, signedZero: true });
    if (changed.length) problems.push(`input ${i} was modified: ${changed[0]}`);
  });
  return problems;
}
