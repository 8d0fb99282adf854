// Tick labels stay short however large or small the loss gets, and never read as zero.
import { describe, expect, it } from 'vitest';
import { tickLabel, tickLabels } from './tick-label.js';

describe('tickLabel', () => {
  it('plain numbers in the middle range, rounded to three digits', () => {
    expect([0.05, 0.1234, 1, 12.5, 1500, 9990].map(tickLabel)).toEqual(['0.05', '0.123', '1', '12.5', '1500', '9990']);
  });

  it('powers of ten for the very large and the very small, so nothing is cut or shown as 0', () => {
    expect([10000, 2e5, 1e9, 0.0005, 3e-7, -2e6].map(tickLabel)).toEqual(['1e+4', '2e+5', '1e+9', '5e-4', '3e-7', '-2e+6']);
  });

  it('zero and non-finite values as they are', () => {
    expect([0, Infinity, NaN].map(tickLabel)).toEqual(['0', 'Infinity', 'NaN']);
  });

  it('leaves the ticks uPlot skips unlabelled, and on a log scale labels powers of ten only', () => {
    expect(tickLabels([null, 0.5, 2], false)).toEqual([null, '0.5', '2']);
    expect(tickLabels([null, 10, 20, 50, 100, 1e5, 0.001, 0.002], true)).toEqual([null, '10', null, null, '100', '1e+5', '0.001', null]);
  });
});
