// What lets a run outlive its GPU: an in-memory checkpoint of model and optimiser, refreshed every
// few seconds while a run on a backend that can lose its device trains, and the choice of the
// backend to move to when it does.
import * as wg from '@webgrad/tensor';
import * as nn from '@webgrad/nn';
import type { Run } from './build.js';

/** How often a run on a backend that can lose its device is checkpointed in memory. */
export const CHECKPOINT_EVERY_MS = 3000;

/** The latest in-memory checkpoint of one run, and what keeping it has cost. */
export class CheckpointKeeper {
  private saved: { buffer: ArrayBuffer; step: number } | undefined;
  private takenAt = -Infinity;
  /** Checkpoints taken, and the milliseconds spent taking them. */
  readonly cost = { count: 0, ms: 0 };

  /** The step the latest checkpoint holds, if there is one. */
  get step(): number | undefined {
    return this.saved?.step;
  }

  /** Forgets the checkpoint (a new run). */
  clear(): void {
    this.saved = undefined;
    this.takenAt = -Infinity;
  }

  /** Takes a checkpoint if the run's backend can lose its device and the last one is old enough (or `force`). */
  async keep(run: Run, force = false): Promise<void> {
    if (run.backend.lost === undefined) return;
    const started = performance.now();
    if (!force && started - this.takenAt < CHECKPOINT_EVERY_MS) return;
    const { model, trainer } = run;
    const buffer = await nn.checkpoint.save(model, { optimizer: trainer.optimizer, step: trainer.step, epoch: trainer.epoch });
    this.saved = { buffer, step: trainer.step };
    this.takenAt = performance.now();
    this.cost.count++;
    this.cost.ms += this.takenAt - started;
  }

  /** Loads the checkpoint into a freshly built run (step and epoch included); false when there is none. */
  async restore(run: Run): Promise<boolean> {
    if (!this.saved) return false;
    const loaded = await nn.checkpoint.load(run.model, this.saved.buffer, { optimizer: run.trainer.optimizer });
    run.trainer.step = loaded.step ?? 0;
    run.trainer.epoch = loaded.epoch ?? 0;
    return true;
  }
}

/** The backend a run moves to when its device is lost: wasm, else js; never the lost one. */
export async function fallbackBackend(lost: string): Promise<'wasm' | 'js'> {
  for (const name of ['wasm', 'js'] as const) {
    if (name === lost || !wg.listBackends().includes(name)) continue;
    try {
      await wg.getBackendInstance(name);
      return name;
    } catch {
      // try the next
    }
  }
  throw new Error(`the ${lost} device was lost and neither wasm nor js could start`);
}
