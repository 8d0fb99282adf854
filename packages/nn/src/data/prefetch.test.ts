// Prefetch: the async iterator yields exactly the batches `batches()` yields, gathers the next
// batch while the consumer awaits, stops cleanly when the consumer breaks, and reports errors.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dataset, fromArrays } from './dataset.js';
import type { Batch } from './dataset.js';

const data = fromArrays(Float32Array.from({ length: 46 }, (_, i) => i), Int32Array.from({ length: 23 }, (_, i) => i % 3), { featureShape: [2] });

async function contents(b: Batch): Promise<{ x: number[]; y: number[]; shapes: number[][] }> {
  const out = { x: Array.from(await b.x.data()), y: Array.from(await b.y.data()), shapes: [[...b.x.shape], [...b.y.shape]] };
  b.x.dispose();
  b.y.dispose();
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('Dataset.prefetch', () => {
  it.each([
    { shuffle: true, seed: 7, epoch: 2, depth: 1 },
    { shuffle: false, depth: 3 },
    { shuffle: true, seed: 1, dropRemainder: true, depth: 2 },
  ])('yields the same batches as batches() (%o)', async (options) => {
    const expected = await Promise.all([...data.batches(5, options)].map(contents));
    const got = [];
    for await (const b of data.prefetch(5, options)) got.push(await contents(b));
    expect(got).toEqual(expected);
    expect(got.length).toBe(options.dropRemainder ? 4 : 5);
  });

  it('has gathered the next batch by the time the consumer has awaited something', async () => {
    const take = vi.spyOn(Dataset.prototype, 'take');
    const seen: number[] = [];
    for await (const b of data.prefetch(5, { shuffle: false, depth: 2 })) {
      const before = take.mock.calls.length;
      // The step, awaiting the device: a task queued after the prefetcher's (setImmediate in Node
      // runs in queue order, where a timer may or may not come first under load).
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(take.mock.calls.length - before);
      await contents(b);
    }
    // While batch 0 was in use, batches 1 and 2 were gathered; near the end fewer are left.
    expect(seen).toEqual([2, 1, 1, 0, 0]);
  });

  it('stops cleanly when the consumer breaks early, and surfaces a bad batch size or depth', async () => {
    for await (const b of data.prefetch(4)) {
      await contents(b);
      break;
    }
    await expect(data.prefetch(0).next()).rejects.toThrow('Dataset.batches: batchSize must be a positive integer, got 0');
    await expect(data.prefetch(4, { depth: 0 }).next()).rejects.toThrow('Dataset.prefetch: depth must be a positive integer, got 0');
  });
});
