// The views' fetch queue: never more than one fetch in flight, one more queued for the changes
// that came meanwhile, holds that defer fetches, and a failed fetch that does not stop the next.
import { describe, expect, it } from 'vitest';
import { RefreshQueue } from './refresh-queue.js';

/** A job whose runs finish when the test says so; counts starts and the most in flight at once. */
function gatedJob() {
  const gates: (() => void)[] = [];
  const stats = { started: 0, inFlight: 0, maxInFlight: 0, fail: false };
  const job = async () => {
    stats.started++;
    stats.maxInFlight = Math.max(stats.maxInFlight, ++stats.inFlight);
    try {
      await new Promise<void>((resolve) => gates.push(resolve));
      if (stats.fail) throw new Error('boundary: the worker said no');
    } finally {
      stats.inFlight--;
    }
  };
  const finish = async () => {
    await Promise.resolve();
    gates.shift()?.();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { job, stats, finish };
}

describe('RefreshQueue', () => {
  it('runs once per request when idle', async () => {
    const { job, stats, finish } = gatedJob();
    const queue = new RefreshQueue(job);
    queue.request();
    await finish();
    await queue.settled();
    queue.request();
    await finish();
    await queue.settled();
    expect(stats.started).toBe(2);
  });

  it('a hundred requests during a run make one more run, never two in flight', async () => {
    const { job, stats, finish } = gatedJob();
    const queue = new RefreshQueue(job);
    queue.request();
    await Promise.resolve();
    for (let i = 0; i < 100; i++) queue.request();
    await finish();
    await finish();
    await queue.settled();
    expect(stats.started).toBe(2);
    expect(stats.maxInFlight).toBe(1);
  });

  it('requests in one task coalesce into one run', async () => {
    const { job, stats, finish } = gatedJob();
    const queue = new RefreshQueue(job);
    for (let i = 0; i < 10; i++) queue.request();
    await finish();
    await queue.settled();
    expect(stats.started).toBe(1);
  });

  it('a hold defers requests until released; then one run', async () => {
    const { job, stats, finish } = gatedJob();
    const queue = new RefreshQueue(job);
    const release = queue.hold();
    queue.request();
    queue.request();
    await Promise.resolve();
    expect(stats.started).toBe(0);
    release();
    release(); // a second call is a no-op, not a second release
    await finish();
    await queue.settled();
    expect(stats.started).toBe(1);
    const [a, b] = [queue.hold(), queue.hold()];
    queue.request();
    a();
    await Promise.resolve();
    expect(stats.started).toBe(1);
    b();
    await finish();
    await queue.settled();
    expect(stats.started).toBe(2);
  });

  it('a failed run does not stop the queued one or later ones', async () => {
    const { job, stats, finish } = gatedJob();
    const queue = new RefreshQueue(job);
    stats.fail = true;
    queue.request();
    await Promise.resolve();
    queue.request();
    await finish();
    stats.fail = false;
    await finish();
    await queue.settled();
    expect(stats.started).toBe(2);
    queue.request();
    await finish();
    await queue.settled();
    expect(stats.started).toBe(3);
  });
});
