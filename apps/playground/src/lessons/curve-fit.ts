// One over-sized network fitted to a few noisy points, in one of three variants: no cure, an L2
// penalty on the weights, or dropout after each hidden layer. The overfitting lesson trains the
// three side by side and compares their training and validation losses.
import * as wg from 'webgradjs';
import type { Samples } from './curve-data.js';

const { nn } = wg;

/** Which cure a run gets. */
export type Cure = 'none' | 'l2' | 'dropout';

/** The lesson's settings, chosen so that with these seeds the unregularised run clearly overfits. */
export const OVERFIT_SETTINGS = { hidden: 48, lr: 0.01, l2: 0.002, dropout: 0.3, initSeed: 3 } as const;

function network(cure: Cure, hidden: number, dropout: number): wg.nn.Module {
  const drop = (): wg.nn.Module[] => (cure === 'dropout' ? [nn.dropout(dropout)] : []);
  return nn.sequential(nn.dense(1, hidden), nn.tanh(), ...drop(), nn.dense(hidden, hidden), nn.tanh(), ...drop(), nn.dense(hidden, 1));
}

const dataset = (s: Samples): wg.nn.Dataset => nn.fromArrays(s.x.map((v) => [v]), s.y.map((v) => [v]));

/** A 1 → 48 → 48 → 1 tanh network trained with Adam on the whole training set each step. */
export class CurveFit {
  private readonly model: wg.nn.Module;
  private readonly trainer: wg.nn.Trainer;
  private readonly train: wg.nn.Dataset;
  private readonly validation: wg.nn.Dataset;

  /**
   * Builds the network from the global generator reseeded to `initSeed`, so every cure starts
   * from the same weights (dropout's masks come from that generator too, later).
   */
  constructor(readonly cure: Cure, train: Samples, validation: Samples, settings = OVERFIT_SETTINGS) {
    wg.seed(settings.initSeed);
    this.model = network(cure, settings.hidden, settings.dropout);
    this.train = dataset(train);
    this.validation = dataset(validation);
    this.trainer = new nn.Trainer({
      model: this.model,
      loss: 'mse',
      optimizer: nn.optim.adam({ lr: settings.lr }),
      data: this.train,
      batchSize: train.x.length,
      ...(cure === 'l2' ? { regularization: { l2: settings.l2 } } : {}),
    });
  }

  /** Steps taken so far. */
  get step(): number {
    return this.trainer.step;
  }

  /** One step on the whole training set. */
  async advance(): Promise<void> {
    await this.trainer.fit({ steps: 1 });
  }

  /**
   * Mean squared error on the training and the validation set, both in evaluation mode (no
   * dropout, no penalty), so the two numbers measure the same thing.
   */
  async losses(): Promise<{ train: number; validation: number }> {
    const [train, validation] = [await this.trainer.evaluate(this.train), await this.trainer.evaluate(this.validation)];
    return { train: train.loss!, validation: validation.loss! };
  }

  /** The network's output at each x (evaluation mode). */
  async predict(x: readonly number[]): Promise<number[]> {
    const input = wg.tensor(x.map((v) => [v]));
    const output = this.trainer.predict(input);
    try {
      return Array.from(await output.data());
    } finally {
      input.dispose();
      output.dispose();
    }
  }

  /** Frees the model and the optimiser state. */
  dispose(): void {
    this.model.dispose();
    this.trainer.optimizer.dispose();
  }
}
