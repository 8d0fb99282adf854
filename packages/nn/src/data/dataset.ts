// An in-memory dataset of (features, label) samples held as flat typed arrays, with seeded
// shuffling, batching into tensors, per-sample maps and train/validation splits.
import { Random, tensor, type DType, type Tensor } from '../deps.js';
import { prefetchBatches, type PrefetchOptions } from './prefetch.js';

/** A column of samples: flat values and the shape of one sample. */
export interface Column {
  readonly values: Float32Array | Int32Array;
  /** The shape of one sample ([] for a scalar label). */
  readonly sampleShape: readonly number[];
}

/** One batch, as tensors. */
export interface Batch {
  /** The inputs, one example per row of the first axis. */
  readonly x: Tensor;
  /** The targets, in the same order. */
  readonly y: Tensor;
}

/** Options of {@link Dataset.batches}. */
export interface BatchOptions {
  /** Shuffle the order each epoch (default true). */
  shuffle?: boolean;
  /** Seed of the shuffle; the epoch number is mixed in so each epoch differs reproducibly. */
  seed?: number;
  /** Epoch number, mixed into the seed. */
  epoch?: number;
  /** Drop a last batch smaller than the batch size (default false). */
  dropRemainder?: boolean;
}

const sampleSize = (c: Column): number => c.sampleShape.reduce((a, b) => a * b, 1);

/** Samples held in memory; every transformation returns a new Dataset. */
export class Dataset {
  /** Number of samples. */
  readonly size: number;

  constructor(readonly features: Column, readonly labels: Column) {
    const n = features.values.length / Math.max(sampleSize(features), 1);
    const m = labels.values.length / Math.max(sampleSize(labels), 1);
    if (!Number.isInteger(n) || n !== m) {
      throw new Error(`Dataset: ${features.values.length} feature values of shape [${features.sampleShape}] and ${labels.values.length} label values of shape [${labels.sampleShape}] do not describe the same number of samples`);
    }
    this.size = n;
  }

  /** The samples at the given indices, in that order. */
  take(indices: ArrayLike<number>): Dataset {
    const pick = (c: Column): Column => {
      const k = sampleSize(c);
      const out = new (c.values.constructor as Float32ArrayConstructor | Int32ArrayConstructor)(indices.length * k);
      for (let i = 0; i < indices.length; i++) out.set(c.values.subarray(indices[i]! * k, (indices[i]! + 1) * k), i * k);
      return { values: out, sampleShape: c.sampleShape };
    };
    return new Dataset(pick(this.features), pick(this.labels));
  }

  /** A seeded permutation of the samples. */
  shuffle(seed = 0): Dataset {
    return this.take(permutation(this.size, seed));
  }

  /** Splits off the last `fraction` of samples (after an optional seeded shuffle) as validation data. */
  split(fraction: number, { shuffle = true, seed = 0 } = {}): [train: Dataset, validation: Dataset] {
    if (!(fraction > 0 && fraction < 1)) throw new Error(`Dataset.split: fraction must be in (0, 1), got ${fraction}`);
    const order = shuffle ? permutation(this.size, seed) : Int32Array.from({ length: this.size }, (_, i) => i);
    const cut = this.size - Math.round(this.size * fraction);
    return [this.take(order.subarray(0, cut)), this.take(order.subarray(cut))];
  }

