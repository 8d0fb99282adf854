// One straight line fitted by plain gradient descent: dense(1, 1) from zero, mean squared error,
// full batch, so each step is exactly w ← w − lr·∇loss. The linear-regression and
// learning-rate lessons each drive one or more of these a step at a time.
import * as wg from 'webgradjs';
import type { Line } from './regression-data.js';

const { nn } = wg;

/** A run stops counting as training once its loss is this many times its first loss (or not finite). */
export const DIVERGENCE_FACTOR = 1000;

/** True when a run's loss has blown up: not a finite number, or far above where it started. */
export function hasDiverged(firstLoss: number, loss: number): boolean {
  return !Number.isFinite(loss) || loss > DIVERGENCE_FACTOR * firstLoss;
}

/** Gradient descent on grade = slope · hours + intercept, one step at a time. */
export class LineFit {
  step = 0;
  /** The loss of the latest step (measured before that step's update). */
  loss = NaN;
  firstLoss = NaN;
  /** The step at which the loss blew up; training stops there. */
  divergedAt: number | undefined;
  private readonly model = nn.sequential(nn.dense(1, 1, { init: nn.init.zeros() }));
  private readonly trainer: wg.nn.Trainer;

  constructor(x: readonly number[], y: readonly number[], lr: number) {
    this.trainer = new nn.Trainer({
      model: this.model,
      loss: 'mse',
      optimizer: nn.optim.sgd({ lr }),
      data: nn.fromArrays(x.map((v) => [v]), y.map((v) => [v])),
      batchSize: x.length,
    });
  }

  /** The learning rate; a change applies from the next step. */
  get lr(): number {
    return this.trainer.optimizer.lr;
  }

  set lr(value: number) {
    this.trainer.optimizer.lr = value;
  }

  /** Whether the loss has blown up (see hasDiverged). */
  get diverged(): boolean {
    return this.divergedAt !== undefined;
  }

  /** One gradient-descent step over the whole data set (none once diverged). */
  async advance(): Promise<void> {
    if (this.diverged) return;
    await this.trainer.fit({ steps: 1 });
    this.step = this.trainer.step;
    this.loss = this.trainer.metrics.loss!;
    if (this.step === 1) this.firstLoss = this.loss;
    if (hasDiverged(this.firstLoss, this.loss)) this.divergedAt = this.step;
  }

  /** The current line. */
  async line(): Promise<Line> {
    const [weight, bias] = await Promise.all(this.model.parameters().map((p) => p.data()));
    return { slope: weight![0]!, intercept: bias![0]! };
  }

  /** Frees the model and the optimiser state. */
  dispose(): void {
    this.model.dispose();
    this.trainer.optimizer.dispose();
  }
}
