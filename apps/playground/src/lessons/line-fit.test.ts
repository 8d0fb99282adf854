// Plain gradient descent on the study data, in Node on the reference backend: below the stable
// limit it reaches the least-squares line; above it the run is flagged as diverged and stops.
import { describe, expect, it } from 'vitest';
import { memory } from 'webgradjs';
import { hasDiverged, LineFit } from './line-fit.js';
import { leastSquares, stableLearningRateLimit, studyHours } from './regression-data.js';

const { hours, grades } = studyHours();

async function run(lr: number, steps: number): Promise<LineFit> {
  const fit = new LineFit(hours, grades, lr);
  for (let i = 0; i < steps; i++) await fit.advance();
  return fit;
}

describe('LineFit', () => {
  it('reaches the closed-form line below the stable limit, and frees what it made', async () => {
    const before = memory().liveTensors;
    const fit = await run(0.03, 600);
    const exact = leastSquares(hours, grades);
    const line = await fit.line();
    expect(Math.abs(line.slope - exact.slope)).toBeLessThan(0.01);
    expect(Math.abs(line.intercept - exact.intercept)).toBeLessThan(0.05);
    expect(fit.diverged).toBe(false);
    fit.dispose();
    expect(memory().liveTensors).toBe(before);
  });

  it('diverges above the limit: flagged, and no step taken after', async () => {
    const lr = 1.2 * stableLearningRateLimit(hours);
    const fit = await run(lr, 200);
    expect(fit.diverged).toBe(true);
    expect(fit.divergedAt).toBeLessThan(100);
    expect(fit.step).toBe(fit.divergedAt);
    fit.dispose();
  });

  it('a too-small rate still falls, but slowly', async () => {
    const [small, right] = await Promise.all([run(0.002, 300), run(0.03, 300)]);
    expect(small.loss).toBeLessThan(small.firstLoss);
    expect(small.loss).toBeGreaterThan(2 * right.loss);
    small.dispose();
    right.dispose();
  });

  it('counts a non-finite or a thousandfold loss as divergence', () => {
    expect(hasDiverged(10, NaN)).toBe(true);
    expect(hasDiverged(10, Infinity)).toBe(true);
    expect(hasDiverged(10, 10_001)).toBe(true);
    expect(hasDiverged(10, 9_999)).toBe(false);
  });
});
