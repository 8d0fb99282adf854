// <lesson-overfitting>: one over-sized network fitted to 16 noisy points three times — with no
// cure, with an L2 penalty, with dropout — side by side: the fitted curves over the data, each
// run's training and validation loss, and the gap between them. The networks train in a worker
// (overfitting-worker.ts); this element draws. Results are mirrored in data-* attributes.
import { html, LitElement, type PropertyValues } from 'lit';
import '@webgrad/elements'; // defines <webgrad-chart> (and the other elements)
import './scatter-plot.js';
import { noisyCurve, OVERFIT_DATA, trueCurve } from './curve-data.js';
import { OVERFIT_SETTINGS, type Cure } from './curve-fit.js';
import { lessonStyles } from './lesson-styles.js';
import { CURES, CURVE_X, MAX_STEPS, MEASURE_EVERY } from './overfitting-session.js';
import type { OverfittingCommand, OverfittingProgress } from './overfitting-worker.js';
import { SeriesHistory } from './series-history.js';
import type { LoopState } from './training-loop.js';
import { transport, type Transport } from './transport.js';

/** How each run is named and drawn (the colours <webgrad-chart> gives series 1–3). */
const LOOKS: Record<Cure, { name: string; color: string }> = {
  none: { name: 'no cure', color: '#2563eb' },
  l2: { name: `L2 penalty ${OVERFIT_SETTINGS.l2}`, color: '#f97316' },
  dropout: { name: `dropout ${OVERFIT_SETTINGS.dropout}`, color: '#16a34a' },
};

/** The worker's loop as the transport buttons see it: the last state it reported, and commands. */
class RemoteLoop implements Transport {
  state: LoopState = 'paused';
  error: string | undefined;
  constructor(private readonly send: (c: OverfittingCommand) => void) {}
  toggle(): void {
    this.send({ type: this.state === 'playing' ? 'pause' : 'play' });
  }
  step(count: number): void {
    this.send({ type: 'step', count });
  }
}

/** The overfitting lesson. */
export class LessonOverfitting extends LitElement {
  static override styles = lessonStyles;

  private readonly train = noisyCurve(OVERFIT_DATA.train);
  private readonly validation = noisyCurve(OVERFIT_DATA.validation);
  private curves: number[][] = CURES.map(() => CURVE_X.map(() => 0));
  private readonly histories = CURES.map(() => new SeriesHistory(['train', 'validation']));
  private step = 0;
  private worker: Worker | undefined;
  private readonly loop = new RemoteLoop((c) => this.worker?.postMessage(c));

  override connectedCallback(): void {
    super.connectedCallback();
    this.worker = new Worker(new URL('./overfitting-worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<OverfittingProgress>) => this.receive(e.data);
    this.worker.onerror = (e) => {
      this.loop.error = `the training worker failed: ${e.message}`;
      this.requestUpdate();
    };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.worker?.terminate();
  }

  private receive(p: OverfittingProgress): void {
    if (p.reset) {
      for (const h of this.histories) h.clear();
      this.curves = CURES.map(() => CURVE_X.map(() => 0));
    }
    for (const m of p.measurements) {
      m.runs.forEach((r, i) => {
        this.histories[i]!.append(m.step, { train: r.train, validation: r.validation });
        this.curves[i] = r.curve;
      });
    }
    Object.assign(this.loop, { state: p.state, error: p.error });
    this.step = p.step;
    this.requestUpdate();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    Object.assign(this.dataset, { state: this.loop.state, step: String(this.step) });
  }

  private renderResults() {
    const fmt = (v: number): string => (Number.isFinite(v) ? v.toFixed(4) : '—');
    return html`<table data-testid="results">
      <tr><th>run</th><th>training loss</th><th>validation loss</th><th>gap</th></tr>
      ${CURES.map((cure, i) => {
        const [train, validation] = [this.histories[i]!.last('train'), this.histories[i]!.last('validation')];
        return html`<tr data-testid="result" data-cure=${cure} data-train=${train} data-validation=${validation}>
          <td style="color:${LOOKS[cure].color}">${LOOKS[cure].name}</td><td>${fmt(train)}</td><td>${fmt(validation)}</td><td>${fmt(validation - train)}</td></tr>`;
      })}
    </table>
    <p class="note">Losses are mean squared errors measured without dropout or penalty, every ${MEASURE_EVERY} steps.
      The noise alone puts the best possible validation loss near ${(OVERFIT_DATA.validation.noise ** 2).toFixed(2)}.</p>`;
  }

  protected override render() {
    const status = `step ${this.step} of ${MAX_STEPS}${this.loop.state === 'done' ? ' (done)' : ''}`;
    return html`
      ${transport(this.loop, () => this.worker?.postMessage({ type: 'reset' } satisfies OverfittingCommand), status)}
      <div class="row">
        <lesson-scatter data-testid="scatter" x-label="x" y-label="y" .xDomain=${[-1, 1]} .yDomain=${[-2, 2]}
          .points=${[
            { label: 'validation points', x: this.validation.x, y: this.validation.y, color: '#cbd5e1', radius: 2.5 },
            { label: 'training points', x: this.train.x, y: this.train.y, color: '#0f172a', radius: 4.5 },
          ]}
          .curves=${[
            { label: 'true curve sin(πx)', x: CURVE_X, y: CURVE_X.map(trueCurve), color: '#64748b', dashed: true, width: 1.5 },
            ...CURES.map((cure, i) => ({ label: LOOKS[cure].name, x: CURVE_X, y: this.curves[i]!, color: LOOKS[cure].color })),
          ]}></lesson-scatter>
        <div>${this.renderResults()}</div>
      </div>
      <div class="row">
        ${CURES.map((cure, i) => html`<webgrad-chart data-testid="loss-chart" label=${`${LOOKS[cure].name}: training and validation loss`} .series=${['train', 'validation']}
          .history=${this.histories[i]!} .revision=${this.histories[i]!.length} log-scale></webgrad-chart>`)}
      </div>`;
  }
}

customElements.define('lesson-overfitting', LessonOverfitting);
