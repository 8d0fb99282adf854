// Drives a lesson's training on the main thread, like a media player: play, pause, step, and a
// lock so that a step, a frame of play and a reset never overlap. While playing, each animation
// frame runs whole units of work for about FRAME_BUDGET_MS and then lets the page draw, which
// keeps every main-thread task well under the 50 ms that counts as a long task.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where the loop is: waiting, running frame after frame, or out of work until a reset. */
export type LoopState = 'paused' | 'playing' | 'done';

/** One unit of work (a training step of every run); resolves to false when the lesson is over. */
export type Work = () => Promise<boolean>;

/** How a loop paces itself: work per frame, and how it waits for the next frame. */
export interface LoopPacing {
  /** Milliseconds of work per frame (default 12). */
  budgetMs?: number;
  /** Resolves at the next frame (default: requestAnimationFrame). */
  nextFrame?: () => Promise<void>;
}

const animationFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

/** Play/pause/step over a lesson's unit of work; the host redraws after every frame and step. */
export class TrainingLoop implements ReactiveController {
  state: LoopState = 'paused';
  /** The message of the last unit of work that threw; the loop pauses on it. */
  error: string | undefined;
  private lock: Promise<unknown> = Promise.resolve();
  private playing: Promise<void> | undefined;

  /** At most this many units per frame while playing, so a fast lesson stays watchable. */
  unitsPerFrame = Infinity;

  private readonly budgetMs: number;
  private readonly nextFrame: () => Promise<void>;

  constructor(private readonly host: ReactiveControllerHost, private readonly work: Work, { budgetMs = 12, nextFrame = animationFrame }: LoopPacing = {}) {
    host.addController(this);
    this.budgetMs = budgetMs;
    this.nextFrame = nextFrame;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.pause();
  }

  /** Starts running frame after frame (unless done). */
  play(): void {
    if (this.state !== 'paused') return;
    this.state = 'playing';
    this.playing ??= this.run();
    this.host.requestUpdate();
  }

  /** Stops after the current frame's work. */
  pause(): void {
    if (this.state === 'playing') this.state = 'paused';
    this.host.requestUpdate();
  }

  /** Plays when paused, pauses when playing. */
  toggle(): void {
    if (this.state === 'playing') this.pause();
    else this.play();
  }

  /** Runs `count` units of work now; only while paused. */
  async step(count = 1): Promise<void> {
    if (this.state !== 'paused') return;
    await this.exclusive(async () => {
      for (let i = 0; i < count && this.state === 'paused'; i++) await this.unit();
    });
    this.host.requestUpdate();
  }

  /**
   * Pauses, waits for work in flight, then runs `rebuild` (a new model, cleared charts) with
   * nothing else running, and leaves the loop paused at the start.
   */
  async reset(rebuild: () => void | Promise<void>): Promise<void> {
    this.pause();
    await this.exclusive(async () => {
      await rebuild();
      this.state = 'paused';
      this.error = undefined;
    });
    this.host.requestUpdate();
  }

  private async unit(): Promise<void> {
    try {
      if (!(await this.work())) this.state = 'done';
    } catch (e) {
      this.error = (e as Error).message;
      this.state = 'paused';
    }
  }

  private async run(): Promise<void> {
    while (this.state === 'playing') {
      await this.exclusive(async () => {
        const start = performance.now();
        let units = 0;
        do await this.unit();
        while (this.state === 'playing' && ++units < this.unitsPerFrame && performance.now() - start < this.budgetMs);
      });
      this.host.requestUpdate();
      await this.nextFrame();
    }
    this.playing = undefined;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.lock.then(fn);
    this.lock = next.catch(() => undefined);
    return next;
  }
}
