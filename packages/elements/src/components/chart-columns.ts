// What <webgrad-chart> draws from: named number columns, 'step' on the x axis. The dashboard's
// MetricHistory is one; columnsFromJson makes one from the `data` attribute of a page.

/** Named columns of equal length; `column('step')` is the x axis. */
export interface ChartColumns {
  column(name: string): Float64Array;
}

/** Columns as a page writes them: `{"step": [0, 1, 2], "loss": [1, 0.5, null]}` (null is a gap). */
export type ChartData = Record<string, readonly (number | null)[]>;

/**
 * Checks and converts page data to columns. Without a 'step' column the x axis counts rows
 * from 0; every column must be as long as the others.
 */
export function columnsFromJson(data: ChartData): ChartColumns {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error(`webgrad-chart: data must be an object of columns such as {"step": [0, 1], "loss": [1, 0.5]}, got ${JSON.stringify(data)}`);
  const entries = Object.entries(data);
  const rows = data.step?.length ?? entries[0]?.[1].length ?? 0;
  const columns = new Map<string, Float64Array>([['step', Float64Array.from({ length: rows }, (_, i) => i)]]);
  for (const [name, values] of entries) {
    if (!Array.isArray(values) || values.length !== rows) throw new Error(`webgrad-chart: column '${name}' has ${Array.isArray(values) ? values.length : 'no'} values, expected ${rows} like the others`);
    columns.set(name, Float64Array.from(values, (v) => (typeof v === 'number' ? v : NaN)));
  }
  return {
    column(name) {
      const column = columns.get(name);
      if (!column) throw new Error(`webgrad-chart: no column '${name}' in data (columns: ${[...columns.keys()].join(', ')})`);
      return column;
    },
  };
}

/** The series a chart of `data` shows when none are named: every column but 'step'. */
export function seriesOf(data: ChartData): string[] {
  return Object.keys(data).filter((name) => name !== 'step');
}
