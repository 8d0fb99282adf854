// The overfitting lesson's data: seeded, on the curve up to the noise, and a drawing grid.
import { describe, expect, it } from 'vitest';
import { grid, noisyCurve, trueCurve } from './curve-data.js';

describe('curve data', () => {
  it('is seeded and lies on sin(πx) up to the noise', () => {
    const a = noisyCurve({ samples: 500, noise: 0.3, seed: 1 });
    expect(a).toEqual(noisyCurve({ samples: 500, noise: 0.3, seed: 1 }));
    expect(a.x.every((v) => v >= -1 && v < 1)).toBe(true);
    const residuals = a.x.map((v, i) => a.y[i]! - trueCurve(v));
    const std = Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / residuals.length);
    expect(std).toBeGreaterThan(0.25);
    expect(std).toBeLessThan(0.35);
    expect(noisyCurve({ samples: 3, noise: 0, seed: 2 }).y).toEqual(noisyCurve({ samples: 3, noise: 0, seed: 2 }).x.map(trueCurve));
  });

  it('grids include both ends', () => {
    expect(grid(-1, 1, 5)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(() => grid(0, 1, 1)).toThrow(/at least 2, got 1/);
  });

  it('refuses a sample count that is not a positive integer', () => {
    expect(() => noisyCurve({ samples: 0, noise: 0.1, seed: 1 })).toThrow(/positive integer, got 0/);
  });
});
