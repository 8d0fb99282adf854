// Initialisers: functions from a shape to a fresh tensor, drawn from webgrad's seeded generator
// (or their own, with `{ seed }`), so that a run is reproducible.
import { globalRandom, Random, tensor, type Tensor } from './deps.js';

/** Makes the initial value of a parameter of the given shape. */
export type Initializer = (shape: readonly number[]) => Tensor;

/** Options every random initialiser takes. */
export interface InitOptions {
  /** Draw from a private generator with this seed instead of the global one. */
  seed?: number;
}

/**
 * Fan-in and fan-out of a weight: dense [in, out]; convolution [out, in / groups, kh, kw]
 * (receptive field counted in); vectors count as fan-in = fan-out = length.
 */
export function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0]!, fanOut: shape[0]! };
  if (shape.length === 2) return { fanIn: shape[0]!, fanOut: shape[1]! };
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[1]! * receptive, fanOut: shape[0]! * receptive };
}

function fill(shape: readonly number[], sample: (rng: Random) => number, { seed }: InitOptions): Tensor {
  const rng = seed === undefined ? globalRandom : new Random(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tensor(Float32Array.from({ length: size }, () => sample(rng)), { shape });
}

/** Every value `value`. */
export const constant = (value: number): Initializer => (shape) => fill(shape, () => value, {});
/** Zeros. */
export const zeros = (): Initializer => constant(0);
/** Ones. */
export const ones = (): Initializer => constant(1);
/** Uniform in [lo, hi). */
export const uniform = (lo = -0.05, hi = 0.05, options: InitOptions = {}): Initializer => (shape) => fill(shape, (r) => lo + (hi - lo) * r.uniform(), options);
/** Normal with the given mean and standard deviation. */
export const normal = (mean = 0, std = 0.05, options: InitOptions = {}): Initializer => (shape) => fill(shape, (r) => mean + std * r.normal(), options);

function scaled(kind: 'uniform' | 'normal', variance: (fanIn: number, fanOut: number) => number, options: InitOptions): Initializer {
  return (shape) => {
    const { fanIn, fanOut } = fans(shape);
    const std = Math.sqrt(variance(fanIn, fanOut));
    // A uniform in [-a, a] has variance a^2 / 3.
    return kind === 'uniform' ? uniform(-std * Math.sqrt(3), std * Math.sqrt(3), options)(shape) : normal(0, std, options)(shape);
  };
}

/** Glorot & Bengio (2010): variance 2 / (fanIn + fanOut). */
export const xavierUniform = (gain = 1, options: InitOptions = {}): Initializer => scaled('uniform', (i, o) => (gain * gain * 2) / (i + o), options);
/** Glorot & Bengio (2010), normal form. */
export const xavierNormal = (gain = 1, options: InitOptions = {}): Initializer => scaled('normal', (i, o) => (gain * gain * 2) / (i + o), options);
/** He et al. (2015) for ReLU: variance 2 / fanIn. */
export const heUniform = (options: InitOptions = {}): Initializer => scaled('uniform', (i) => 2 / i, options);
/** He et al. (2015), normal form. */
export const heNormal = (options: InitOptions = {}): Initializer => scaled('normal', (i) => 2 / i, options);
/** LeCun et al. (1998): variance 1 / fanIn. */
export const lecunUniform = (options: InitOptions = {}): Initializer => scaled('uniform', (i) => 1 / i, options);
/** LeCun et al. (1998), normal form. */
export const lecunNormal = (options: InitOptions = {}): Initializer => scaled('normal', (i) => 1 / i, options);
/** {@link xavierUniform} under its Keras name. */
export const glorotUniform = xavierUniform;
/** {@link xavierNormal} under its Keras name. */
export const glorotNormal = xavierNormal;
/** {@link heUniform} under its PyTorch name (`kaiming_uniform_`). */
export const kaimingUniform = heUniform;
/** {@link heNormal} under its PyTorch name (`kaiming_normal_`). */
export const kaimingNormal = heNormal;

/**
 * A (semi-)orthogonal matrix (Saxe et al. 2014): Gram–Schmidt on a Gaussian matrix, with the
 * trailing axes flattened; rows are orthonormal when rows <= columns, columns otherwise.
 */
export const orthogonal = (gain = 1, { seed }: InitOptions = {}): Initializer => (shape) => {
  if (shape.length < 2) throw new Error(`init.orthogonal: needs a shape of rank 2 or more, got [${shape.join(',')}]`);
  const rng = seed === undefined ? globalRandom : new Random(seed);
  const rows = shape[0]!;
  const cols = shape.slice(1).reduce((a, b) => a * b, 1);
  const [n, m] = rows <= cols ? [rows, cols] : [cols, rows]; // orthonormalise n vectors of length m
  const q = Array.from({ length: n }, () => Float64Array.from({ length: m }, () => rng.normal()));
  q.forEach((v, i) => {
    for (let j = 0; j < i; j++) {
      const dot = v.reduce((s, x, k) => s + x * q[j]![k]!, 0);
      v.forEach((_, k) => (v[k]! -= dot * q[j]![k]!));
    }
    // Not Math.hypot(...v): spreading a long row (over ~120k values) overflows the call stack.
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    v.forEach((_, k) => (v[k]! /= norm));
  });
  const values = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) values[r * cols + c] = gain * (rows <= cols ? q[r]![c]! : q[c]![r]!);
  return tensor(values, { shape });
};
