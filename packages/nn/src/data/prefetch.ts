// Prefetching: an async batch iterator that gathers the next batches' host arrays on the task
// queue, so that the copying runs while the consumer's step awaits the device (a read-back, a
// GPU submit) instead of between steps.
import type { Batch, BatchOptions, Dataset } from './dataset.js';

/** Options of {@link Dataset.prefetch}: those of `batches`, and how far ahead to prepare. */
export interface PrefetchOptions extends BatchOptions {
  /** How many batches to prepare ahead of the one being consumed (default 1). */
  depth?: number;
}

type Task = (fn: () => void) => void;

/** The earliest "next task" the platform has: setImmediate in Node, a MessageChannel in browsers. */
function taskScheduler(): Task {
  const g = globalThis as { setImmediate?: (fn: () => void) => unknown };
  if (typeof g.setImmediate === 'function') return (fn) => void g.setImmediate!(fn);
  if (typeof MessageChannel === 'function') {
    return (fn) => {
      // One channel per task, closed after use, so that nothing keeps a worker or page alive.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        fn();
      };
      channel.port2.postMessage(null);
    };
  }
  return (fn) => void setTimeout(fn, 0);
}

const schedule = taskScheduler();

/** The source's next item, computed in a later task. */
function later<T>(source: Iterator<T>): Promise<IteratorResult<T>> {
  return new Promise((resolve, reject) => {
    schedule(() => {
      try {
        resolve(source.next());
      } catch (error) {
        reject(error);
      }
    });
  });
}

/**
 * Yields the same batches as `data.batches(batchSize, options)`, in the same order; when a batch
 * is handed out the next `depth` batches are already being gathered in later tasks. Tensors are
 * made only as a batch is handed out, on the consumer's side, so no tensor waits in the queue.
 */
export async function* prefetchBatches(data: Dataset, batchSize: number, { depth = 1, ...options }: PrefetchOptions = {}): AsyncGenerator<Batch> {
  if (!Number.isInteger(depth) || depth < 1) throw new Error(`Dataset.prefetch: depth must be a positive integer, got ${depth}`);
  const source = data.hostBatches(batchSize, options);
  // The first batch has nothing to overlap with: gather it now (this also surfaces a bad batchSize).
  const ahead: Promise<IteratorResult<Dataset>>[] = [Promise.resolve(source.next())];
  try {
    for (;;) {
      const next = await ahead.shift()!;
      if (next.done) return;
      while (ahead.length < depth) ahead.push(later(source));
      yield next.value.asBatch();
    }
  } finally {
    // A consumer that stops early leaves tasks queued: they find the source closed, and any
    // error they raise has nobody to report to.
    for (const pending of ahead) pending.catch(() => undefined);
    source.return(undefined);
  }
}
