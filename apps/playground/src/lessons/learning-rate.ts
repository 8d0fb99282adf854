// <lesson-learning-rate>: the study-data line fitted three times side by side, with a learning
// rate that is too small, about right and too large. All three loss curves share one chart; the
// large rate diverges and the page says so. Each run's numbers are mirrored in data-* attributes.
import { html, LitElement, type PropertyValues } from 'lit';
import * as wg from 'webgradjs';
import '@webgrad/elements'; // defines <webgrad-chart> (and the other elements)
import './scatter-plot.js';
import { LineFit } from './line-fit.js';
import { leastSquares, stableLearningRateLimit, studyHours, type Line } from './regression-data.js';
import { lessonStyles } from './lesson-styles.js';
import { SeriesHistory } from './series-history.js';
import { TrainingLoop } from './training-loop.js';
import { transport } from './transport.js';

// The reference backend: a two-parameter model gains nothing from a faster one.
await wg.setBackend('js');

const MAX_STEPS = 300;
const HOURS = [0, 10];

/** The three rates compared, with what each is meant to show (colours as <webgrad-chart> draws series 1–3). */
export const RATES = [
  { name: 'too small', lr: 0.002, color: '#2563eb' },
  { name: 'about right', lr: 0.03, color: '#f97316' },
  { name: 'too large', lr: 0.05, color: '#16a34a' },
] as const;

const seriesName = (r: (typeof RATES)[number]): string => `lr ${r.lr} (${r.name})`;

/** The learning-rate lesson. */
export class LessonLearningRate extends LitElement {
  static override styles = lessonStyles;

  private readonly data = studyHours();
  private readonly exact = leastSquares(this.data.hours, this.data.grades);
  private readonly limit = stableLearningRateLimit(this.data.hours);
  private fits = this.newFits();
  private lines: Line[] = RATES.map(() => ({ slope: 0, intercept: 0 }));
  private step = 0;
  private readonly history = new SeriesHistory(RATES.map(seriesName));
  private readonly loop = new TrainingLoop(this, () => this.advance());

  constructor() {
    super();
    // Slow enough to watch the three lines move.
    this.loop.unitsPerFrame = 2;
  }

  private newFits(): LineFit[] {
    return RATES.map((r) => new LineFit(this.data.hours, this.data.grades, r.lr));
  }

  /** One step of every run still training; a diverged run stays where it blew up. */
  private async advance(): Promise<boolean> {
    this.step++;
    const row: Record<string, number> = {};
    for (const [i, fit] of this.fits.entries()) {
      if (!fit.diverged) {
        await fit.advance();
        this.lines[i] = await fit.line();
        row[seriesName(RATES[i]!)] = fit.loss;
      }
    }
    this.history.append(this.step, row);
    return this.step < MAX_STEPS;
  }

  private reset(): void {
    void this.loop.reset(() => {
      for (const f of this.fits) f.dispose();
      this.fits = this.newFits();
      this.lines = RATES.map(() => ({ slope: 0, intercept: 0 }));
      this.step = 0;
      this.history.clear();
    });
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    Object.assign(this.dataset, { state: this.loop.state, step: String(this.step) });
  }

  private renderVerdict(fit: LineFit) {
    if (fit.diverged) {
      return html`<div class="alert" role="alert" data-testid="diverged">
        Diverged at step ${fit.divergedAt}: the loss grew from ${fit.firstLoss.toFixed(1)} to ${fit.loss.toPrecision(3)}
        (×${(fit.loss / fit.firstLoss).toPrecision(3)}). Training stopped. Each step overshot the bottom of the valley by
        more than it corrected, so the error grew instead of shrinking.</div>`;
    }
    if (!fit.step) return html`<div class="note">not started</div>`;
    const fallen = 1 - fit.loss / fit.firstLoss;
    return html`<div class="note">loss ${fit.firstLoss.toFixed(1)} → ${fit.loss.toFixed(2)} (${(100 * fallen).toFixed(1)} % lower)</div>`;
  }

  private renderRun(i: number) {
    const [rate, fit, line] = [RATES[i]!, this.fits[i]!, this.lines[i]!];
    const lineAt = (l: Line) => HOURS.map((h) => l.slope * h + l.intercept);
    return html`<div class="card" data-testid="run" data-name=${rate.name} data-lr=${rate.lr} data-step=${fit.step}
        data-first-loss=${fit.firstLoss} data-loss=${fit.loss} data-diverged-at=${fit.divergedAt ?? ''}>
      <h3 style="color:${rate.color}">${rate.name}: lr ${rate.lr}</h3>
      <lesson-scatter x-label="hours studied" y-label="exam grade" .xDomain=${HOURS} .yDomain=${[20, 110]}
        .points=${[{ label: 'students', x: this.data.hours, y: this.data.grades, color: '#94a3b8', radius: 3 }]}
        .curves=${[
          { label: 'least squares', x: HOURS, y: lineAt(this.exact), color: '#64748b', dashed: true, width: 1.5 },
          { label: `step ${fit.step}`, x: HOURS, y: lineAt(line), color: rate.color },
        ]}></lesson-scatter>
      ${this.renderVerdict(fit)}
    </div>`;
  }

  protected override render() {
    return html`
      ${transport(this.loop, () => this.reset(), `step ${this.step} of ${MAX_STEPS}${this.loop.state === 'done' ? ' (done)' : ''}`)}
      <p class="note">For this data, plain gradient descent is stable only below a learning rate of
        <b data-testid="limit">${this.limit.toFixed(4)}</b> (2 / λ<sub>max</sub>, computed from the hours).</p>
      <div class="row">${RATES.map((_, i) => this.renderRun(i))}</div>
      <webgrad-chart data-testid="loss-chart" label="mean squared error per step (log scale)" .series=${RATES.map(seriesName)}
        .history=${this.history} .revision=${this.history.length} log-scale></webgrad-chart>`;
  }
}

customElements.define('lesson-learning-rate', LessonLearningRate);
