// The gradient-check harness: seeded float64 inputs on the 'js64' reference backend, and one
// call that compares autograd's gradient of sum(f(inputs) * R) with central differences.
import { afterAll, beforeAll, expect } from 'vitest';
import { createJsBackend, fromValues, Random, registerBackend, scope, setBackend, type Shape, type Tensor } from '@webgrad/tensor';
import { grad, noGrad } from '@webgrad/autograd';

/** Central-difference step: small enough for O(h^2) truncation, large enough for float64 rounding. */
export const STEP = 1e-6;
/** Tolerances of one gradient entry: |analytic - numeric| <= ATOL + RTOL * |numeric|. */
export const RTOL = 1e-5;
export const ATOL = 1e-7;

/** Switches the suite to a float64 reference backend for its duration, and back to 'js' after. */
export function useFloat64Backend(): void {
  beforeAll(async () => {
    registerBackend('js64', () => createJsBackend({ name: 'js64', float64: true }));
    await setBackend('js64');
  });
  afterAll(async () => {
    await setBackend('js');
  });
}

/** Seeded input generators; each case seeds its own (see {@link seedOf}), so cases do not depend on order. */
export class Gen {
  private readonly rng: Random;

  constructor(seed: number) {
    this.rng = new Random(seed);
  }

  private uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.rng.uniform();
  }

  /** Uniform values in [lo, hi). */
  float(shape: Shape, lo = -1, hi = 1): Tensor {
    return this.make(shape, () => this.uniform(lo, hi));
  }

  /** Values with |v| in [lo, hi) and a random sign: away from the kinks of abs and relu. */
  awayFromZero(shape: Shape, lo = 0.2, hi = 1.5): Tensor {
    return this.make(shape, () => (this.rng.uniform() < 0.5 ? -1 : 1) * this.uniform(lo, hi));
  }

  /**
   * Values that are pairwise at least (hi - lo) / (2n) apart (a shuffled, jittered grid), so
   * max, min and maxPool never meet a tie.
   */
  distinct(shape: Shape, lo = -1, hi = 1): Tensor {
    return fromValues(this.grid(size(shape), lo, hi), shape, 'float32');
  }

  /** Two tensors whose values are all pairwise distinct (for maximum/minimum). */
  distinctPair(a: Shape, b: Shape, lo = -1, hi = 1): [Tensor, Tensor] {
    const values = this.grid(size(a) + size(b), lo, hi);
    return [fromValues(values.slice(0, size(a)), a, 'float32'), fromValues(values.slice(size(a)), b, 'float32')];
  }

  /** n values, one from the middle half of each of n equal cells of [lo, hi), shuffled. */
  private grid(n: number, lo: number, hi: number): number[] {
    const cell = (hi - lo) / n;
    const values = Array.from({ length: n }, (_, i) => lo + cell * (i + 0.25 + 0.5 * this.rng.uniform()));
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.rng.uniform() * (i + 1));
      [values[i], values[j]] = [values[j]!, values[i]!];
    }
    return values;
  }

  /** Random int32 indices in [0, extent). */
  indices(shape: Shape, extent: number): Tensor {
    return fromValues(Array.from({ length: size(shape) }, () => Math.floor(this.rng.uniform() * extent)), shape, 'int32');
  }

  /** A random bool mask. */
  mask(shape: Shape): Tensor {
    return fromValues(Array.from({ length: size(shape) }, () => (this.rng.uniform() < 0.5 ? 1 : 0)), shape, 'bool');
  }

  private make(shape: Shape, draw: () => number): Tensor {
    return fromValues(Array.from({ length: size(shape) }, draw), shape, 'float32');
  }
}

const size = (shape: Shape): number => shape.reduce((p, q) => p * q, 1);

/** Indices of the float32 inputs: the ones a gradient is taken with respect to by default. */
export function floatInputs(inputs: readonly Tensor[]): number[] {
  return inputs.flatMap((t, i) => (t.dtype === 'float32' ? [i] : []));
}

