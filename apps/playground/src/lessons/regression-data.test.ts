// The regression lessons' exact answers: the least-squares line, the loss of a line, and the
// learning rate where gradient descent turns from converging to diverging.
import { describe, expect, it } from 'vitest';
import { leastSquares, meanSquaredError, stableLearningRateLimit, studyData } from './regression-data.js';

describe('regression data', () => {
  it('is seeded: the same seed gives the same class', () => {
    expect(studyData({ seed: 3 })).toEqual(studyData({ seed: 3 }));
    expect(studyData({ seed: 3 }).hours).not.toEqual(studyData({ seed: 4 }).hours);
  });

  it('the least-squares line recovers an exact line and has the smallest loss', () => {
    const exact = leastSquares([0, 1, 2, 3], [1, 3, 5, 7]);
    expect(exact.slope).toBeCloseTo(2, 12);
    expect(exact.intercept).toBeCloseTo(1, 12);
    const { hours, grades } = studyData();
    const best = leastSquares(hours, grades);
    const loss = meanSquaredError(best, hours, grades);
    for (const [ds, di] of [[0.01, 0], [-0.01, 0], [0, 0.1], [0, -0.1]] as const) {
      expect(meanSquaredError({ slope: best.slope + ds, intercept: best.intercept + di }, hours, grades)).toBeGreaterThan(loss);
    }
  });

  it('the class is about 45 + 4.5 per hour, as it was made', () => {
    const { hours, grades } = studyData();
    const { slope, intercept } = leastSquares(hours, grades);
    expect(slope).toBeGreaterThan(3.5);
    expect(slope).toBeLessThan(5.5);
    expect(intercept).toBeGreaterThan(38);
    expect(intercept).toBeLessThan(52);
  });

  it('the stable learning-rate limit is 2 / λmax of the loss Hessian', () => {
    // x = [0, 2]: H = 2·[[2, 1], [1, 1]], eigenvalues 3 ± √5, so the limit is 2 / (3 + √5).
    expect(stableLearningRateLimit([0, 2])).toBeCloseTo(2 / (3 + Math.sqrt(5)), 12);
  });

  it('refuses data with no slope to find', () => {
    expect(() => leastSquares([1, 1, 1], [1, 2, 3])).toThrow(/every x is the same/);
    expect(() => leastSquares([1], [1])).toThrow(/two or more/);
  });
});
