// The page's record of a run's metrics: one column per metric, bounded in memory. Old training
// rows are thinned (each span of four keeps its lowest- and highest-loss rows), so a long run
// keeps its shape, its extremes and every validation point, and the newest rows stay whole.
import { METRIC_COLUMNS, type MetricColumn } from '@webgrad/worker/page';

/** Training rows kept before the oldest half is thinned; validation rows come on top. */
export const MAX_TRAINING_ROWS = 30_000;
/** Consecutive training rows that thinning reduces to their lowest- and highest-loss rows. */
const SPAN = 4;

/**
 * Every metric row received, thinned once there are more than {@link MAX_TRAINING_ROWS} training
 * rows. What always survives thinning: every validation row (valLoss or valAccuracy present, one
 * an epoch), the lowest and highest loss of every thinned span (so the run's global minimum and
 * maximum), and the newer half of the rows. Rows are kept as they came, never averaged: every
 * point a chart draws is a step that happened.
 *
 * @example
 * const history = new MetricHistory();
 * history.append(event.columns); // a 'metrics' event from the worker
 * chart.history = history;       // column('step'), column('loss'), …
 */
export class MetricHistory {
  length = 0;
  /** Rows without validation metrics, the ones thinning may drop. */
  trainingRows = 0;
  columns = Object.fromEntries(METRIC_COLUMNS.map((c) => [c, new Float64Array(1024)])) as Record<MetricColumn, Float64Array>;

  /** Appends a batch of rows, then thins the oldest rows while there are too many. */
  append(batch: Record<MetricColumn, Float32Array>): void {
    const n = batch.step.length;
    this.reserve(this.length + n);
    for (const c of METRIC_COLUMNS) this.columns[c].set(batch[c], this.length);
    for (let i = this.length; i < this.length + n; i++) if (!this.isValidation(i)) this.trainingRows++;
    this.length += n;
    // One pass drops about a quarter of the training rows; none drops nothing only when the
    // older half is all validation rows.
    while (this.trainingRows > MAX_TRAINING_ROWS) if (!this.thinOldestHalf()) break;
  }

  /** A view of one column's filled part. */
  column(name: MetricColumn): Float64Array {
    return this.columns[name].subarray(0, this.length);
  }

  /** Bytes held by the columns (for tests and the memory counters). */
  get bytes(): number {
    return METRIC_COLUMNS.reduce((sum, c) => sum + this.columns[c].byteLength, 0);
  }

  /** Forgets everything (a new run). */
  clear(): void {
    this.length = 0;
    this.trainingRows = 0;
  }

  private isValidation(row: number): boolean {
    return !Number.isNaN(this.columns.valLoss[row]!) || !Number.isNaN(this.columns.valAccuracy[row]!);
  }

  private reserve(rows: number): void {
    if (rows <= this.columns.step.length) return;
    const size = Math.max(this.columns.step.length * 2, rows);
    for (const c of METRIC_COLUMNS) {
      const grown = new Float64Array(size);
      grown.set(this.columns[c].subarray(0, this.length));
      this.columns[c] = grown;
    }
  }

  /**
   * Thins the training rows in the older half, in place: each span of {@link SPAN} training rows
   * keeps its lowest- and highest-loss rows; validation rows inside a span all stay; order is
   * kept. Returns whether any row was dropped.
   */
  private thinOldestHalf(): boolean {
    const end = Math.floor(this.length / 2);
    let write = 0;
    let read = 0;
    while (read < end) {
      const training: number[] = [];
      let spanEnd = read;
      for (; spanEnd < end && training.length < SPAN; spanEnd++) if (!this.isValidation(spanEnd)) training.push(spanEnd);
      const kept = this.extremes(training);
      for (let row = read; row < spanEnd; row++) if (kept.has(row) || this.isValidation(row)) this.move(row, write++);
      read = spanEnd;
    }
    const dropped = end - write;
    if (dropped === 0) return false;
    for (let row = end; row < this.length; row++) this.move(row, write++);
    this.length = write;
    this.trainingRows -= dropped;
    return true;
  }

  /** Of some training rows, those with the lowest and the highest loss (one if they agree). */
  private extremes(rows: number[]): Set<number> {
    const loss = this.columns.loss;
    let [low, high] = [-1, -1];
    for (const row of rows) {
      const v = loss[row]!;
      if (Number.isNaN(v)) continue;
      if (low < 0 || v < loss[low]!) low = row;
      if (high < 0 || v > loss[high]!) high = row;
    }
    // A span with no loss at all (NaN throughout) keeps its first row, so the gap still shows.
    if (low < 0) return new Set(rows.slice(0, 1));
    return new Set([low, high]);
  }

  private move(from: number, to: number): void {
    if (from === to) return;
    for (const c of METRIC_COLUMNS) this.columns[c][to] = this.columns[c][from]!;
  }
}
