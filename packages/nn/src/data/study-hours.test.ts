// The study-hours class is seeded and made as documented; least squares recovers exact lines.
import { describe, expect, it } from 'vitest';
import { leastSquares, studyHours } from './study-hours.js';

describe('studyHours and leastSquares', () => {
  it('is seeded: the same seed gives the same class', () => {
    expect(studyHours({ seed: 3 })).toEqual(studyHours({ seed: 3 }));
    expect(studyHours({ seed: 3 }).hours).not.toEqual(studyHours({ seed: 4 }).hours);
    expect(studyHours({ students: 12 }).grades).toHaveLength(12);
  });

  it('the class is about 45 + 4.5 per hour, as it was made', () => {
    const { hours, grades } = studyHours();
    const { slope, intercept } = leastSquares(hours, grades);
    expect(slope).toBeGreaterThan(3.5);
    expect(slope).toBeLessThan(5.5);
    expect(intercept).toBeGreaterThan(38);
    expect(intercept).toBeLessThan(52);
  });

  it('least squares recovers an exact line', () => {
    const fit = leastSquares([0, 1, 2, 3], [1, 3, 5, 7]);
    expect(fit.slope).toBeCloseTo(2, 12);
    expect(fit.intercept).toBeCloseTo(1, 12);
  });

  it('refuses data with no slope to find, and a class of no students', () => {
    expect(() => leastSquares([1, 1, 1], [1, 2, 3])).toThrow(/every x is the same/);
    expect(() => leastSquares([1], [1])).toThrow(/two or more/);
    expect(() => studyHours({ students: 0 })).toThrow(/students must be a positive integer, got 0/);
  });
});
