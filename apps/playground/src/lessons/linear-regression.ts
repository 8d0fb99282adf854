// <lesson-linear-regression>: a line fitted to a class's hours and grades by gradient descent,
// step by step, drawn over the points beside the closed-form least-squares line, with the loss
// curve and a learning-rate control. Current values are mirrored in data-* attributes for tests.
import { html, LitElement, type PropertyValues } from 'lit';
import * as wg from 'webgradjs';
import '@webgrad/elements'; // defines <webgrad-chart> (and the other elements)
import './scatter-plot.js';
import { LineFit } from './line-fit.js';
import { leastSquares, meanSquaredError, stableLearningRateLimit, studyHours, type Line } from './regression-data.js';
import { lessonStyles } from './lesson-styles.js';
import { SeriesHistory } from './series-history.js';
import { TrainingLoop } from './training-loop.js';
import { transport } from './transport.js';

// The reference backend: a two-parameter model gains nothing from a faster one.
await wg.setBackend('js');

const MAX_STEPS = 1000;
const RATES = [0.001, 0.005, 0.01, 0.02, 0.03, 0.04, 0.05];
const SPEEDS = [1, 4, 16];
const HOURS = [0, 10];
/** Steps whose line stays on the plot, faded, so the path the fit took is visible. */
const TRAIL_STEPS = new Set([1, 2, 3, 5, 10, 20, 50, 100, 200]);

/** The linear-regression lesson. */
export class LessonLinearRegression extends LitElement {
  static override styles = lessonStyles;

  private readonly data = studyHours();
  private readonly exact = leastSquares(this.data.hours, this.data.grades);
  private readonly exactLoss = meanSquaredError(this.exact, this.data.hours, this.data.grades);
  private readonly limit = stableLearningRateLimit(this.data.hours);
  private lr = 0.03;
  private fit = this.newFit();
  private line: Line = { slope: 0, intercept: 0 };
  private trail: Line[] = [];
  private readonly history = new SeriesHistory(['loss', 'least-squares loss']);
  private readonly loop = new TrainingLoop(this, () => this.advance());

  constructor() {
    super();
    this.loop.unitsPerFrame = SPEEDS[0]!;
  }

  private newFit(): LineFit {
    return new LineFit(this.data.hours, this.data.grades, this.lr);
  }

  private async advance(): Promise<boolean> {
    await this.fit.advance();
    this.line = await this.fit.line();
    if (TRAIL_STEPS.has(this.fit.step)) this.trail.push(this.line);
    this.history.append(this.fit.step, { loss: this.fit.loss, 'least-squares loss': this.exactLoss });
    return this.fit.step < MAX_STEPS && !this.fit.diverged;
  }

  private reset(): void {
    void this.loop.reset(() => {
      this.fit.dispose();
      this.fit = this.newFit();
      this.line = { slope: 0, intercept: 0 };
      this.trail = [];
      this.history.clear();
    });
  }

  private setRate(lr: number): void {
    this.lr = lr;
    this.fit.lr = lr;
    this.requestUpdate();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    Object.assign(this.dataset, {
      state: this.loop.state,
      step: String(this.fit.step),
      slope: String(this.line.slope),
      intercept: String(this.line.intercept),
      loss: String(this.fit.loss),
      exactSlope: String(this.exact.slope),
      exactIntercept: String(this.exact.intercept),
      diverged: String(this.fit.diverged),
    });
  }

  private renderStatus() {
    const f = this.fit;
    if (f.diverged) return `diverged at step ${f.divergedAt}`;
    return `step ${f.step} of ${MAX_STEPS}${this.loop.state === 'done' ? ' (done)' : ''}`;
  }

  private renderTable() {
    const f = this.fit;
    const row = (name: string, l: Line, loss: number) => html`<tr><td>${name}</td><td>${l.slope.toFixed(4)}</td><td>${l.intercept.toFixed(4)}</td><td>${Number.isFinite(loss) ? loss.toFixed(3) : '—'}</td></tr>`;
    return html`<table data-testid="lines">
      <tr><th></th><th>slope</th><th>intercept</th><th>mean squared error</th></tr>
      ${row(`gradient descent, step ${f.step}`, this.line, meanSquaredError(this.line, this.data.hours, this.data.grades))}
      ${row('least squares (closed form)', this.exact, this.exactLoss)}
      <tr><td>difference</td><td>${Math.abs(this.line.slope - this.exact.slope).toFixed(4)}</td><td>${Math.abs(this.line.intercept - this.exact.intercept).toFixed(4)}</td><td></td></tr>
    </table>`;
  }

  protected override render() {
    const f = this.fit;
    const lineAt = (l: Line) => HOURS.map((h) => l.slope * h + l.intercept);
    return html`
      ${transport(this.loop, () => this.reset(), this.renderStatus())}
      <div class="transport">
        <label>learning rate <select data-testid="lr" @change=${(e: Event) => this.setRate(Number((e.target as HTMLSelectElement).value))}>
          ${RATES.map((r) => html`<option value=${r} ?selected=${r === this.lr}>${r}</option>`)}
        </select></label>
        <label>speed <select data-testid="speed" @change=${(e: Event) => (this.loop.unitsPerFrame = Number((e.target as HTMLSelectElement).value))}>
          ${SPEEDS.map((s) => html`<option value=${s} ?selected=${s === this.loop.unitsPerFrame}>${s} step${s > 1 ? 's' : ''} a frame</option>`)}
        </select></label>
        <span class="note">stable below ${this.limit.toFixed(4)} for this data (2 / λ<sub>max</sub>)</span>
      </div>
      ${f.diverged ? html`<div class="alert" role="alert" data-testid="diverged">Diverged at step ${f.divergedAt}: the loss grew from ${f.firstLoss.toFixed(1)} to ${f.loss.toPrecision(3)}. Learning rate ${f.lr} is above the stable limit ${this.limit.toFixed(4)}; pick a smaller one and reset.</div>` : ''}
      <div class="row">
        <lesson-scatter data-testid="scatter" x-label="hours studied" y-label="exam grade" .xDomain=${HOURS} .yDomain=${[20, 110]}
          .points=${[{ label: 'students', x: this.data.hours, y: this.data.grades, color: '#64748b' }]}
          .curves=${[
            ...this.trail.map((l) => ({ label: '', x: HOURS, y: lineAt(l), color: '#2563eb', width: 1, opacity: 0.25, unlabelled: true })),
            { label: 'least squares', x: HOURS, y: lineAt(this.exact), color: '#16a34a', dashed: true },
            { label: `gradient descent, step ${f.step}`, x: HOURS, y: lineAt(this.line), color: '#2563eb' },
          ]}></lesson-scatter>
        <div>
          <webgrad-chart data-testid="loss-chart" label="mean squared error per step" .series=${['loss', 'least-squares loss']} .history=${this.history} .revision=${this.history.length} log-scale></webgrad-chart>
          ${this.renderTable()}
        </div>
      </div>`;
  }
}

customElements.define('lesson-linear-regression', LessonLinearRegression);
