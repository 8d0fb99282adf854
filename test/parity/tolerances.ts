// Tolerances of the parity suite. torch and webgrad both compute in float32, each rounding in its
// own order and with its own transcendentals, so every bound is a float32 one with its reason.
import { opNames, type OpName } from '@webgrad/tensor';
import type { Tolerance } from '../conformance/spec.js';
import { ACCUMULATING, FLOAT32, opTolerances, TRANSCENDENTAL } from '../conformance/tolerances.js';

/** A composite (softplus, gelu, variance, ...) or a gradient: several rounded ops in a row. */
export const COMPOSED: Tolerance = TRANSCENDENTAL;

/**
 * Layers and losses: sums over their inputs (conv, matmul, batch statistics) in any order, see
 * ACCUMULATING in test/conformance/tolerances.ts.
 */
export const LAYER: Tolerance = ACCUMULATING;

/**
 * Optimiser trajectories: 30 steps feed each step's rounding into the next, and adaptive rules
 * divide by small accumulators; float32 runs of the same rule in two orders drift about this much.
 */
export const TRAJECTORY: Tolerance = { rtol: 1e-3, atol: 1e-4 };

const loosest = (a: Tolerance, b: Tolerance): Tolerance => ({ rtol: Math.max(a.rtol, b.rtol), atol: Math.max(a.atol, b.atol) });
const isOp = (name: string): name is OpName => (opNames as string[]).includes(name);

/** The tolerance of an op fixture's forward value: the conformance suite's for a primitive. */
export function valueTolerance(subject: string): Tolerance {
  return isOp(subject) ? opTolerances[subject] ?? FLOAT32 : COMPOSED;
}

/**
 * Second derivatives chain two backward passes of approximated transcendentals (WGSL's tanh on
 * SwiftShader is 1.6e-6 off torch in gelu's, on values near 1e-3), so their floor is absolute.
 */
export const SECOND_ORDER: Tolerance = { rtol: 1e-4, atol: 1e-5 };

/** The tolerance of its first-order gradients. */
export function gradTolerance(subject: string): Tolerance {
  return loosest(valueTolerance(subject), COMPOSED);
}

/** The tolerance of its second-order gradients. */
export function grad2Tolerance(subject: string): Tolerance {
  return loosest(gradTolerance(subject), SECOND_ORDER);
}
