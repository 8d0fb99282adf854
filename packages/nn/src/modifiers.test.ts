// Modifiers on parameter values: clipping into a range, and max-norm per output unit or per axis.
import { describe, expect, it } from 'vitest';
import { tensor } from './deps.js';
import { clipValues, maxNorm } from './modifiers.js';

async function apply(m: (p: ReturnType<typeof tensor>) => ReturnType<typeof tensor>, values: number[][]): Promise<number[]> {
  const p = tensor(values);
  const out = m(p);
  const v = Array.from(await out.data());
  p.dispose();
  out.dispose();
  return v;
}

describe('modifiers', () => {
  it('clipValues clamps into [lo, hi]', async () => {
    expect(await apply(clipValues(-1, 0.5), [[-3, 0.25], [0.5, 2]])).toEqual([-1, 0.25, 0.5, 0.5]);
  });

  it('maxNorm rescales each output unit (column of a dense [in, out] weight) to norm <= max', async () => {
    // Column norms 5, 0.5 and 0: the first is scaled to 1, the others are inside the bound.
    const w = [[3, 0.3, 0], [4, 0.4, 0]];
    expect(await apply(maxNorm(1), w)).toEqual([0.6, 0.3, 0, 0.8, 0.4, 0].map((x) => expect.closeTo(x, 6)));
    expect(await apply(maxNorm(10), w)).toEqual(w.flat().map((x) => expect.closeTo(x, 6)));
  });

  it('maxNorm along another axis bounds each row', async () => {
    // Row norms sqrt(9 + 16) = 5 and 1.
    expect(await apply(maxNorm(2, 1), [[3, 4], [0.6, 0.8]])).toEqual([1.2, 1.6, 0.6, 0.8].map((x) => expect.closeTo(x, 6)));
  });
});
