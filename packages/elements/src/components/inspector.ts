// <wg-inspector>: the parameter registry as a table. Read any value, edit one, or freeze the
// parameters a glob selects, while training runs.
import { css, html, LitElement } from 'lit';
import type { TensorSnapshot } from '@webgrad/worker/page';

/** Mean and standard deviation of some values. */
function stats(values: Float32Array): [number, number] {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let sq = 0;
  for (const v of values) sq += (v - mean) ** 2;
  return [mean, Math.sqrt(sq / values.length)];
}

/** Lists parameters; emits `edit-parameter` ({ path, values }) and `freeze` ({ glob, frozen }). */
export class WgInspector extends LitElement {
  static override properties = { parameters: { attribute: false }, selected: { state: true } };
  static override styles = css`
    :host { display: block; font: 12px system-ui; }
    table { border-collapse: collapse; width: 100%; }
    td, th { padding: 2px 6px; text-align: left; border-bottom: 1px solid #eee; }
    .values { display: flex; flex-wrap: wrap; gap: 2px; max-height: 120px; overflow: auto; }
    .values input { width: 64px; font: 11px ui-monospace, monospace; }
    form { margin: 6px 0; display: flex; gap: 4px; }
  `;

  parameters: TensorSnapshot[] = [];
  selected = '';

  private emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private edit(p: TensorSnapshot, index: number, text: string): void {
    const value = Number(text);
    if (!Number.isFinite(value)) return;
    const values = Float32Array.from(p.values);
    values[index] = value;
    this.emit('edit-parameter', { path: p.path, values });
  }

  private freeze(e: SubmitEvent, frozen: boolean): void {
    e.preventDefault();
    const glob = (this.renderRoot.querySelector('#glob') as HTMLInputElement).value.trim();
    if (glob) this.emit('freeze', { glob, frozen });
  }

  protected override render() {
    const chosen = this.parameters.find((p) => p.path === this.selected);
    return html`
      <form @submit=${(e: SubmitEvent) => this.freeze(e, true)}>
        <input id="glob" placeholder="layers.*.bias" aria-label="glob" />
        <button type="submit">freeze</button>
        <button type="button" @click=${(e: Event) => this.freeze(e as SubmitEvent, false)}>unfreeze</button>
      </form>
      <table>
        <tr><th>path</th><th>shape</th><th>mean</th><th>std</th><th></th></tr>
        ${this.parameters.map((p) => {
          const [mean, std] = stats(p.values);
          return html`<tr @click=${() => (this.selected = p.path)} data-path=${p.path}>
            <td>${p.path}</td><td>[${p.shape.join(',')}]</td><td>${mean.toFixed(3)}</td><td>${std.toFixed(3)}</td><td>${p.frozen ? 'frozen' : ''}</td></tr>`;
        })}
      </table>
      ${chosen
        ? html`<p>${chosen.path} (first ${Math.min(64, chosen.values.length)} values)</p>
            <div class="values">${Array.from(chosen.values.subarray(0, 64), (v, i) => html`<input .value=${v.toFixed(4)} @change=${(e: Event) => this.edit(chosen, i, (e.target as HTMLInputElement).value)} />`)}</div>`
        : html`<p>Click a row to read and edit its values.</p>`}
    `;
  }
}

customElements.define('wg-inspector', WgInspector);
