// Activation functions written once from primitives; autograd differentiates them for free.
// Where a smooth function is built from kinked pieces (relu, abs, min, max), the pieces take the
// same side of the kink, so that their one-sided slopes add up to the derivative of the whole.
import { composite } from './composite.js';
import type { Tensor } from '../tensor.js';
import { where } from './elementwise.js';

/** x where x > 0, alpha * x elsewhere (slope alpha at 0, as PyTorch). */
export const leakyRelu = composite(function leakyRelu(x: Tensor, alpha: number = 0.01): Tensor {
  return where(x.gt(0), x, x.mul(alpha));
});

/** x where x > 0, alpha * (exp(x) - 1) elsewhere (Clevert et al. 2015); slope alpha at 0, as PyTorch. */
export const elu = composite(function elu(x: Tensor, alpha: number = 1): Tensor {
  // The exponential branch sees 0 where it is unused, so a large x never overflows into a NaN
  // gradient; a where (not a minimum, whose tie at 0 would halve the slope) picks that input.
  const pos = x.gt(0);
  return where(pos, x, where(pos, 0, x).expm1().mul(alpha));
});

/**
 * log(1 + exp(x)), as max(x, 0) + log1p(exp(-|x|)) so it never overflows. Both kinked pieces
 * take their x <= 0 side at 0, so the slope there is sigmoid(0) = 0.5.
 */
export const softplus = composite(function softplus(x: Tensor): Tensor {
  const pos = x.gt(0);
  return where(pos, x, 0).add(where(pos, x.neg(), x).exp().log1p());
});

/** Options of {@link gelu}, named as PyTorch names them. */
export interface GeluOptions {
  /** 'none' (the default): exact, x·Φ(x); 'tanh': the tanh approximation. */
  approximate?: 'none' | 'tanh';
}

/**
 * GELU (Hendrycks & Gimpel 2016): x·Φ(x) = 0.5·x·(1 + erf(x/√2)) by default, as PyTorch's
 * default; with `approximate: 'tanh'`, 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
 * @example wg.gelu(x); wg.gelu(x, { approximate: 'tanh' })
 */
export const gelu = composite(function gelu(x: Tensor, { approximate = 'none' }: GeluOptions = {}): Tensor {
  if (approximate === 'none') return x.mul(0.5).mul(x.mul(Math.SQRT1_2).erf().add(1));
  if (approximate !== 'tanh') throw new Error(`gelu: approximate must be 'none' or 'tanh', got ${JSON.stringify(approximate)}`);
  const inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
  return x.mul(0.5).mul(inner.tanh().add(1));
});

/** Clamps every value into [lo, hi]; NaN stays NaN. The gradient is 1 on [lo, hi], bounds included (as torch.clamp). */
export const clip = composite(function clip(x: Tensor, lo: number, hi: number): Tensor {
  if (!(lo <= hi)) throw new Error(`clip: lo must not exceed hi, got lo ${lo} and hi ${hi}`);
  return where(x.lt(lo), lo, where(x.gt(hi), hi, x));
});

/** x * x. */
export function square(x: Tensor): Tensor {
  return x.mul(x);
}
