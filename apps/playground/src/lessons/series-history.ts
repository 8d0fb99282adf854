// Named columns of numbers that only grow, one row per recorded step, in the shape
// <webgrad-chart> draws (ChartColumns: 'step' plus one column per series), so lessons can chart
// series of their own ('train', 'validation', 'lr 0.03') with the dashboard's chart.
import type { ChartColumns } from '@webgrad/elements';

/** A growable table of number columns; the first column is always 'step'. */
export class SeriesHistory implements ChartColumns {
  length = 0;
  private columns = new Map<string, Float64Array>();

  constructor(readonly names: readonly string[]) {
    for (const name of ['step', ...names]) this.columns.set(name, new Float64Array(256));
  }

  /** Appends one row; a series missing from `values` is NaN there (a gap in the chart). */
  append(step: number, values: Readonly<Record<string, number>>): void {
    if (this.length === this.columns.get('step')!.length) {
      for (const [name, old] of this.columns) {
        const grown = new Float64Array(old.length * 2);
        grown.set(old);
        this.columns.set(name, grown);
      }
    }
    for (const [name, column] of this.columns) column[this.length] = name === 'step' ? step : (values[name] ?? NaN);
    this.length++;
  }

  /** A view of one column's filled part. */
  column(name: string): Float64Array {
    const column = this.columns.get(name);
    if (!column) throw new Error(`SeriesHistory: no column '${name}' (columns: step, ${this.names.join(', ')})`);
    return column.subarray(0, this.length);
  }

  /** The latest value of a series, or NaN before the first row. */
  last(name: string): number {
    return this.length ? this.column(name)[this.length - 1]! : NaN;
  }

  /** Forgets every row (a new run). */
  clear(): void {
    this.length = 0;
  }
}
