// The overfitting lesson's claim, checked in Node on the reference backend with the lesson's
// seeds and settings: unregularised, the validation loss ends far above the training loss; L2
// and dropout each narrow that gap.
import { describe, expect, it } from 'vitest';
import { memory } from 'webgradjs';
import { noisyCurve, OVERFIT_DATA } from './curve-data.js';
import { CurveFit, type Cure } from './curve-fit.js';

const train = noisyCurve(OVERFIT_DATA.train);
const validation = noisyCurve(OVERFIT_DATA.validation);

async function gapAfter(cure: Cure, steps: number): Promise<{ train: number; validation: number; gap: number }> {
  const fit = new CurveFit(cure, train, validation);
  for (let i = 0; i < steps; i++) await fit.advance();
  const losses = await fit.losses();
  fit.dispose();
  return { ...losses, gap: losses.validation - losses.train };
}

describe('CurveFit', () => {
  it('overfits without a cure, and L2 and dropout narrow the gap', async () => {
    const before = memory().liveTensors;
    const none = await gapAfter('none', 2000);
    const l2 = await gapAfter('l2', 2000);
    const dropout = await gapAfter('dropout', 2000);
    expect(none.train).toBeLessThan(0.02);
    expect(none.gap).toBeGreaterThan(0.3);
    expect(l2.gap).toBeLessThan(none.gap / 2);
    expect(dropout.gap).toBeLessThan(none.gap / 2);
    expect(memory().liveTensors).toBe(before);
  }, 120_000);

  it('draws its curve at any x', async () => {
    const fit = new CurveFit('none', train, validation);
    const y = await fit.predict([-1, 0, 1]);
    expect(y).toHaveLength(3);
    expect(y.every(Number.isFinite)).toBe(true);
    fit.dispose();
  });
});
