// The XOR demo must actually learn: loss falls and every prediction lands on the right side.
import { describe, expect, it } from 'vitest';
import { memory } from 'webgradjs';
import { trainXor } from './train-xor.js';

describe('XOR demo', () => {
  it('drives the loss down and classifies all four points', async () => {
    const before = memory().liveTensors;
    const { losses, predictions } = await trainXor({ epochs: 400 });
    expect(losses[0]).toBeGreaterThan(0.5);
    expect(losses.at(-1)).toBeLessThan(0.1);
    expect(predictions.map((p) => (p > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
    // Every tensor the run made, kept parameters included, has been freed.
    expect(memory().liveTensors).toBe(before);
  });
});
