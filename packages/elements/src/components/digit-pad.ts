// <wg-digit-pad>: draw a digit with the mouse or a finger; it is shrunk to the 8×8, 0–1 grid
// the digits model was trained on, and the model's guess is shown.
import { css, html, LitElement } from 'lit';

/** Averages an RGBA canvas of size n·8 into 64 intensities in [0, 1] (ink = dark or opaque). */
export function toGrid(rgba: Uint8ClampedArray, size: number): Float32Array {
  const cell = size / 8;
  const out = new Float32Array(64);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const alpha = rgba[(y * size + x) * 4 + 3]! / 255;
      out[Math.floor(y / cell) * 8 + Math.floor(x / cell)]! += alpha / (cell * cell);
    }
  }
  return out;
}

/** Emits `predict-digit` with 64 features whenever a stroke ends. */
export class WgDigitPad extends LitElement {
  static override properties = { guess: { attribute: false } };
  static override styles = css`
    canvas { width: 160px; height: 160px; border: 1px solid #999; touch-action: none; background: #fff; }
    .guess { font: 600 28px system-ui; }
  `;

  /** Class probabilities from the model, if any. */
  guess: Float32Array | undefined;
  private drawing = false;

  private get canvas(): HTMLCanvasElement {
    return this.renderRoot.querySelector('canvas')!;
  }

  private stroke(e: PointerEvent): void {
    if (!this.drawing) return;
    const rect = this.canvas.getBoundingClientRect();
    const ctx = this.canvas.getContext('2d')!;
    ctx.fillStyle = '#000';
    ctx.beginPath();
    ctx.arc(((e.clientX - rect.left) / rect.width) * 160, ((e.clientY - rect.top) / rect.height) * 160, 10, 0, 2 * Math.PI);
    ctx.fill();
  }

  private finish(): void {
    if (!this.drawing) return;
    this.drawing = false;
    const pixels = this.canvas.getContext('2d')!.getImageData(0, 0, 160, 160).data;
    this.dispatchEvent(new CustomEvent('predict-digit', { detail: toGrid(pixels, 160), bubbles: true, composed: true }));
  }

  private clear(): void {
    this.canvas.getContext('2d')!.clearRect(0, 0, 160, 160);
    this.guess = undefined;
  }

  protected override render() {
    const best = this.guess ? this.guess.indexOf(Math.max(...this.guess)) : -1;
    return html`
      <canvas width="160" height="160" aria-label="digit pad"
        @pointerdown=${(e: PointerEvent) => ((this.drawing = true), this.stroke(e))}
        @pointermove=${(e: PointerEvent) => this.stroke(e)}
        @pointerup=${() => this.finish()} @pointerleave=${() => this.finish()}></canvas>
      <div><button @click=${() => this.clear()}>clear</button>
        <span class="guess">${best >= 0 ? `${best} (${(this.guess![best]! * 100).toFixed(0)} %)` : ''}</span></div>
    `;
  }
}

customElements.define('wg-digit-pad', WgDigitPad);
