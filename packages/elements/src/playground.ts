// <webgrad-playground>: the dashboard. Transport controls like a media player, live charts, the
// decision boundary, weight and gradient histograms, a parameter inspector, a digit pad and
// checkpoints; the configuration is kept in the URL. The views follow the worker's state events.
import { css, html, LitElement } from 'lit';
import type { PlaygroundConfig, TensorSnapshot, WorkerEvent } from '@webgrad/worker/page';
import type { BoundaryData } from './components/boundary.js';
import { readConfigAttribute } from './config-attribute.js';
import { RefreshQueue } from './refresh-queue.js';
import { TrainingController } from './training-controller.js';
import { readHash, toHash } from './url-state.js';
import './components/boundary.js';
import './components/chart.js';
import './components/controls.js';
import './components/digit-pad.js';
import './components/histograms.js';
import './components/inspector.js';
import './components/graph-view.js';
import './components/neurons.js';
import type { NeuronLayer } from './components/neurons.js';

/** While playing, the views are fetched at most this often (the worker sends ten states a second). */
const PLAY_REFRESH_MS = 250;
/** The neuron view draws a heatmap per unit: only for hidden layers this small. */
const MAX_NEURONS_DRAWN = 10;

/**
 * The whole playground in one element. Its configuration comes from the URL hash, which it keeps
 * up to date; or, on a page that embeds it, from the `config` attribute (JSON with the keys that
 * differ from the defaults: `config='{"dataset": "circle", "hidden": [8]}'`), and then the page's
 * URL is left alone. Setting the attribute again starts a new run.
 */
export class WebgradPlayground extends LitElement {
  static override properties = {
    // The `config` attribute is read in attributeChangedCallback, where a bad one can be shown.
    config: { attribute: false },
    boundary: { state: true },
    neurons: { state: true },
    parameters: { state: true },
    guess: { state: true },
    configError: { state: true },
  };

  static override styles = css`
    :host { display: grid; grid-template-columns: 300px 1fr 360px; gap: 16px; font: 13px system-ui; color: #0f172a; padding: 12px; }
    header { grid-column: 1 / -1; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    button { font: inherit; padding: 4px 10px; }
    .stats { font: 12px ui-monospace, monospace; color: #334155; }
    .error { grid-column: 1 / -1; background: #fee2e2; color: #991b1b; padding: 6px 10px; border-radius: 4px; }
    .notice { grid-column: 1 / -1; display: flex; gap: 8px; align-items: center; padding: 6px 10px; border-radius: 4px; }
    .notice.info { background: #dbeafe; color: #1e3a8a; }
    .notice.warning { background: #fef3c7; color: #78350f; }
    .notice span { flex: 1; }
    .notice button { padding: 0 6px; background: none; border: none; color: inherit; cursor: pointer; font-size: 16px; }
    section { min-width: 0; }
    section h2 { font-size: 14px; margin: 8px 0 4px; }
  `;

  /** The link's configuration; a refused link starts the defaults, says why, and stays as it was. */
  private readonly link = readHash(location.hash);
  config: PlaygroundConfig = this.link.config;
  boundary: BoundaryData | undefined;
  neurons: NeuronLayer[] = [];

  private get showsNeurons(): boolean {
    return this.config.hidden.every((h) => h <= MAX_NEURONS_DRAWN);
  }
  parameters: TensorSnapshot[] = [];
  guess: Float32Array | undefined;
  /** Why the `config` attribute was refused, if it was. */
  configError = this.link.error ?? '';
  private readonly training = new TrainingController(this);
  /** Fetches the boundary, neurons and parameters: one fetch in flight, one more queued. */
  private readonly views = new RefreshQueue(() => this.refreshViews());
  /** When the views were last fetched, to pace them while playing. */
  private lastRefresh = -Infinity;
  /** Holds on the views of loads answered whose new run has sent no state yet. */
  private untilState: (() => void)[] = [];
  /** Whether connectedCallback has loaded the first configuration. */
  private started = false;
  private stopListening: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.started = true;
    this.stopListening = this.training.on((e) => this.follow(e));
    // A refused configuration shows its error (the controller keeps it); nothing else to undo.
    this.loadRun(this.config).catch(() => undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.started = false;
    this.stopListening?.();
  }

  /**
   * Keeps the views on the model: every state event but those of a run in play is a change (a
   * step, pause, load, reset, checkpoint, backend switch, setting or freeze), so it refetches
   * them; while playing they are refetched at most every {@link PLAY_REFRESH_MS}.
   */
  private follow(e: WorkerEvent): void {
    if (e.type === 'loaded') this.views.request();
    if (e.type !== 'state') return;
    for (const release of this.untilState.splice(0)) release();
    if (e.state === 'empty') return this.clearViews();
    if (e.state !== 'playing' || performance.now() - this.lastRefresh >= PLAY_REFRESH_MS) this.views.request();
  }

