// Per-dtype and per-op tolerances of the conformance suite, each looser one with its reason.
// int32 and bool are always compared exactly; NaN positions and infinities' signs exactly too.
import type { OpName } from '@webgrad/tensor';
import type { Tolerance } from './spec.js';

/** float32 results of exactly rounded arithmetic (add, mul, div, sqrt, ...). */
export const FLOAT32: Tolerance = { rtol: 1e-5, atol: 1e-6 };

/**
 * Transcendentals may be approximated: WGSL guarantees exp to 3 + 2|x| ULP, log to 3 ULP (2^-21
 * absolute on [0.5, 2]), pow as exp2(y log2 x) (WGSL spec, "Floating Point Accuracy").
 */
export const TRANSCENDENTAL: Tolerance = { rtol: 1e-4, atol: 1e-6 };

/** WGSL bounds sin and cos by an absolute error of 2^-11 on [-pi, pi] only. */
const TRIGONOMETRIC: Tolerance = { rtol: 1e-5, atol: 5e-4 };

/**
 * Sums of up to a few hundred float32 terms in [-2, 2] (matmul, conv, sum): a float32
 * accumulator in any order stays within about sqrt(n) ULP of the sum of magnitudes.
 */
export const ACCUMULATING: Tolerance = { rtol: 1e-4, atol: 1e-4 };

/** dense: an accumulating product followed by a transcendental activation. */
const DENSE: Tolerance = { rtol: 1e-4, atol: 1e-4 };

/**
 * softmax/logSoftmax: exp and log as approximated (see TRANSCENDENTAL) over a row's sum; the
 * absolute part covers logSoftmax near 0 (the largest logit of a peaked row).
 */
const SOFTMAX: Tolerance = { rtol: 1e-4, atol: 1e-5 };

/** Where an op's float32 results need more than {@link FLOAT32}, and why (the constant says). */
export const opTolerances: { readonly [K in OpName]?: Tolerance } = {
  exp: TRANSCENDENTAL, log: TRANSCENDENTAL, log1p: TRANSCENDENTAL, expm1: TRANSCENDENTAL, pow: TRANSCENDENTAL,
  tanh: TRANSCENDENTAL, sigmoid: TRANSCENDENTAL, rsqrt: TRANSCENDENTAL,
  sin: TRIGONOMETRIC, cos: TRIGONOMETRIC,
  sum: ACCUMULATING, prod: ACCUMULATING, matmul: ACCUMULATING, dense: DENSE, softmax: SOFTMAX, logSoftmax: SOFTMAX, scatterAdd: ACCUMULATING,
  conv2d: ACCUMULATING, conv2dInputGrad: ACCUMULATING, conv2dFilterGrad: ACCUMULATING,
  avgPool2d: ACCUMULATING, avgPool2dGrad: ACCUMULATING, maxPool2dGrad: ACCUMULATING,
};

/**
 * Ops whose float results must keep the sign of a zero: they move or negate values without
 * arithmetic, so -0 in gives a definite -0 out (neg(0) is -0, abs(-0) is +0).
 */
export const signedZeroOps: ReadonlySet<OpName> = new Set<OpName>([
  'neg', 'abs', 'where', 'reshape', 'transpose', 'broadcastTo', 'slice', 'concat', 'pad', 'tile', 'gather',
]);
