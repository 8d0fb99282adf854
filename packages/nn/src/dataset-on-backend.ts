// A dataset view whose batches are made on a fixed backend, whatever backend is current when a
// batch is made. The Trainer trains through one so that its batches land where its model lives,
// even when they are made in a later task (prefetching) while another backend is current.
import { withBackend, type Backend } from './deps.js';
import { Dataset, type Batch, type BatchOptions } from './data/dataset.js';

/**
 * `source`'s samples (shared, not copied) with batches made on `target`. Its host batches are
 * views of the same kind, so `batches`, `prefetch` and `asBatch` all make their tensors there;
 * the source's own `hostBatches` (and so its order) is used.
 */
export class DatasetOnBackend extends Dataset {
  constructor(readonly source: Dataset, readonly target: Backend) {
    super(source.features, source.labels);
  }

  /** The source's host batches, each as a view whose batch is made on the target backend. */
  override *hostBatches(batchSize: number, options: BatchOptions = {}): Generator<Dataset> {
    for (const part of this.source.hostBatches(batchSize, options)) yield new DatasetOnBackend(part, this.target);
  }

  /** All samples as one batch of tensors, on the target backend. */
  override asBatch(): Batch {
    return withBackend(this.target, () => this.source.asBatch());
  }
}

/** `data` with its batches made on `target` (itself, if it already is such a view). */
export function datasetOn(data: Dataset, target: Backend): Dataset {
  return data instanceof DatasetOnBackend && data.target === target ? data : new DatasetOnBackend(data, target);
}
