import { describe, expect, it } from 'vitest';
import { columnsFromJson, seriesOf } from './chart-columns.js';

describe('columnsFromJson', () => {
  it('keeps the given steps, turns null into a gap, and numbers rows without a step column', () => {
    const c = columnsFromJson({ step: [10, 20, 30], loss: [1, null, 0.25] });
    expect(Array.from(c.column('step'))).toEqual([10, 20, 30]);
    expect(Array.from(c.column('loss'))).toEqual([1, NaN, 0.25]);
    expect(Array.from(columnsFromJson({ loss: [3, 2] }).column('step'))).toEqual([0, 1]);
    expect(seriesOf({ step: [0], train: [1], validation: [2] })).toEqual(['train', 'validation']);
  });

  it('names the column that is wrong', () => {
    expect(() => columnsFromJson({ step: [0, 1, 2], loss: [1, 2] })).toThrow(`webgrad-chart: column 'loss' has 2 values, expected 3 like the others`);
    expect(() => columnsFromJson({ loss: [1] }).column('accuracy')).toThrow(`no column 'accuracy' in data (columns: step, loss)`);
    expect(() => columnsFromJson([1, 2] as never)).toThrow('data must be an object of columns');
  });
});
