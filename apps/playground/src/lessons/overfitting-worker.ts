// The overfitting lesson's worker: the three networks train here, so the page only draws. It runs
// the lessons' TrainingLoop with a host that posts progress (state, step, new measurements)
// instead of redrawing, and takes play/pause/step/reset from the page.
import * as wg from 'webgradjs';
import { OverfittingSession } from './overfitting-session.js';
import { TrainingLoop, type LoopState } from './training-loop.js';
import type { Measurement } from './overfitting-session.js';

/** What the page sends. */
export type OverfittingCommand = { type: 'play' } | { type: 'pause' } | { type: 'step'; count: number } | { type: 'reset' };

/** What the worker sends after every slice of work and every command. */
export interface OverfittingProgress {
  state: LoopState;
  step: number;
  error: string | undefined;
  /** True on the first message after a reset: the page forgets earlier measurements. */
  reset: boolean;
  measurements: Measurement[];
}

// The reference backend: a 2,500-weight network steps in a few milliseconds.
await wg.setBackend('js');

let session = new OverfittingSession();
let justReset = false;

const post = (): void => {
  const progress: OverfittingProgress = { state: loop.state, step: session.step, error: loop.error, reset: justReset, measurements: session.drain() };
  justReset = false;
  postMessage(progress);
};

const host = { addController: () => {}, removeController: () => {}, requestUpdate: post, updateComplete: Promise.resolve(true) };
// No frames to wait for in a worker: a zero timeout lets the page's commands in between slices.
const loop = new TrainingLoop(host, () => session.advance(), { budgetMs: 30, nextFrame: () => new Promise((resolve) => setTimeout(resolve, 0)) });

onmessage = (e: MessageEvent<OverfittingCommand>): void => {
  const c = e.data;
  switch (c.type) {
    case 'play': return loop.play();
    case 'pause': return loop.pause();
    case 'step': return void loop.step(c.count);
    case 'reset':
      return void loop.reset(() => {
        session.dispose();
        session = new OverfittingSession();
        justReset = true;
      });
    default: c satisfies never;
  }
};
post();
