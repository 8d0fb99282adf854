// The regression lessons' exact answers: the least-squares line, the loss of a line, and the
// learning rate where gradient descent turns from converging to diverging.
import { describe, expect, it } from 'vitest';
import { leastSquares, meanSquaredError, stableLearningRateLimit, studyHours } from './regression-data.js';

describe('regression data', () => {
  it('the least-squares line recovers an exact line and has the smallest loss', () => {
    const exact = leastSquares([0, 1, 2, 3], [1, 3, 5, 7]);
    expect(exact.slope).toBeCloseTo(2, 12);
    expect(exact.intercept).toBeCloseTo(1, 12);
    const { hours, grades } = studyHours();
    const best = leastSquares(hours, grades);
    const loss = meanSquaredError(best, hours, grades);
    for (const [ds, di] of [[0.01, 0], [-0.01, 0], [0, 0.1], [0, -0.1]] as const) {
      expect(meanSquaredError({ slope: best.slope + ds, intercept: best.intercept + di }, hours, grades)).toBeGreaterThan(loss);
    }
  });

  it('the stable learning-rate limit is 2 / λmax of the loss Hessian', () => {
    // x = [0, 2]: H = 2·[[2, 1], [1, 1]], eigenvalues 3 ± √5, so the limit is 2 / (3 + √5).
    expect(stableLearningRateLimit([0, 2])).toBeCloseTo(2 / (3 + Math.sqrt(5)), 12);
  });
});
