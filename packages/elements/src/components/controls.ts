// <wg-controls>: the configuration form. Structural changes (data, network, optimiser) emit
// `config-change`; live settings (learning rate, batch size, penalties) emit `live-change`.
import { css, html, LitElement } from 'lit';
import type { LiveSetting, PlaygroundConfig } from '@webgrad/worker/page';

const DATASETS = ['spirals', 'circle', 'xor', 'blobs', 'plane', 'digits'] as const;
const ACTIVATIONS = ['tanh', 'relu', 'sigmoid', 'leakyRelu', 'elu', 'gelu'] as const;
const LOSSES = ['auto', 'softmaxCrossEntropy', 'mse', 'mae', 'huber'] as const;
const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adagrad', 'adadelta', 'rmsprop', 'adam', 'adamw'] as const;
const SCHEDULES = ['constant', 'step', 'exponential', 'cosine', 'warmup'] as const;
const BACKENDS = ['auto', 'webgpu', 'wasm', 'js'] as const;

/** The form for a PlaygroundConfig. */
export class WgControls extends LitElement {
  static override properties = { config: { attribute: false } };
  static override styles = css`
    :host { display: grid; gap: 6px; font: 13px system-ui; }
    label { display: grid; grid-template-columns: 110px 1fr; align-items: center; gap: 6px; }
    input, select { font: inherit; width: 100%; min-width: 0; box-sizing: border-box; }
  `;

  config!: PlaygroundConfig;

  private change(patch: Partial<PlaygroundConfig>): void {
    this.dispatchEvent(new CustomEvent('config-change', { detail: { ...this.config, ...patch }, bubbles: true, composed: true }));
  }

  private live(key: LiveSetting, text: string): void {
    const value = Number(text);
    this.dispatchEvent(new CustomEvent('live-change', { detail: { key, value }, bubbles: true, composed: true }));
  }

  private select<T extends string>(label: string, name: string, options: readonly T[], value: T, onChange: (v: T) => void) {
    return html`<label>${label}<select name=${name} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value as T)}>
      ${options.map((o) => html`<option ?selected=${o === value} value=${o}>${o}</option>`)}</select></label>`;
  }

  private async uploadCsv(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const text = await file.text();
    input.value = ''; // so that the same file, fixed and chosen again, is read again
    this.change({ dataset: { kind: 'csv', text } });
  }

  protected override render() {
    const c = this.config;
    return html`
      ${this.select('dataset', 'dataset', [...DATASETS, ...(c.dataset.kind === 'csv' ? (['csv'] as const) : [])], c.dataset.kind, (kind) =>
        this.change({ dataset: kind === 'digits' ? { kind } : kind === 'csv' ? c.dataset : { kind, samples: 400, noise: 0.1 } }))}
      <label>CSV file<input type="file" name="csv" accept=".csv,text/csv" @change=${(e: Event) => this.uploadCsv(e)} /></label>
      <label>hidden layers<input name="hidden" .value=${c.hidden.join(',')} @change=${(e: Event) => {
        const text = (e.target as HTMLInputElement).value.trim();
        this.change({ hidden: text ? text.split(',').map((s) => Number(s.trim())) : [] });
      }} /></label>
      ${this.select('activation', 'activation', ACTIVATIONS, c.activation, (activation) => this.change({ activation }))}
      ${this.select('loss', 'loss', LOSSES, c.loss ?? 'auto', (loss) => this.change({ loss }))}
      ${this.select('optimiser', 'optimizer', OPTIMIZERS, c.optimizer, (optimizer) => this.change({ optimizer }))}
      ${this.select('schedule', 'schedule', SCHEDULES, c.schedule, (schedule) => this.change({ schedule }))}
      <label>learning rate<input name="lr" type="number" step="any" min="0" .value=${String(c.lr)} @change=${(e: Event) => this.live('lr', (e.target as HTMLInputElement).value)} /></label>
      <label>batch size<input name="batchSize" type="number" min="1" .value=${String(c.batchSize)} @change=${(e: Event) => this.live('batchSize', (e.target as HTMLInputElement).value)} /></label>
      <label>L1<input name="l1" type="number" step="any" min="0" .value=${String(c.l1)} @change=${(e: Event) => this.live('l1', (e.target as HTMLInputElement).value)} /></label>
      <label>L2<input name="l2" type="number" step="any" min="0" .value=${String(c.l2)} @change=${(e: Event) => this.live('l2', (e.target as HTMLInputElement).value)} /></label>
      <label>dropout<input name="dropout" type="number" step="0.05" min="0" max="0.95" .value=${String(c.dropout)} @change=${(e: Event) => this.change({ dropout: Number((e.target as HTMLInputElement).value) })} /></label>
      ${this.select('backend', 'backend', BACKENDS, c.backend, (backend) => this.change({ backend }))}
    `;
  }
}

customElements.define('wg-controls', WgControls);
