// The linear-regression example must land on the closed-form least-squares line to 1e-3.
import { describe, expect, it } from 'vitest';
import { memory } from 'webgradjs';
import { fitLinearRegression } from './linear-regression.js';

describe('linear regression example', () => {
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
