// Synthetic 2-D sets: shapes, dtypes, balance, seeding, and that each set has the geometry it claims.
import { describe, expect, it } from 'vitest';
import { blobs, circle, plane, spirals, xor } from './synthetic.js';
import type { Dataset } from './dataset.js';

const points = (ds: Dataset): [number, number, number][] =>
  Array.from({ length: ds.size }, (_, i) => [ds.features.values[2 * i]!, ds.features.values[2 * i + 1]!, ds.labels.values[i]!]);

describe('synthetic sets', () => {
  it.each([['circle', circle], ['xor', xor], ['blobs', blobs], ['spirals', spirals]] as const)('%s: [N,2] float features, balanced int32 labels, seeded', (_, make) => {
    const ds = make({ samples: 101, noise: 0.1, seed: 3 });
    expect(ds.size).toBe(101);
    expect(ds.features.sampleShape).toEqual([2]);
    expect(ds.labels.values).toBeInstanceOf(Int32Array);
    const counts = new Map<number, number>();
    for (const [, , c] of points(ds)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(Math.max(...counts.values()) - Math.min(...counts.values())).toBeLessThanOrEqual(1);
    expect(make({ samples: 101, noise: 0.1, seed: 3 }).features.values).toEqual(ds.features.values);
    expect(make({ samples: 101, noise: 0.1, seed: 4 }).features.values).not.toEqual(ds.features.values);
  });

  it('circle: class 0 inside radius 0.5, class 1 in the ring 0.7..1 without noise', () => {
    for (const [x, y, c] of points(circle({ samples: 300 }))) {
      const r = Math.hypot(x, y);
      if (c === 0) expect(r).toBeLessThanOrEqual(0.5 + 1e-6);
      else expect(r >= 0.7 - 1e-6 && r <= 1 + 1e-6).toBe(true);
    }
  });

  it('xor: class 1 exactly where the signs differ', () => {
    for (const [x, y, c] of points(xor({ samples: 300 }))) expect(c).toBe(x * y < 0 ? 1 : 0);
  });

  it('blobs: each point nearest its own centre when the spread is small; custom centres', () => {
    const centres = [[-2, 0], [2, 0], [0, 3]] as const;
    for (const [x, y, c] of points(blobs({ centers: centres, noise: 0.1, samples: 90 }))) {
      const d = centres.map(([a, b]) => Math.hypot(x - a, y - b));
      expect(d.indexOf(Math.min(...d))).toBe(c);
    }
    expect(new Set(blobs({ centers: 5, samples: 50 }).labels.values).size).toBe(5);
    expect(() => blobs({ centers: 0 })).toThrow('data.blobs: centers must be a positive integer');
  });

  it('spirals: the two arms are point-reflections of each other and reach radius 1', () => {
    const p = points(spirals({ samples: 200 }));
    for (let i = 0; i < 200; i += 2) {
      expect(p[i + 1]![0]).toBeCloseTo(-p[i]![0], 5);
      expect(p[i + 1]![1]).toBeCloseTo(-p[i]![1], 5);
    }
    expect(Math.hypot(p[198]![0], p[198]![1])).toBeCloseTo(1, 5);
  });

  it('plane: float [1] targets equal w.x + b without noise', () => {
    const ds = plane({ samples: 50, weights: [3, -2], bias: 1 });
    expect(ds.labels.values).toBeInstanceOf(Float32Array);
    expect(ds.labels.sampleShape).toEqual([1]);
    for (let i = 0; i < 50; i++) {
      const [x, y] = [ds.features.values[2 * i]!, ds.features.values[2 * i + 1]!];
      expect(Math.abs(x) <= 1 && Math.abs(y) <= 1).toBe(true);
      expect(ds.labels.values[i]).toBeCloseTo(3 * x - 2 * y + 1, 5);
    }
  });

  it('rejects bad options with the value given', () => {
    expect(() => circle({ samples: 0 })).toThrow('data.circle: samples must be a positive integer, got 0');
    expect(() => xor({ noise: -1 })).toThrow('data.xor: noise must be a finite number >= 0, got -1');
    expect(() => spirals({ turns: 0 })).toThrow('data.spirals: turns must be positive, got 0');
  });
});
