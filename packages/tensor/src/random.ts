// Seeded random tensors. Values are drawn on the host from one global generator so that a run
// with the same seed is reproducible on every backend.
import type { DType } from './dtype.js';
import { allocating, checkAllocatable } from './creation.js';
import { fromValues } from './engine.js';
import type { Tensor } from './tensor.js';

/**
 * A small, fast generator with a 128-bit state (xoshiro128**, Blackman & Vigna 2018), seeded
 * through splitmix32 so that nearby seeds give unrelated streams.
 */
export class Random {
  private s = new Uint32Array(4);

  constructor(seed = 0) {
    this.seed(seed);
  }

  /** Restarts the stream from `seed`. */
  seed(seed: number): void {
    let x = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  /** A uniform float in [0, 1). */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A standard normal variate (Box–Muller). */
  normal(): number {
    const u = 1 - this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.uniform());
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** The generator behind rand, randn, randint and bernoulli. */
export const globalRandom = new Random(42);

/** Reseeds the global generator: the same seed gives the same random tensors. */
export function seed(value: number): void {
  globalRandom.seed(value);
}

function draw(op: string, shape: readonly number[], dtype: DType, sample: () => number): Tensor {
  const size = checkAllocatable(op, [...shape]);
  const values = allocating(op, size, () => new Float64Array(size));
  for (let i = 0; i < values.length; i++) values[i] = sample();
  return fromValues(values, shape, dtype);
}

/** The largest float32 below `x` (for keeping float32 draws inside a half-open interval). */
function float32Below(x: number): number {
  const f = Math.fround(x);
  if (f < x) return f;
  if (f === 0) return -(2 ** -149);
  const bits = new Int32Array(new Float32Array([f]).buffer);
  bits[0]! += f > 0 ? -1 : 1;
  return new Float32Array(bits.buffer)[0]!;
}

/** Uniform float32 values in [lo, hi). */
export function rand(shape: readonly number[], lo = 0, hi = 1, rng = globalRandom): Tensor {
  // lo + (hi - lo) * u is below hi in double precision but can round up to hi in float32.
  const top = Math.max(float32Below(hi), lo);
  return draw('rand', shape, 'float32', () => Math.min(lo + (hi - lo) * rng.uniform(), top));
}

/** Normal float32 values with the given mean and standard deviation. */
export function randn(shape: readonly number[], mean = 0, std = 1, rng = globalRandom): Tensor {
  return draw('randn', shape, 'float32', () => mean + std * rng.normal());
}

/** Uniform int32 values in [lo, hi). */
export function randint(shape: readonly number[], lo: number, hi: number, rng = globalRandom): Tensor {
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi <= lo) throw new Error(`randint: needs integers lo < hi, got lo ${lo} and hi ${hi}`);
  return draw('randint', shape, 'int32', () => lo + Math.floor(rng.uniform() * (hi - lo)));
}

/** float32 ones with probability `p`, zeros otherwise (dropout masks). */
export function bernoulli(shape: readonly number[], p: number, rng = globalRandom): Tensor {
  if (!(p >= 0 && p <= 1)) throw new Error(`bernoulli: p must be in [0, 1], got ${p}`);
  return draw('bernoulli', shape, 'float32', () => (rng.uniform() < p ? 1 : 0));
}
