// The linear-regression example must land on the closed-form least-squares line to 1e-3.
import { describe, expect, it } from 'vitest';
import { memory } from 'webgrad';
import { fitLinearRegression, leastSquares, studyData } from './linear-regression.js';

describe('linear regression example', () => {
  it('the least-squares helper recovers an exact line', () => {
    const fit = leastSquares([0, 1, 2, 3], [1, 3, 5, 7]);
    expect(fit.slope).toBeCloseTo(2, 12);
    expect(fit.intercept).toBeCloseTo(1, 12);
  });

  it('the data are seeded: same seed, same class', () => {
    expect(studyData({ seed: 3 })).toEqual(studyData({ seed: 3 }));
    expect(studyData({ seed: 3 }).hours).not.toEqual(studyData({ seed: 4 }).hours);
  });

  it('gradient descent matches the closed-form fit to 1e-3', async () => {
    const before = memory().liveTensors;
    const { learned, exact, firstLoss, lastLoss } = await fitLinearRegression();
    expect(Math.abs(learned.slope - exact.slope)).toBeLessThan(1e-3);
    expect(Math.abs(learned.intercept - exact.intercept)).toBeLessThan(1e-3);
    // About 45 + 4.5 per hour, as the data were made.
    expect(exact.slope).toBeGreaterThan(3.5);
    expect(exact.slope).toBeLessThan(5.5);
    expect(lastLoss).toBeLessThan(firstLoss / 100);
    expect(memory().liveTensors).toBe(before);
  });
});
