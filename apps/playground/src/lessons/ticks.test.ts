// Axis ticks for the lessons' scatter plots: round steps that cover the domain.
import { describe, expect, it } from 'vitest';
import { ticks } from './ticks.js';

describe('ticks', () => {
  it('picks round steps covering the domain', () => {
    expect(ticks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(ticks(30, 100)).toEqual([40, 60, 80, 100]);
    expect(ticks(-1, 1)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(ticks(-2, 2)).toEqual([-2, -1, 0, 1, 2]);
  });

  it('refuses an empty domain', () => {
    expect(() => ticks(1, 1)).toThrow(/need lo < hi, got \[1, 1\]/);
  });
});