/** What one check found for one input: the largest error and where. */
export interface InputReport {
  input: number;
  worst: { index: number; analytic: number; numeric: number; excess: number };
}

/**
 * The loss L(inputs) = sum(f(inputs) * R), with R a fixed random tensor shaped like f's output,
 * so that every output element contributes with its own weight.
 */
export function weightedLoss(f: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], seed: number): (...xs: Tensor[]) => Tensor {
  const shape = noGrad(() => scope(() => [...f(...inputs).shape]));
  const weights = new Gen(seed).float(shape);
  return (...xs) => f(...xs).mul(weights).sum();
}

/** L at the inputs with entry `index` of input `k` moved by `delta`, in float64. */
function lossAt(loss: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], k: number, index: number, delta: number): number {
  return noGrad(() => scope(() => {
    const values = Float64Array.from(inputs[k]!.dataSync());
    values[index]! += delta;
    const moved = inputs.map((t, i) => (i === k ? fromValues(values, t.shape, 'float32') : t));
    return loss(...moved).dataSync()[0]!;
  }));
}

/** Central differences of `loss` with respect to input k, entry by entry. */
export function numericGradient(loss: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], k: number): Float64Array {
  const n = inputs[k]!.size;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = (lossAt(loss, inputs, k, i, STEP) - lossAt(loss, inputs, k, i, -STEP)) / (2 * STEP);
  }
  return out;
}

/** Autograd's gradient of `loss` with respect to each input in `wrt`, read back as float64. */
export function analyticGradients(loss: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], wrt: readonly number[]): Float64Array[] {
  return scope(() => grad(loss, [...wrt])(...inputs).map((g) => Float64Array.from(g.dataSync())));
}

/** Options of {@link checkGradients}. */
export interface CheckOptions {
  /** Inputs to differentiate with respect to; every float32 input by default. */
  wrt?: readonly number[];
  /** Seed of the output weights R. */
  seed?: number;
  rtol?: number;
  atol?: number;
  /** Whether some derivative must be clearly non-zero (false for piecewise-constant ops). */
  expectSignal?: boolean;
}

/**
 * Asserts that autograd's gradient of sum(f(inputs) * R) with respect to each input in `wrt`
 * (every float32 input by default) matches central differences. Returns what it compared.
 */
export function checkGradients(f: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: CheckOptions = {}): InputReport[] {
  const wrt = options.wrt ?? floatInputs(inputs);
  const [rtol, atol] = [options.rtol ?? RTOL, options.atol ?? ATOL];
  expect(wrt.length, 'a gradient check needs at least one float input').toBeGreaterThan(0);
  const loss = weightedLoss(f, inputs, options.seed ?? 7);
  const analytic = analyticGradients(loss, inputs, wrt);
  return wrt.map((k, j) => {
    const numeric = numericGradient(loss, inputs, k);
    const got = analytic[j]!;
    expect(got.length, `gradient of input ${k} has ${got.length} entries, input has ${numeric.length}`).toBe(numeric.length);
    let worst = { index: -1, analytic: 0, numeric: 0, excess: -Infinity };
    numeric.forEach((want, i) => {
      const excess = Math.abs(got[i]! - want) - (atol + rtol * Math.abs(want));
      if (Number.isNaN(worst.excess)) return;
      if (Number.isNaN(excess) || excess > worst.excess) worst = { index: i, analytic: got[i]!, numeric: want, excess };
    });
    const where = `input ${k} ${JSON.stringify(inputs[k]!.shape)}, entry ${worst.index}: analytic ${worst.analytic}, numeric ${worst.numeric}`;
    expect(worst.excess, where).toBeLessThanOrEqual(0);
    // A check that only ever sees zero gradients proves little: demand some signal.
    if (options.expectSignal !== false) expect(numeric.some((v) => Math.abs(v) > 1e-3), `input ${k}: every numeric derivative is ~0, the case exercises nothing`).toBe(true);
    return { input: k, worst };
  });
}

/** A seed from a case's name, so each case draws the same values whatever runs before it. */
export function seedOf(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}
