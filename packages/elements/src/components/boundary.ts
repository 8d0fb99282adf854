// <wg-boundary>: the decision surface of a 2-D model as a heatmap with the data points on top.
import { css, html, LitElement } from 'lit';

const PALETTE: [number, number, number][] = [[37, 99, 235], [249, 115, 22], [22, 163, 74], [219, 39, 119], [124, 58, 237], [202, 138, 4]];

/** What the worker sends for a boundary request. */
export interface BoundaryData {
  resolution: number;
  extent: [number, number, number, number];
  values: Float32Array;
  points: Float32Array;
  labels: Float32Array;
  classes: number;
}

/** Draws class probabilities (or a regression value) over the input plane. */
export class WgBoundary extends LitElement {
  static override properties = { data: { attribute: false } };
  static override styles = css`canvas { width: 100%; max-width: 320px; aspect-ratio: 1; border: 1px solid #ddd; image-rendering: auto; }`;

  data: BoundaryData | undefined;

  protected override render() {
    return html`<canvas width="320" height="320" aria-label="decision boundary"></canvas>`;
  }

  protected override updated(): void {
    const canvas = this.renderRoot.querySelector('canvas')!;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    // No data (a new run whose first boundary is on its way): a blank plane, not the old run's.
    if (!this.data) return ctx.clearRect(0, 0, canvas.width, canvas.height);
    const { resolution: n, values, classes, extent, points, labels } = this.data;
    const image = ctx.createImageData(n, n);
    for (let cell = 0; cell < n * n; cell++) {
      const rgb = classes === 1 ? valueColour(values[cell]!) : mixColour(values.subarray(cell * classes, (cell + 1) * classes));
      image.data.set([...rgb, 255], cell * 4);
    }
    const scratch = new OffscreenCanvas(n, n);
    scratch.getContext('2d')!.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(scratch, 0, 0, canvas.width, canvas.height);
    const [x0, x1, y0, y1] = extent;
    for (let i = 0; i < labels.length; i++) {
      const px = ((points[2 * i]! - x0) / (x1 - x0)) * canvas.width;
      const py = ((y1 - points[2 * i + 1]!) / (y1 - y0)) * canvas.height;
      const [r, g, b] = classes === 1 ? valueColour(labels[i]!) : PALETTE[labels[i]! % PALETTE.length]!;
      ctx.fillStyle = `rgb(${r},${g},${b})`;
      ctx.strokeStyle = '#fff';
      ctx.beginPath();
      ctx.arc(px, py, 3, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  }
}

/** Blends class colours by probability, washed towards white where the model is unsure. */
function mixColour(probs: Float32Array): [number, number, number] {
  const out: [number, number, number] = [0, 0, 0];
  probs.forEach((p, c) => PALETTE[c % PALETTE.length]!.forEach((v, k) => (out[k] += p * v)));
  const confidence = Math.max(...probs);
  return out.map((v) => Math.round(255 - (255 - v) * (0.25 + 0.5 * confidence))) as [number, number, number];
}

/** A diverging blue–orange scale for regression values (squashed by tanh). */
function valueColour(v: number): [number, number, number] {
  const t = (Math.tanh(v) + 1) / 2;
  return [0, 1, 2].map((k) => Math.round(PALETTE[0]![k]! * (1 - t) + PALETTE[1]![k]! * t)) as [number, number, number];
}

customElements.define('wg-boundary', WgBoundary);
