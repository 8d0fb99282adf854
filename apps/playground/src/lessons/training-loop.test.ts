// The lessons' play/pause/step loop: steps only while paused, plays until the work runs out,
// never overlaps a reset with work in flight, and pauses on an error with its message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReactiveControllerHost } from 'lit';
import { TrainingLoop, type Work } from './training-loop.js';

const host = (): ReactiveControllerHost => ({ addController: () => {}, removeController: () => {}, requestUpdate: () => {}, updateComplete: Promise.resolve(true) });

beforeAll(() => {
  // Node has no animation frames; a timer stands in for one.
  globalThis.requestAnimationFrame = (cb: FrameRequestCallback) => setTimeout(() => cb(performance.now()), 1) as unknown as number;
});
afterAll(() => {
  delete (globalThis as { requestAnimationFrame?: unknown }).requestAnimationFrame;
});

/** Work that counts its units and is over after `limit`. */
function counter(limit: number): { work: Work; done: () => number } {
  let units = 0;
  return { work: async () => ++units < limit, done: () => units };
}

const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((r) => setTimeout(r, 2));
};

describe('TrainingLoop', () => {
  it('steps a given number of units while paused', async () => {
    const c = counter(100);
    const loop = new TrainingLoop(host(), c.work);
    await loop.step(5);
    expect(c.done()).toBe(5);
    expect(loop.state).toBe('paused');
  });

  it('plays frame after frame until the work is over', async () => {
    const c = counter(50);
    const loop = new TrainingLoop(host(), c.work, { budgetMs: 0 });
    loop.play();
    await until(() => loop.state === 'done');
    expect(c.done()).toBe(50);
    await loop.step(3);
    expect(c.done()).toBe(50);
  });

  it('a reset waits for the frame in flight and leaves the loop paused', async () => {
    let inFlight = false;
    let overlapped = false;
    const loop = new TrainingLoop(host(), async () => {
      inFlight = true;
      await new Promise((r) => setTimeout(r, 1));
      inFlight = false;
      return true;
    });
    loop.play();
    await new Promise((r) => setTimeout(r, 20));
    await loop.reset(() => void (overlapped = inFlight));
    expect(overlapped).toBe(false);
    expect(loop.state).toBe('paused');
  });

  it('pauses on an error and keeps its message', async () => {
    const loop = new TrainingLoop(host(), async () => {
      throw new Error('dense: bad shape');
    });
    loop.play();
    await until(() => loop.state !== 'playing');
    expect(loop.state).toBe('paused');
    expect(loop.error).toBe('dense: bad shape');
  });
});
