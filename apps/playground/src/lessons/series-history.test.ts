// The lessons' chart data: rows in order, gaps as NaN, growth past the first allocation.
import { describe, expect, it } from 'vitest';
import { SeriesHistory } from './series-history.js';

describe('SeriesHistory', () => {
  it('keeps every row in order across growth, with missing values as NaN', () => {
    const h = new SeriesHistory(['train', 'validation']);
    for (let step = 1; step <= 1000; step++) h.append(step, step % 10 === 0 ? { train: 1 / step, validation: 2 / step } : { train: 1 / step });
    expect(h.length).toBe(1000);
    expect(Array.from(h.column('step').slice(0, 3))).toEqual([1, 2, 3]);
    expect(h.column('train')[999]).toBeCloseTo(1 / 1000, 12);
    expect(h.column('validation')[8]).toBeNaN();
    expect(h.column('validation')[9]).toBeCloseTo(0.2, 12);
    expect(h.last('validation')).toBeCloseTo(2 / 1000, 12);
  });

  it('names the columns it has when asked for one it has not', () => {
    expect(() => new SeriesHistory(['train']).column('loss')).toThrow(/no column 'loss' \(columns: step, train\)/);
  });

  it('starts again empty after clear', () => {
    const h = new SeriesHistory(['train']);
    h.append(1, { train: 1 });
    h.clear();
    expect(h.length).toBe(0);
    expect(h.last('train')).toBeNaN();
  });
});
