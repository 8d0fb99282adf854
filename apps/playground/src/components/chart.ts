// <webgrad-chart>: a uPlot line chart over metric columns. Every step is kept in the data;
// only drawing decimates, to about two points per pixel.
import { css, html, LitElement, unsafeCSS, type PropertyValues } from 'lit';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';
import uPlot from 'uplot';
import type { MetricColumn } from '@webgrad/worker/page';
import type { MetricHistory } from '../training-controller.js';

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

/** A live line chart of some metric columns against the step. */
export class WebgradChart extends LitElement {
  static override properties = {
    label: { type: String },
    series: { type: Array },
    history: { attribute: false },
    revision: { type: Number },
    logScale: { type: Boolean, attribute: 'log-scale' },
  };

  // uPlot's stylesheet has to live inside the shadow root it draws in.
  static override styles = [unsafeCSS(uplotCss), css`
    :host { display: block; min-height: 180px; }
    .title { font: 600 13px system-ui; margin: 0 0 4px; }
  `];

  label = '';
  series: MetricColumn[] = [];
  history: MetricHistory | undefined;
  revision = 0;
  logScale = false;
  private plot: uPlot | undefined;
  private drawnRevision = -1;

  protected override render() {
    return html`<p class="title">${this.label}</p><div id="plot"></div>`;
  }

  protected override firstUpdated(): void {
    const target = this.renderRoot.querySelector('#plot') as HTMLElement;
    const width = Math.max(this.clientWidth || 320, 240);
    this.plot = new uPlot(
      {
        width,
        height: 160,
        scales: { x: { time: false }, y: this.logScale ? { distr: 3 } : {} },
        legend: { show: true },
        series: [{ label: 'step' }, ...this.series.map((s, i) => ({ label: s, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true }))],
      },
      [[], ...this.series.map(() => [])],
      target,
    );
  }

  protected override updated(changed: PropertyValues): void {
    if (!this.plot || !this.history || (this.revision === this.drawnRevision && !changed.has('history'))) return;
    this.drawnRevision = this.revision;
    const columns = decimate([this.history.column('step'), ...this.series.map((s) => this.history!.column(s))], Math.max(this.plot.width * 2, 200));
    // uPlot treats null as a gap; NaN (a metric absent on that step) becomes null.
    const data = [columns[0]!, ...columns.slice(1).map((c) => Array.from(c, (v) => (Number.isFinite(v) && !(this.logScale && v <= 0) ? v : null)))];
    this.plot.setData(data as uPlot.AlignedData);
  }

  /** The number of points in the chart's data (decimated) — for tests. */
  get drawnPoints(): number {
    return this.plot?.data[0]?.length ?? 0;
  }
}

customElements.define('webgrad-chart', WebgradChart);
