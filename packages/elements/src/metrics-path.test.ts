// The metrics path from the training session to the chart's data keeps every step: rows pushed
// at well over 1,000 steps/s arrive complete and in order, however the batches are cut.
import { describe, expect, it } from 'vitest';
import { MetricsBuffer } from '@webgrad/worker';
import { MetricHistory } from './training-controller.js';
import { decimate } from './components/chart.js';

describe('metrics from worker to chart', () => {
  it('delivers every one of 20,000 steps produced at over 1,000 steps/s', () => {
    const buffer = new MetricsBuffer();
    const history = new MetricHistory();
    const started = performance.now();
    for (let step = 1; step <= 20_000; step++) {
      buffer.push({ step, loss: 1 / step, accuracy: step % 100 / 100, msPerStep: 0.5 });
      // The session drains every few milliseconds; here, at irregular sizes.
      if (step % 97 === 0 || step % 331 === 0) history.append(buffer.drain()[0].columns);
    }
    history.append(buffer.drain()[0].columns);
    const seconds = (performance.now() - started) / 1000;
    expect(20_000 / seconds).toBeGreaterThan(1000);
    expect(history.length).toBe(20_000);
    expect(Array.from(history.column('step')).every((s, i) => s === i + 1)).toBe(true);
    expect(history.column('loss')[19_999]).toBeCloseTo(1 / 20_000, 9);
    expect(Number.isNaN(history.column('valLoss')[0]!)).toBe(true);
  });

  it('decimates only for drawing: at most the requested points, first and last kept', () => {
    const x = Float64Array.from({ length: 10_001 }, (_, i) => i);
    const [drawn] = decimate([x], 500);
    expect(drawn!.length).toBeLessThanOrEqual(501);
    expect(drawn![0]).toBe(0);
    expect(drawn!.at(-1)).toBe(10_000);
    expect(decimate([x.subarray(0, 100)], 500)[0]!.length).toBe(100);
  });
});