  /** Forgets the views of the run before (a new run, or none). */
  private clearViews(): void {
    this.boundary = undefined;
    this.neurons = [];
    this.parameters = [];
    this.guess = undefined;
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'config'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name !== 'config' || value === null || old === value) return;
    let config: PlaygroundConfig;
    try {
      config = readConfigAttribute(value);
    } catch (e) {
      // A config the page got wrong is shown until a good one comes; the last good one stays.
      this.configError = (e as Error).message;
      return;
    }
    this.configError = '';
    // Until connectedCallback has loaded a config (an element upgraded in place is already
    // connected here), this config is the one it loads; afterwards a new one is a new run.
    if (this.started) this.setConfig(config);
    else this.config = config;
  }

  /** Whether the configuration lives in the page's URL (not when a page embeds us with `config`). */
  private get keepsUrl(): boolean {
    return !this.hasAttribute('config');
  }

  /**
   * Fetches the boundary, the neuron heatmaps and a parameter snapshot for the current state.
   * The three requests go out together, so the worker (which answers in order) answers them
   * for the same model; the views change together when all three are in.
   */
  private async refreshViews(): Promise<void> {
    const s = this.training.state;
    if (!s || s.state === 'empty') return;
    this.lastRefresh = performance.now();
    const requests = this.training.requests;
    const plane = s.inputs === 2;
    const neurons = plane && this.showsNeurons;
    try {
      const [boundary, layers, snapshot] = await Promise.all([
        plane ? requests.request((id) => ({ type: 'boundary', id, resolution: 48 }), 'boundary') : undefined,
        neurons ? requests.request((id) => ({ type: 'neurons', id, resolution: 24 }), 'neurons') : undefined,
        requests.request((id) => ({ type: 'snapshot', id }), 'snapshot'),
      ]);
      this.boundary = boundary && { ...boundary, classes: s.classes ?? 2 };
      this.neurons = layers?.layers ?? [];
      this.parameters = snapshot.parameters;
    } catch (e) {
      this.training.error = (e as Error).message;
      this.requestUpdate();
    }
  }

  /**
   * Starts a run. The views hold still while it loads and until the new run's first state event
   * (which follows the load's reply): a fetch made with the old run's state, for a boundary of a
   * 2-D model say, could otherwise reach a new run of another shape. Once the worker has built
   * the run, the old run's views and notices are cleared.
   */
  private async loadRun(config: PlaygroundConfig): Promise<void> {
    const release = this.views.hold();
    try {
      await this.training.load(config);
    } catch (e) {
      release();
      throw e;
    }
    this.clearViews();
    this.training.clearNotices();
    this.untilState.push(release);
  }

  /** Loads a new configuration; only once the worker accepts it do the URL and the views change. */
  private async setConfig(config: PlaygroundConfig): Promise<void> {
    try {
      await this.loadRun(config);
    } catch {
      // The error is shown; the running session, its config, charts and the URL stay as they were.
      this.requestUpdate();
      return;
    }
    this.config = config;
    if (this.keepsUrl && config.dataset.kind !== 'csv') history.replaceState(null, '', toHash(config));
  }

  private step(n: number): void {
    this.training.send({ type: 'step', count: n });
  }

  private async download(): Promise<void> {
    const { buffer } = await this.training.request((id) => ({ type: 'saveCheckpoint', id }), 'checkpoint');
    const url = URL.createObjectURL(new Blob([buffer], { type: 'application/octet-stream' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: `webgrad-step-${this.training.state?.step ?? 0}.safetensors` });
    a.click();
    URL.revokeObjectURL(url);
  }

  private async upload(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const buffer = await file.arrayBuffer();
    // Cleared, so that choosing the same file again (after training on) loads it again.
    input.value = '';
    // A refused checkpoint shows its error; a loaded one brings a state event, and the views follow.
    await this.training.request((id) => ({ type: 'loadCheckpoint', id, buffer }), 'loaded', [buffer]).catch(() => undefined);
  }

  private async predictDigit(features: Float32Array): Promise<void> {
    const { values } = await this.training.request((id) => ({ type: 'predict', id, input: features, shape: [1, 64] }), 'prediction', [features.buffer as ArrayBuffer]); // a Float32Array of its own, never shared memory
    const max = Math.max(...values);
    const exp = values.map((v) => Math.exp(v - max));
    const total = exp.reduce((a, b) => a + b, 0);
    this.guess = exp.map((v) => v / total);
  }

  private renderStats() {
    const s = this.training.state;
    if (!s) return html`<span class="stats">starting…</span>`;
    const t = s.timing;
    const ms = t.data + t.forward + t.backward + t.update + t.sync;
    const hitRate = s.memory.poolHits + s.memory.poolMisses ? (100 * s.memory.poolHits) / (s.memory.poolHits + s.memory.poolMisses) : 0;
    return html`<span class="stats" data-testid="stats">
      ${s.state} · step <b data-testid="step">${s.step}</b> · epoch ${s.epoch} · ${s.backend} ·
      ${s.stepsPerSecond.toFixed(0)} steps/s · ${ms.toFixed(2)} ms/step
      (data ${t.data.toFixed(2)}, fwd ${t.forward.toFixed(2)}, bwd ${t.backward.toFixed(2)}, update ${t.update.toFixed(2)}, sync ${t.sync.toFixed(2)}) ·
      ${s.memory.liveTensors} tensors, ${(s.memory.liveBytes / 1024).toFixed(1)} KiB, pool hits ${hitRate.toFixed(0)} %</span>`;
  }

  protected override render() {
    const t = this.training;
    const playing = t.state?.state === 'playing';
    return html`
      <header>
        <strong>webgrad playground</strong>
        <slot name="header-links"></slot>
        <button data-testid="play" @click=${() => t.send({ type: t.state?.state === 'playing' ? 'pause' : 'play' })}>${playing ? '⏸ pause' : '▶ play'}</button>
        <button data-testid="step-once" @click=${() => this.step(1)}>step</button>
        <button data-testid="step-ten" @click=${() => this.step(10)}>step ×10</button>
        <button data-testid="reset" @click=${() => this.setConfig(this.config)}>⟲ reset</button>
        <button data-testid="download" @click=${() => this.download()}>save checkpoint</button>
        <label>load checkpoint <input data-testid="upload" type="file" accept=".safetensors" @change=${(e: Event) => this.upload(e)} /></label>
        ${this.renderStats()}
      </header>
      ${this.configError || t.error ? html`<div class="error" role="alert">${this.configError || t.error}</div>` : ''}
      ${t.notices.map((n) => html`<div class="notice ${n.level}" role="status" data-testid="notice">
        <span>${n.message}</span><button aria-label="dismiss" title="dismiss" @click=${() => t.dismiss(n)}>×</button></div>`)}
      <section>
        <wg-controls .config=${this.config}
          @config-change=${(e: CustomEvent<PlaygroundConfig>) => this.setConfig(e.detail)}
          @live-change=${(e: CustomEvent<{ key: 'lr'; value: number }>) => {
            t.send({ type: 'set', key: e.detail.key, value: e.detail.value });
            this.config = { ...this.config, [e.detail.key]: e.detail.value };
            if (this.keepsUrl) history.replaceState(null, '', toHash(this.config));
          }}></wg-controls>
      </section>
      <section>
        <webgrad-chart data-testid="loss-chart" label="loss" .series=${['loss', 'valLoss']} .history=${t.history} .revision=${t.revision} log-scale></webgrad-chart>
        <webgrad-chart data-testid="accuracy-chart" label="accuracy" .series=${['accuracy', 'valAccuracy']} .history=${t.history} .revision=${t.revision}></webgrad-chart>
        ${t.state?.inputs === 2 ? html`<h2>decision boundary</h2><wg-boundary .data=${this.boundary}></wg-boundary>` : ''}
        ${t.state?.inputs === 2 ? html`<h2>neurons: activation over the input plane, edges by weight</h2>${this.showsNeurons ? html`<wg-neurons .layers=${this.neurons} .parameters=${this.parameters}></wg-neurons>` : html`<p class="stats">drawn for small networks: hidden layers of at most ${MAX_NEURONS_DRAWN} units</p>`}` : ''}
        <h2>backpropagation, step by step</h2>
        <select aria-label="expression" @change=${(e: Event) => ((this.renderRoot.querySelector('webgrad-graph') as HTMLElement & { preset: string }).preset = (e.target as HTMLSelectElement).value)}>
          <option value="neuron">one sigmoid neuron</option><option value="circuit">(x + y) · z</option><option value="squared-error">squared error of a line</option>
        </select>
        <webgrad-graph preset="neuron"></webgrad-graph>
        ${this.config.dataset.kind === 'digits' ? html`<h2>draw a digit</h2><wg-digit-pad .guess=${this.guess} @predict-digit=${(e: CustomEvent<Float32Array>) => this.predictDigit(e.detail)}></wg-digit-pad>` : ''}
      </section>
      <section>
        <h2>weights (blue) and gradients (orange)</h2>
        <wg-histograms .parameters=${this.parameters}></wg-histograms>
        <h2>parameters</h2>
        <wg-inspector .parameters=${this.parameters}
          @edit-parameter=${(e: CustomEvent<{ path: string; values: Float32Array }>) => {
            t.send({ type: 'setParameter', ...e.detail });
            // The worker answers an edit with no state event; the fetch goes after it, in order.
            this.views.request();
          }}
          @freeze=${(e: CustomEvent<{ glob: string; frozen: boolean }>) => t.send({ type: 'freeze', ...e.detail })}></wg-inspector>
      </section>
    `;
  }
}

customElements.define('webgrad-playground', WebgradPlayground);
