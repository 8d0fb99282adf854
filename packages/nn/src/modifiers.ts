// Modifiers: functions applied to parameters after each optimiser step (Trainer.modify).
import type { Tensor } from './deps.js';

/** Maps a parameter's value to its modified value. */
export type Modifier = (param: Tensor) => Tensor;

/** Clamps every value into [lo, hi]. */
export const clipValues = (lo: number, hi: number): Modifier => (p) => p.clip(lo, hi);

/**
 * Rescales each slice along `axis` (by default each output unit's incoming weights, axis 0 of a
 * dense [in, out] weight) so its L2 norm is at most `max` (Srivastava et al. 2014).
 */
export const maxNorm = (max: number, axis = 0): Modifier => (p) => {
  const norms = p.mul(p).sum(axis, true).sqrt();
  return p.mul(norms.maximum(max).reciprocal().mul(max));
};
