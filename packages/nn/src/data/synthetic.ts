// Seeded synthetic 2-D data sets for demos and tests, in the spirit of the TensorFlow
// Playground: circle, xor, gaussian blobs, two spirals (classes as int32 labels) and a
// regression plane (float32 [1] targets). Features are [N, 2], mostly within [-1, 1].
import { Random } from '../deps.js';
import { Dataset } from './dataset.js';

/** Options every synthetic set takes. */
export interface SyntheticOptions {
  /** Number of samples (default 200). */
  samples?: number;
  /** Standard deviation of gaussian noise added to each coordinate (default 0; blobs: their spread, default 0.25). */
  noise?: number;
  /** Seed: the same options and seed give the same data (default 0). */
  seed?: number;
}

function checkOptions(name: string, { samples = 200, noise = 0, seed = 0 }: SyntheticOptions): Required<SyntheticOptions> {
  if (!Number.isInteger(samples) || samples <= 0) throw new Error(`data.${name}: samples must be a positive integer, got ${samples}`);
  if (!(noise >= 0) || !Number.isFinite(noise)) throw new Error(`data.${name}: noise must be a finite number >= 0, got ${noise}`);
  if (!Number.isFinite(seed)) throw new Error(`data.${name}: seed must be a finite number, got ${seed}`);
  return { samples, noise, seed };
}

/** Builds [N, 2] features and int32 labels from a per-sample generator; sample i has class i mod k. */
function classification(name: string, options: SyntheticOptions, classes: number, point: (cls: number, rng: Random, i: number, n: number) => [number, number]): Dataset {
  const { samples, noise, seed } = checkOptions(name, options);
  const rng = new Random(seed);
  const x = new Float32Array(samples * 2);
  const y = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    const cls = i % classes;
    const [a, b] = point(cls, rng, Math.floor(i / classes), Math.ceil((samples - cls) / classes));
    x[2 * i] = a + noise * rng.normal();
    x[2 * i + 1] = b + noise * rng.normal();
    y[i] = cls;
  }
  return new Dataset({ values: x, sampleShape: [2] }, { values: y, sampleShape: [] });
}

const uniform = (rng: Random, lo: number, hi: number): number => lo + (hi - lo) * rng.uniform();

/** Class 0 in a disc of radius 0.5, class 1 in a ring between radii 0.7 and 1. */
export function circle(options: SyntheticOptions = {}): Dataset {
  return classification('circle', options, 2, (cls, rng) => {
    const r = cls === 0 ? 0.5 * Math.sqrt(rng.uniform()) : Math.sqrt(uniform(rng, 0.49, 1));
    const angle = uniform(rng, 0, 2 * Math.PI);
    return [r * Math.cos(angle), r * Math.sin(angle)];
  });
}

/** Points in [-1, 1]² kept 0.05 off the axes; class 1 where x and y differ in sign. */
export function xor(options: SyntheticOptions = {}): Dataset {
  return classification('xor', options, 2, (cls, rng) => {
    const sx = rng.uniform() < 0.5 ? -1 : 1;
    const sy = cls === 0 ? sx : -sx;
    return [sx * uniform(rng, 0.05, 1), sy * uniform(rng, 0.05, 1)];
  });
}

/**
 * Gaussian blobs: `centers` classes evenly spaced on the unit circle (or the given points),
 * each with standard deviation `noise` (default 0.25).
 */
export function blobs({ centers = 3, ...options }: SyntheticOptions & { centers?: number | readonly (readonly [number, number])[] } = {}): Dataset {
  const points = typeof centers === 'number' ? Array.from({ length: centers }, (_, k): [number, number] => [Math.cos((2 * Math.PI * k) / centers), Math.sin((2 * Math.PI * k) / centers)]) : centers;
  if (!points.length || (typeof centers === 'number' && !Number.isInteger(centers))) throw new Error(`data.blobs: centers must be a positive integer or a list of [x, y] points, got ${JSON.stringify(centers)}`);
  return classification('blobs', { ...options, noise: options.noise ?? 0.25 }, points.length, (cls) => [points[cls]![0], points[cls]![1]]);
}

/**
 * Two interleaved spirals (class 0 and class 1, half a turn apart), each winding `turns` times
 * outward from radius 0.05 to 1.
 */
export function spirals({ turns = 1.25, ...options }: SyntheticOptions & { turns?: number } = {}): Dataset {
  if (!(turns > 0)) throw new Error(`data.spirals: turns must be positive, got ${turns}`);
  return classification('spirals', options, 2, (cls, _rng, j, n) => {
    const t = n > 1 ? j / (n - 1) : 0;
    const r = 0.05 + 0.95 * t;
    const angle = 2 * Math.PI * turns * t + cls * Math.PI;
    return [r * Math.cos(angle), r * Math.sin(angle)];
  });
}

/**
 * A regression plane: features uniform in [-1, 1]², targets y = w·x + bias (+ noise) as
 * float32 [1], to fit with `dense(2, 1)` and the mse loss.
 */
export function plane({ weights = [2, -1], bias = 0.5, ...options }: SyntheticOptions & { weights?: readonly [number, number]; bias?: number } = {}): Dataset {
  const { samples, noise, seed } = checkOptions('plane', options);
  const rng = new Random(seed);
  const x = new Float32Array(samples * 2);
  const y = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    x[2 * i] = uniform(rng, -1, 1);
    x[2 * i + 1] = uniform(rng, -1, 1);
    y[i] = weights[0] * x[2 * i]! + weights[1] * x[2 * i + 1]! + bias + noise * rng.normal();
  }
  return new Dataset({ values: x, sampleShape: [2] }, { values: y, sampleShape: [1] });
}
