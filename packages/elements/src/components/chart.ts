// <webgrad-chart>: a uPlot line chart over metric columns. Every step is kept in the data;
// only drawing decimates, to about two points per pixel.
import { css, html, LitElement, unsafeCSS, type PropertyValues } from 'lit';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';
import uPlot from 'uplot';
import { columnsFromJson, seriesOf, type ChartColumns, type ChartData } from './chart-columns.js';
import { jsonAttribute, validJson } from './json-attribute.js';
import { tickLabels } from './tick-label.js';

const COLORS = ['#2563eb', '#f97316', '#16a34a', '#db2777'];

/** Picks every k-th row (and always the last) so at most `max` points are drawn. */
export function decimate(columns: readonly Float64Array[], max: number): Float64Array[] {
  const n = columns[0]?.length ?? 0;
  if (n <= max) return columns.map((c) => c);
  const stride = Math.ceil(n / max);
  const count = Math.ceil(n / stride) + ((n - 1) % stride === 0 ? 0 : 1);
  return columns.map((c) => {
    const out = new Float64Array(count);
    let j = 0;
    for (let i = 0; i < n; i += stride) out[j++] = c[i]!;
    if (j < count) out[j] = c[n - 1]!;
    return out;
  });
}

/**
 * A live line chart of some columns against the step. The dashboard feeds `history` (with
 * `revision` bumped on new rows); a page feeds the `data` attribute or property:
 * `<webgrad-chart label="loss" data='{"step": [0, 1, 2], "train": [1, 0.6, 0.4]}'>`.
 */
export class WebgradChart extends LitElement {
  static override properties = {
    label: { type: String },
    // Compared by content: the dashboard passes a fresh array literal on every render.
    series: { converter: jsonAttribute, hasChanged: (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b) },
    data: { converter: jsonAttribute },
    history: { attribute: false },
    revision: { type: Number },
    logScale: { type: Boolean, attribute: 'log-scale' },
    error: { state: true },
  };

  // uPlot's stylesheet has to live inside the shadow root it draws in.
  static override styles = [unsafeCSS(uplotCss), css`
    :host { display: block; min-height: 180px; }
    .title { font: 600 13px system-ui; margin: 0 0 4px; }
    .error { color: #991b1b; }
  `];

  label = '';
  /** Column names to draw (JSON array as an attribute); with `data` alone, every column but 'step'. */
  series: string[] = [];
  /** Columns given by the page, as JSON: `{"step": [...], "loss": [...]}`; null marks a gap. */
  data: ChartData | undefined;
  history: ChartColumns | undefined;
  revision = 0;
  logScale = false;
  error = '';
  private plot: uPlot | undefined;
  private drawnRevision = -1;
  /** Whether `series` was taken from the columns of `data` (and so follows new data). */
  private seriesFromData = false;

  protected override willUpdate(changed: PropertyValues): void {
    if (!changed.has('data') && !changed.has('series')) return;
    try {
      validJson(this.series, 'webgrad-chart: the series attribute');
      if (changed.has('data') && this.data) {
        const data = validJson(this.data, 'webgrad-chart: the data attribute');
        this.history = columnsFromJson(data);
        if (!this.series.length || this.seriesFromData) {
          this.series = seriesOf(data);
          this.seriesFromData = true;
        }
      }
      this.error = '';
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  protected override render() {
    return html`<p class="title">${this.label}</p>${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}<div id="plot"></div>`;
  }

  /** (Re)creates the uPlot instance for the current series and scale. */
  private createPlot(): void {
    this.plot?.destroy();
    const target = this.renderRoot.querySelector('#plot') as HTMLElement;
    const width = Math.max(this.clientWidth || 320, 240);
    this.plot = new uPlot(
      {
        width,
        height: 160,
        scales: { x: { time: false }, y: this.logScale ? { distr: 3 } : {} },
        axes: [{}, { size: 48, values: (_, ticks) => tickLabels(ticks, this.logScale) }],
        legend: { show: true },
        series: [{ label: 'step' }, ...this.series.map((s, i) => ({ label: s, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true }))],
      },
      [[], ...this.series.map(() => [])],
      target,
    );
    this.drawnRevision = -1;
  }

  protected override updated(changed: PropertyValues): void {
    if (this.error) return;
    if (!this.plot || changed.has('series') || changed.has('logScale')) this.createPlot();
    const fresh = this.drawnRevision === -1 || changed.has('history') || changed.has('data');
    if (!this.plot || !this.history || (this.revision === this.drawnRevision && !fresh)) return;
    this.drawnRevision = this.revision;
    try {
      const columns = decimate([this.history.column('step'), ...this.series.map((s) => this.history!.column(s))], Math.max(this.plot!.width * 2, 200));
      // uPlot treats null as a gap; NaN (a metric absent on that step) becomes null.
      const data = [columns[0]!, ...columns.slice(1).map((c) => Array.from(c, (v) => (Number.isFinite(v) && !(this.logScale && v <= 0) ? v : null)))];
      this.plot!.setData(data as uPlot.AlignedData);
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  /** The number of points in the chart's data (decimated) — for tests. */
  get drawnPoints(): number {
    return this.plot?.data[0]?.length ?? 0;
  }
}

customElements.define('webgrad-chart', WebgradChart);
