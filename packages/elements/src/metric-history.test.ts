// The bounded metric history: a run of 600,000 steps stays within its row budget, and thinning
// keeps every validation row, the extremes of the loss and the newest rows.
import { describe, expect, it } from 'vitest';
import { METRIC_COLUMNS, type MetricColumn } from '@webgrad/worker/page';
import { MAX_TRAINING_ROWS, MetricHistory } from './metric-history.js';

type Row = Partial<Record<MetricColumn, number>>;

/** One metrics batch, as the worker sends it (NaN where a metric is absent). */
function batch(rows: Row[]): Record<MetricColumn, Float32Array> {
  return Object.fromEntries(METRIC_COLUMNS.map((c) => [c, Float32Array.from(rows, (r) => r[c] ?? NaN)])) as Record<MetricColumn, Float32Array>;
}

/** A noisy falling loss with a validation row closing every `epoch` steps, as the session sends. */
function* run(steps: number, epoch: number): Generator<Row> {
  let seed = 7;
  const noise = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31 - 0.5) * 0.2;
  for (let step = 1; step <= steps; step++) {
    // A spike and a dip far back in the run: the thinning must keep both.
    const loss = step === 1_234 ? 50 : step === 4_321 ? 1e-4 : 1 / Math.sqrt(step) + 0.01 + noise() * 0.01;
    yield { step, loss, accuracy: 0.5, msPerStep: 0.3 };
    if (step % epoch === 0) yield { step, loss, accuracy: 0.5, valLoss: 2 / Math.sqrt(step), valAccuracy: step / steps };
  }
}

function feed(history: MetricHistory, rows: Iterable<Row>, size = 257): Row[] {
  const all: Row[] = [];
  let pending: Row[] = [];
  for (const r of rows) {
    all.push(r);
    pending.push(r);
    if (pending.length === size) (history.append(batch(pending)), (pending = []));
  }
  if (pending.length) history.append(batch(pending));
  return all;
}

describe('MetricHistory', () => {
  it('keeps 600,000 steps within its budget, with every validation row, the extremes and the last row', () => {
    const history = new MetricHistory();
    let peakBytes = 0;
    const rows: Row[] = [];
    let pending: Row[] = [];
    for (const r of run(600_000, 97)) {
      rows.push(r);
      pending.push(r);
      if (pending.length === 200) {
        history.append(batch(pending));
        pending = [];
        peakBytes = Math.max(peakBytes, history.bytes);
      }
    }
    history.append(batch(pending));
    const validation = rows.filter((r) => r.valLoss !== undefined);
    expect(validation.length).toBe(Math.floor(600_000 / 97));

    // Bounded: the training rows within budget, the columns never past twice what they hold.
    expect(history.trainingRows).toBeLessThanOrEqual(MAX_TRAINING_ROWS);
    expect(history.length).toBeLessThanOrEqual(MAX_TRAINING_ROWS + validation.length);
    const rowBytes = METRIC_COLUMNS.length * 8;
    expect(peakBytes).toBeLessThanOrEqual(2 * (MAX_TRAINING_ROWS + validation.length + 200) * rowBytes);
    // Every row kept would be 28.8 MB; the budget holds it near 3 MB.
    expect(peakBytes).toBeLessThan((rows.length * rowBytes) / 5);

    // Every validation row, exactly as sent (float32).
    const [step, valLoss, valAccuracy] = [history.column('step'), history.column('valLoss'), history.column('valAccuracy')];
    const kept = [];
    for (let i = 0; i < history.length; i++) if (!Number.isNaN(valLoss[i]!)) kept.push([step[i], valLoss[i], valAccuracy[i]]);
    expect(kept).toEqual(validation.map((r) => [r.step, Math.fround(r.valLoss!), Math.fround(r.valAccuracy!)]));

    // The global extremes of the loss, and the last row.
    const loss = Array.from(history.column('loss'));
    expect(Math.max(...loss)).toBe(50);
    expect(step[loss.indexOf(50)]).toBe(1_234);
    expect(Math.min(...loss)).toBe(Math.fround(1e-4));
    expect(step[loss.indexOf(Math.fround(1e-4))]).toBe(4_321);
    const last = rows.at(-1)!;
    expect(METRIC_COLUMNS.map((c) => history.column(c)[history.length - 1])).toEqual(METRIC_COLUMNS.map((c) => (last[c] === undefined ? NaN : Math.fround(last[c]))));
    expect(step[history.length - 1]).toBe(600_000);

    // Rows stay in step order, and the newest stretch is whole (thinning touches the older half only).
    expect(step.every((s, i) => i === 0 || s >= step[i - 1]!)).toBe(true);
    const tail = Array.from(step.subarray(history.length - 2_000)).filter((s, i, a) => i === 0 || s !== a[i - 1]);
    expect(tail.every((s, i) => i === 0 || s === tail[i - 1]! + 1)).toBe(true);
  });

  it('keeps the lowest and highest loss of every thinned span (so every local extreme of four rows)', () => {
    const history = new MetricHistory();
    // A sawtooth whose peaks and troughs a stride of two would miss half of.
    const all = feed(history, Array.from({ length: MAX_TRAINING_ROWS + 1 }, (_, i) => ({ step: i + 1, loss: [3, 1, 4, 2][i % 4]! + i * 1e-6 })));
    expect(history.trainingRows).toBeLessThan(all.length);
    const steps = new Set(history.column('step'));
    // Each span of four (3, 1, 4, 2) keeps its 1 and its 4 in the thinned half.
    for (let i = 0; i < MAX_TRAINING_ROWS / 2 - 4; i += 4) {
      expect(steps.has(i + 2)).toBe(true);
      expect(steps.has(i + 3)).toBe(true);
    }
  });

  it('a validation row every other step: still bounded, nothing of validation dropped', () => {
    const history = new MetricHistory();
    const all = feed(history, run(2 * MAX_TRAINING_ROWS, 2));
    const validation = all.filter((r) => r.valLoss !== undefined).length;
    expect(history.trainingRows).toBeLessThanOrEqual(MAX_TRAINING_ROWS);
    expect(Array.from(history.column('valLoss')).filter((v) => !Number.isNaN(v)).length).toBe(validation);
  });

  it('NaN losses (a diverged run) thin like others, and a span of NaN keeps one row', () => {
    const history = new MetricHistory();
    feed(history, Array.from({ length: MAX_TRAINING_ROWS + 100 }, (_, i) => ({ step: i + 1, loss: NaN })));
    expect(history.trainingRows).toBeLessThanOrEqual(MAX_TRAINING_ROWS);
    expect(history.column('step')[0]).toBe(1);
  });

  it('clear forgets the run', () => {
    const history = new MetricHistory();
    feed(history, run(100, 10));
    history.clear();
    expect([history.length, history.trainingRows]).toEqual([0, 0]);
  });
});