  /** Applies `fn` to every sample's features (and label), producing a new dataset. */
  map(fn: (features: Float32Array | Int32Array, label: Float32Array | Int32Array) => { features: ArrayLike<number>; label?: ArrayLike<number> }, featureShape?: readonly number[]): Dataset {
    const [fk, lk] = [sampleSize(this.features), sampleSize(this.labels)];
    const feats: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < this.size; i++) {
      const label = this.labels.values.subarray(i * lk, (i + 1) * lk);
      const out = fn(this.features.values.subarray(i * fk, (i + 1) * fk), label);
      for (let j = 0; j < out.features.length; j++) feats.push(out.features[j]!);
      const l = out.label ?? label;
      for (let j = 0; j < l.length; j++) labels.push(l[j]!);
    }
    const shape = featureShape ?? [feats.length / Math.max(this.size, 1)];
    return new Dataset({ values: Float32Array.from(feats), sampleShape: shape }, { values: this.labels.values instanceof Int32Array ? Int32Array.from(labels) : Float32Array.from(labels), sampleShape: this.labels.sampleShape });
  }

  /** Number of batches per epoch. */
  batchCount(batchSize: number, dropRemainder = false): number {
    return dropRemainder ? Math.floor(this.size / batchSize) : Math.ceil(this.size / batchSize);
  }

  /** The batches of one epoch, made as they are consumed. */
  *batches(batchSize: number, options: BatchOptions = {}): Generator<Batch> {
    for (const part of this.hostBatches(batchSize, options)) yield part.asBatch();
  }

  /**
   * The batches of one epoch as small in-memory datasets (host arrays, no tensors yet), in the
   * order {@link batches} gives them; `prefetch` prepares these ahead of the step.
   */
  *hostBatches(batchSize: number, { shuffle = true, seed = 0, epoch = 0, dropRemainder = false }: BatchOptions = {}): Generator<Dataset> {
    if (!Number.isInteger(batchSize) || batchSize <= 0) throw new Error(`Dataset.batches: batchSize must be a positive integer, got ${batchSize}`);
    const order = shuffle ? permutation(this.size, seed * 100003 + epoch) : Int32Array.from({ length: this.size }, (_, i) => i);
    for (let b = 0; b < this.batchCount(batchSize, dropRemainder); b++) {
      yield this.take(order.subarray(b * batchSize, Math.min((b + 1) * batchSize, this.size)));
    }
  }

  /**
   * The batches of one epoch as an async iterable that prepares the next batches' host arrays
   * (gather and copy) on the task queue while the current step runs; same batches as {@link batches}.
   */
  prefetch(batchSize: number, options: PrefetchOptions = {}): AsyncGenerator<Batch> {
    return prefetchBatches(this, batchSize, options);
  }

  /** All samples as one batch of tensors. */
  asBatch(): Batch {
    const toTensor = (c: Column): Tensor => {
      const dtype: DType = c.values instanceof Int32Array ? 'int32' : 'float32';
      return tensor(c.values, { shape: [this.size, ...c.sampleShape], dtype });
    };
    return { x: toTensor(this.features), y: toTensor(this.labels) };
  }
}

/** A seeded Fisher–Yates permutation of 0..n-1. */
export function permutation(n: number, seed: number): Int32Array {
  const rng = new Random(seed);
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

/**
 * A dataset from arrays: features as nested arrays or a flat typed array with `featureShape`;
 * labels as class indices (int32) or float rows.
 */
export function fromArrays(features: readonly (readonly number[])[] | Float32Array, labels: readonly number[] | readonly (readonly number[])[] | Int32Array | Float32Array, { featureShape, labelShape }: { featureShape?: readonly number[]; labelShape?: readonly number[] } = {}): Dataset {
  const fValues = features instanceof Float32Array ? features : Float32Array.from(features.flat());
  const fShape = featureShape ?? (features instanceof Float32Array ? [1] : [features[0]?.length ?? 0]);
  let lValues: Float32Array | Int32Array;
  let lShape: readonly number[];
  if (labels instanceof Int32Array || labels instanceof Float32Array) {
    lValues = labels;
    lShape = labelShape ?? [];
  } else if (labels.length && Array.isArray(labels[0])) {
    lValues = Float32Array.from((labels as readonly (readonly number[])[]).flat());
    lShape = labelShape ?? [(labels[0] as readonly number[]).length];
  } else {
    const flat = labels as readonly number[];
    lValues = flat.every(Number.isInteger) ? Int32Array.from(flat) : Float32Array.from(flat);
    lShape = labelShape ?? [];
  }
  return new Dataset({ values: fValues, sampleShape: fShape }, { values: lValues, sampleShape: lShape });
}
