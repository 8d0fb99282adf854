// The overfitting lesson's session: measurements at step 1 and every MEASURE_EVERY steps, a curve
// for each run, the same numbers on a second run (seeded), and nothing left allocated.
import { describe, expect, it } from 'vitest';
import { memory } from 'webgradjs';
import { CURES, CURVE_X, MEASURE_EVERY, OverfittingSession, type Measurement } from './overfitting-session.js';

async function measure(steps: number): Promise<Measurement[]> {
  const session = new OverfittingSession();
  for (let i = 0; i < steps; i++) await session.advance();
  const out = session.drain();
  session.dispose();
  return out;
}

describe('OverfittingSession', () => {
  it('measures every run at step 1 and every MEASURE_EVERY steps, reproducibly', async () => {
    const before = memory().liveTensors;
    const first = await measure(2 * MEASURE_EVERY);
    expect(first.map((m) => m.step)).toEqual([1, MEASURE_EVERY, 2 * MEASURE_EVERY]);
    for (const m of first) {
      expect(m.runs).toHaveLength(CURES.length);
      for (const r of m.runs) {
        expect(r.curve).toHaveLength(CURVE_X.length);
        expect(Number.isFinite(r.train) && Number.isFinite(r.validation)).toBe(true);
      }
    }
    expect(await measure(2 * MEASURE_EVERY)).toEqual(first);
    expect(memory().liveTensors).toBe(before);
  });

  it('drains each measurement once', async () => {
    const session = new OverfittingSession();
    await session.advance();
    expect(session.drain()).toHaveLength(1);
    expect(session.drain()).toHaveLength(0);
    session.dispose();
  });
});
