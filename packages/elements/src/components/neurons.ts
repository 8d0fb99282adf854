// <wg-neurons>: a small MLP on 2-D data drawn as a network: each neuron shows its activation
// over the input plane as a tiny heatmap, each edge's colour and thickness its weight.
import { css, html, LitElement, svg } from 'lit';
import type { TensorSnapshot } from '@webgrad/worker/page';

/** One layer of heatmaps, as the worker sends them. */
export interface NeuronLayer {
  path: string;
  units: number;
  values: Float32Array;
}

const CELL = 44;
const GAP_X = 110;
const GAP_Y = 56;
const MAX_UNITS = 10;

/** The heatmap of one unit: values squashed by tanh onto an orange–white–blue scale. */
export function heatmapPixels(values: Float32Array, offset: number, resolution: number): Uint8ClampedArray<ArrayBuffer> {
  const px = new Uint8ClampedArray(resolution * resolution * 4);
  for (let i = 0; i < resolution * resolution; i++) {
    const t = Math.tanh(values[offset + i]!);
    const [r, g, b] = t >= 0 ? [255 - 218 * t, 255 - 156 * t, 255 - 20 * t] : [255 + 6 * t, 255 + 140 * t, 255 + 233 * t];
    px.set([r, g, b, 255], i * 4);
  }
  return px;
}

/** Draws the network; properties: `layers` (heatmaps), `parameters` (for edge weights), `resolution`. */
export class WgNeurons extends LitElement {
  static override properties = { layers: { attribute: false }, parameters: { attribute: false }, resolution: { type: Number } };
  static override styles = css`
    :host { display: block; position: relative; font: 11px system-ui; overflow-x: auto; }
    canvas { position: absolute; width: ${CELL}px; height: ${CELL}px; border: 1px solid #cbd5e1; image-rendering: pixelated; }
    .note { color: #64748b; }
  `;

  layers: NeuronLayer[] = [];
  parameters: TensorSnapshot[] = [];
  resolution = 24;

  /** Position of unit `u` of column `c`. */
  private at(column: number, unit: number): { x: number; y: number } {
    return { x: 10 + column * GAP_X, y: 10 + unit * GAP_Y };
  }

  /** The dense weight [in, out] feeding a layer: its own, or the one of the layer before it. */
  private weightsInto(path: string): TensorSnapshot | undefined {
    const index = Number(path.split('.').at(-1));
    return this.parameters.find((p) => p.path === `${path}.weight`) ?? this.parameters.find((p) => p.path === `layers.${index - 1}.weight`);
  }

  protected override render() {
    if (!this.layers.length) return html`<p class="note">waiting for the model…</p>`;
    if (this.layers.some((l) => l.units > MAX_UNITS)) return html`<p class="note">The neuron view draws networks of up to ${MAX_UNITS} units a layer.</p>`;
    const columns = [2, ...this.layers.map((l) => l.units)];
    const height = Math.max(...columns) * GAP_Y + 10;
    const width = columns.length * GAP_X;
    const edges = this.layers.flatMap((layer, c) => {
      const w = this.weightsInto(layer.path);
      if (!w || w.shape.length !== 2) return [];
      const [fanIn, fanOut] = w.shape as [number, number];
      const peak = Math.max(1e-6, ...Array.from(w.values, Math.abs));
      return Array.from({ length: fanIn * fanOut }, (_, k) => {
        const [i, o] = [Math.floor(k / fanOut), k % fanOut];
        const [a, b] = [this.at(c, i), this.at(c + 1, o)];
        const v = w.values[k]!;
        return svg`<line x1=${a.x + CELL} y1=${a.y + CELL / 2} x2=${b.x} y2=${b.y + CELL / 2}
          stroke=${v >= 0 ? '#2563eb' : '#f97316'} stroke-width=${0.5 + (3 * Math.abs(v)) / peak} opacity="0.7"></line>`;
      });
    });
    return html`
      <svg width=${width} height=${height} style="display:block">${edges}</svg>
      ${columns.flatMap((units, c) => Array.from({ length: units }, (_, u) => {
        const p = this.at(c, u);
        return html`<canvas width=${this.resolution} height=${this.resolution} style="left:${p.x}px;top:${p.y}px"
          data-column=${c} data-unit=${u} title=${c === 0 ? `input x${u + 1}` : `${this.layers[c - 1]!.path} unit ${u}`}></canvas>`;
      }))}
    `;
  }

  protected override updated(): void {
    const n = this.resolution;
    for (const canvas of this.renderRoot.querySelectorAll('canvas')) {
      const [c, u] = [Number(canvas.dataset.column), Number(canvas.dataset.unit)];
      const ctx = canvas.getContext('2d');
      if (!ctx) continue;
      // The input columns are the coordinates themselves: x1 grows left to right, x2 bottom to top.
      const values = c === 0 ? inputRamp(n, u) : this.layers[c - 1]!.values;
      const offset = c === 0 ? 0 : u * n * n;
      ctx.putImageData(new ImageData(heatmapPixels(values, offset, n), n, n), 0, 0);
    }
  }
}

function inputRamp(n: number, axis: number): Float32Array {
  return Float32Array.from({ length: n * n }, (_, i) => {
    const [r, c] = [Math.floor(i / n), i % n];
    return axis === 0 ? ((c + 0.5) / n) * 4 - 2 : 2 - ((r + 0.5) / n) * 4;
  });
}

if (!customElements.get('wg-neurons')) customElements.define('wg-neurons', WgNeurons);
