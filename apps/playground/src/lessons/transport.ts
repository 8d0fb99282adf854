// The media-player buttons every lesson shows: play/pause, step, reset, and where the run is.
import { html, type TemplateResult } from 'lit';
import type { LoopState } from './training-loop.js';

/** What the buttons drive: a TrainingLoop, or a proxy for one in a worker. */
export interface Transport {
  readonly state: LoopState;
  readonly error: string | undefined;
  toggle(): void;
  step(count: number): unknown;
}

/** Play/pause, step ×1 and ×10, and reset for `loop`; `status` is shown beside them. */
export function transport(loop: Transport, reset: () => void, status: TemplateResult | string): TemplateResult {
  const playing = loop.state === 'playing';
  return html`<div class="transport">
    <button data-testid="play" ?disabled=${loop.state === 'done'} @click=${() => loop.toggle()}>${playing ? '⏸ pause' : '▶ play'}</button>
    <button data-testid="step" ?disabled=${loop.state !== 'paused'} @click=${() => loop.step(1)}>step</button>
    <button data-testid="step-ten" ?disabled=${loop.state !== 'paused'} @click=${() => loop.step(10)}>step ×10</button>
    <button data-testid="reset" @click=${reset}>⟲ reset</button>
    <span class="status" data-testid="status">${status}</span>
  </div>
  ${loop.error ? html`<div class="alert" role="alert">${loop.error}</div>` : ''}`;
}
