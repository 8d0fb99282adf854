// The two-spirals example must reach at least 97 % training accuracy, freeing what it made.
import { describe, expect, it } from 'vitest';
import { memory } from 'webgradjs';
import { trainSpirals, twoSpirals } from './spirals.js';

describe('two spirals example', () => {
  it('makes two seeded arms, the second the first turned by half a circle', () => {
    const { points, labels } = twoSpirals({ perClass: 50, noise: 0 });
    expect(points).toHaveLength(100);
    expect(labels.filter((l) => l === 1)).toHaveLength(50);
    points.slice(0, 50).forEach(([x, y], i) => {
      expect(points[50 + i]![0]).toBeCloseTo(-x, 12);
      expect(points[50 + i]![1]).toBeCloseTo(-y, 12);
    });
    expect(twoSpirals({ seed: 4 })).toEqual(twoSpirals({ seed: 4 }));
  });

  it('an MLP reaches >= 97 % training accuracy', async () => {
    const before = memory().liveTensors;
    const { epochs, accuracy } = await trainSpirals();
    expect(accuracy).toBeGreaterThanOrEqual(0.97);
    // It started near chance: no straight line separates the arms.
    expect(epochs[0]!.accuracy).toBeLessThan(0.8);
    expect(epochs.at(-1)!.loss).toBeLessThan(epochs[0]!.loss / 2);
    expect(memory().liveTensors).toBe(before);
  });
});
