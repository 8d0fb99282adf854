// Learning-rate schedules at chosen steps, against values worked out by hand from each formula.
import { describe, expect, it } from 'vitest';
import * as schedules from './schedules.js';

describe('schedules', () => {
  it('constant: the base rate at every step', () => {
    const s = schedules.constant();
    expect([0, 1, 1000].map((t) => s(t, 0.3))).toEqual([0.3, 0.3, 0.3]);
  });

  it('step: times gamma every `every` steps', () => {
    const s = schedules.step({ every: 10, gamma: 0.5 });
    expect([0, 9, 10, 19, 20, 35].map((t) => s(t, 1))).toEqual([1, 1, 0.5, 0.5, 0.25, 0.125]);
    expect(schedules.step({ every: 2 })(4, 1)).toBeCloseTo(0.01, 12);
  });

  it('exponential: lr gamma^(step / every), smooth', () => {
    const s = schedules.exponential({ gamma: 0.5, every: 10 });
    expect(s(0, 2)).toBe(2);
    expect(s(5, 2)).toBeCloseTo(2 * Math.SQRT1_2, 12);
    expect(s(20, 2)).toBeCloseTo(0.5, 12);
    expect(schedules.exponential({ gamma: 0.9 })(3, 1)).toBeCloseTo(0.729, 12);
  });

  it('cosine: from the base rate to min over `steps`, then min', () => {
    const s = schedules.cosine({ steps: 100, min: 0.1 });
    expect(s(0, 1)).toBeCloseTo(1, 12);
    expect(s(25, 1)).toBeCloseTo(0.1 + 0.9 * 0.5 * (1 + Math.SQRT1_2), 12);
    expect(s(50, 1)).toBeCloseTo(0.55, 12);
    expect(s(100, 1)).toBeCloseTo(0.1, 12);
    expect(s(250, 1)).toBeCloseTo(0.1, 12);
    expect(schedules.cosine({ steps: 4 })(2, 0.8)).toBeCloseTo(0.4, 12);
  });

  it('linear: from the base rate to min over `steps`, then min', () => {
    const s = schedules.linear({ steps: 10, min: 0.2 });
    expect([0, 5, 10, 30].map((t) => s(t, 1))).toEqual([1, 0.6, 0.2, 0.2].map((x) => expect.closeTo(x, 12)));
  });

  it('warmup: rises linearly to the base rate, then hands over (counted from the end of warm-up)', () => {
    const s = schedules.warmup({ steps: 4 });
    expect([0, 1, 2, 3, 4, 100].map((t) => s(t, 1))).toEqual([0.25, 0.5, 0.75, 1, 1, 1]);
    const wc = schedules.warmup({ steps: 10, then: schedules.cosine({ steps: 100 }) });
    expect(wc(4, 2)).toBeCloseTo(1, 12);
    expect(wc(10, 2)).toBeCloseTo(2, 12);
    expect(wc(60, 2)).toBeCloseTo(1, 12);
    expect(wc(110, 2)).toBeCloseTo(0, 12);
    const wl = schedules.warmup({ steps: 2, then: schedules.linear({ steps: 4 }) });
    expect([0, 1, 2, 3, 4, 5, 6, 9].map((t) => wl(t, 1))).toEqual([0.5, 1, 1, 0.75, 0.5, 0.25, 0, 0]);
  });

  it('refuses step counts that would give NaN rates', () => {
    expect(() => schedules.step({ every: 0 })).toThrow('schedules.step: every must be a positive number, got 0');
    expect(() => schedules.exponential({ gamma: 0.5, every: -1 })).toThrow('schedules.exponential: every must be a positive number, got -1');
    expect(() => schedules.cosine({ steps: 0 })).toThrow('schedules.cosine: steps must be a positive number, got 0');
    expect(() => schedules.linear({ steps: NaN })).toThrow('schedules.linear: steps must be a positive number, got NaN');
    expect(() => schedules.warmup({ steps: -2 })).toThrow('schedules.warmup: steps must be a non-negative integer, got -2');
    expect(schedules.warmup({ steps: 0 })(0, 0.5)).toBe(0.5);
  });
});
