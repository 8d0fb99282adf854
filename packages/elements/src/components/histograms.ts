// <wg-histograms>: for each parameter, a histogram of its values and one of its latest gradient.
import { css, html, LitElement, svg } from 'lit';
import type { TensorSnapshot } from '@webgrad/worker/page';

const BINS = 24;

/** Counts of `values` in `BINS` equal bins over their range. */
export function histogram(values: Float32Array): { counts: number[]; lo: number; hi: number } {
  let [lo, hi] = [Infinity, -Infinity];
  for (const v of values) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (lo === Infinity) return { counts: new Array<number>(BINS).fill(0), lo: 0, hi: 0 };
  if (hi === lo) [lo, hi] = [lo - 0.5, hi + 0.5];
  const counts = new Array<number>(BINS).fill(0);
  for (const v of values) if (Number.isFinite(v)) counts[Math.min(BINS - 1, Math.floor(((v - lo) / (hi - lo)) * BINS))]!++;
  return { counts, lo, hi };
}

/** Per-layer histograms of weights and gradients. */
export class WgHistograms extends LitElement {
  static override properties = { parameters: { attribute: false } };
  static override styles = css`
    :host { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; font: 11px system-ui; }
    svg { width: 100%; height: 48px; background: #f8fafc; }
    .range { color: #64748b; }
  `;

  parameters: TensorSnapshot[] = [];

  private bars(values: Float32Array | undefined, colour: string) {
    if (!values) return html`<div class="range">no gradient yet</div>`;
    const { counts, lo, hi } = histogram(values);
    const peak = Math.max(1, ...counts);
    return html`<svg viewBox="0 0 ${BINS} 1" preserveAspectRatio="none">
        ${counts.map((c, i) => svgBar(i, c / peak, colour))}
      </svg><div class="range">${lo.toPrecision(2)} … ${hi.toPrecision(2)}</div>`;
  }

  protected override render() {
    return this.parameters.map((p) => html`<div>
        <strong>${p.path}</strong>
        ${this.bars(p.values, '#2563eb')}
        ${this.bars(p.grad, '#f97316')}
      </div>`);
  }
}

// Bars inside <svg> must come from the svg tag, not html.
const svgBar = (i: number, height: number, fill: string) => svg`<rect x=${i} y=${1 - height} width="0.9" height=${height} fill=${fill}></rect>`;

customElements.define('wg-histograms', WgHistograms);
