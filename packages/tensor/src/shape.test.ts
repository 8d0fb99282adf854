// The stride arithmetic every backend's kernels rely on: row-major strides, broadcast strides,
// and merging axes that every operand walks as one.
import { describe, expect, it } from 'vitest';
import { broadcastStrides, mergeAxes, stridesOf } from './shape.js';

describe('strides', () => {
  it('row-major strides and broadcast strides (0 on broadcast and missing axes)', () => {
    expect(stridesOf([2, 3, 4])).toEqual([12, 4, 1]);
    expect(stridesOf([])).toEqual([]);
    expect(broadcastStrides([3, 1], [2, 3, 4])).toEqual([0, 1, 0]);
  });
});

describe('mergeAxes', () => {
  it('merges axes contiguous in every operand and drops extent-1 axes', () => {
    // [2, 3, 4] read straight and through a [3, 4] row that repeats: the last two axes merge.
    const out = mergeAxes([2, 1, 3, 4], [stridesOf([2, 1, 3, 4]), broadcastStrides([3, 4], [2, 1, 3, 4])]);
    expect(out).toEqual({ shape: [2, 12], strides: [[12, 1], [0, 1]] });
  });

  it('keeps axes apart where one operand does not step through them as one', () => {
    // A transposed read of [3, 4]: no two axes merge.
    expect(mergeAxes([4, 3], [[1, 4]])).toEqual({ shape: [4, 3], strides: [[1, 4]] });
  });

  it('a scalar index space has no axes', () => {
    expect(mergeAxes([1, 1], [[1, 1]])).toEqual({ shape: [], strides: [[]] });
  });
});
