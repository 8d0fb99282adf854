// Collects every step's metrics as columns and hands them over as transferable Float32Arrays.
import { METRIC_COLUMNS, type MetricColumn, type MetricsEvent } from './protocol.js';

/** Growable columnar storage for per-step metrics; `drain` empties it. */
export class MetricsBuffer {
  private columns = METRIC_COLUMNS.map(() => new Float32Array(256));
  private length = 0;

  /** Number of rows waiting. */
  get size(): number {
    return this.length;
  }

  /** Appends one row; missing metrics are NaN. */
  push(row: Partial<Record<MetricColumn, number>>): void {
    if (this.length === this.columns[0]!.length) {
      this.columns = this.columns.map((c) => {
        const grown = new Float32Array(c.length * 2);
        grown.set(c);
        return grown;
      });
    }
    METRIC_COLUMNS.forEach((name, i) => (this.columns[i]![this.length] = row[name] ?? NaN));
    this.length++;
  }

  /** The waiting rows as an event plus the buffers to transfer; the buffer starts empty again. */
  drain(): [MetricsEvent, ArrayBuffer[]] {
    const cut = this.columns.map((c) => c.slice(0, this.length));
    this.length = 0;
    const columns = Object.fromEntries(METRIC_COLUMNS.map((name, i) => [name, cut[i]!])) as Record<MetricColumn, Float32Array>;
    return [{ type: 'metrics', columns }, cut.map((c) => c.buffer as ArrayBuffer)];
  }
}
