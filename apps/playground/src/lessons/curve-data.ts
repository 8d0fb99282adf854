// The overfitting lesson's data: a few noisy samples of one smooth curve, y = sin(πx) on
// [-1, 1] plus gaussian noise, drawn from a seeded generator. Training and validation sets come
// from different seeds of the same curve, so a gap between their losses is overfitting.
import { Random } from 'webgradjs';

/** x and y of some samples. */
export interface Samples {
  x: number[];
  y: number[];
}

/** The curve the samples come from, without noise. */
export const trueCurve = (x: number): number => Math.sin(Math.PI * x);

/** `samples` points with x uniform in [-1, 1] and y = sin(πx) + noise·N(0, 1). */
export function noisyCurve({ samples, noise, seed }: { samples: number; noise: number; seed: number }): Samples {
  if (!Number.isInteger(samples) || samples <= 0) throw new Error(`noisyCurve: samples must be a positive integer, got ${samples}`);
  const rng = new Random(seed);
  const x = Array.from({ length: samples }, () => -1 + 2 * rng.uniform());
  const y = x.map((v) => trueCurve(v) + noise * rng.normal());
  return { x, y };
}

/** `count` evenly spaced points from `lo` to `hi`, both included (where a fitted curve is drawn). */
export function grid(lo: number, hi: number, count: number): number[] {
  if (count < 2) throw new Error(`grid: count must be at least 2, got ${count}`);
  return Array.from({ length: count }, (_, i) => lo + ((hi - lo) * i) / (count - 1));
}

/** The lesson's data: 16 noisy training points, and 200 validation points from another seed. */
export const OVERFIT_DATA = {
  train: { samples: 16, noise: 0.3, seed: 1 },
  validation: { samples: 200, noise: 0.3, seed: 2 },
} as const;
