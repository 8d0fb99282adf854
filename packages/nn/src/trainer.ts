// The Trainer runs the loop: batches in, forward, loss, backward, optimiser step, modifiers,
// metrics and hooks out. It can be paused, resumed and single-stepped, which is how the
// dashboard drives it, and it times each phase of a step. It stops on a NaN or infinite loss,
// gradient or parameter, and keeps to the backend its model lives on.
import { noGrad, scope, withBackend, type Backend, type Tensor } from './deps.js';
import type { Batch, Dataset } from './data/dataset.js';
import { datasetOn } from './dataset-on-backend.js';
import { BlowUpWatch, DivergedError, finiteProbe, locateNonFinite } from './divergence.js';
import { globMatcher } from './glob.js';
import type { Hook, HookContext, PhaseTiming } from './hooks.js';
import type { Initializer } from './init.js';
import { losses, type Loss, type LossName } from './losses.js';
import { accuracy } from './metrics.js';
import type { Modifier } from './modifiers.js';
import type { Module } from './module.js';
import { zeroGrad, type Optimizer } from './optim/optimizer.js';
import { backendOf, labelsOf, penalty, yieldToEvents } from './trainer-support.js';

export { yieldToEvents } from './trainer-support.js';

/** What a Trainer needs. */
export interface TrainerOptions {
  /** The model to train; the Trainer works on the backend its parameters live on. */
  model: Module;
  /** A loss by name ('mse', 'softmaxCrossEntropy', …) or a function (prediction, target) → scalar. */
  loss: LossName | Loss;
  /** From `nn.optim`, e.g. `nn.optim.adam({ lr: 1e-3 })`. */
  optimizer: Optimizer;
  /** The training set. */
  data: Dataset;
  /** Examples per step (32 by default). */
  batchSize?: number;
  /** Evaluated at the end of each epoch into valLoss / valAccuracy. */
  validation?: Dataset;
  /** Compute accuracy on each batch (default: true for softmaxCrossEntropy and binaryCrossEntropy). */
  accuracy?: boolean;
  /** Penalties added to the loss, over the parameters a glob selects (default '**.weight'). */
  regularization?: { l1?: number; l2?: number; match?: string };
  /** Seed of the shuffling. */
  seed?: number;
  /**
   * Check every step's loss, gradients and updated parameters for NaN and infinity, and stop with
   * a {@link DivergedError} when one is not finite (default true). The check adds a few
   * reductions to the step and no device read: it is folded into the read of the loss.
   */
  checkFinite?: boolean;
}

/** What a step's synchronous part leaves to read, and when its phases ended. */
interface StepResult {
  loss: Tensor;
  prediction: Tensor;
  /** The loss folded with every gradient and parameter (see finiteProbe); absent with checkFinite: false. */
  probe: Tensor | undefined;
  forwardEnd: number;
  backwardEnd: number;
  updateEnd: number;
}

/** Where a Trainer is: not started, running, paused, or finished/stopped. */
export type TrainerState = 'idle' | 'running' | 'paused' | 'stopped';

const now = (): number => performance.now();

/** How long a fit runs steps before letting other tasks in. */
const SLICE_MS = 15;

/**
 * Trains a model on a dataset; see the options for what it needs. It works on the backend the
 * model's parameters live on (`backend`): batches, optimiser state and every tensor of a step,
 * evaluation or prediction are made there, whatever `setBackend` says meanwhile, so Trainers on
 * different backends can train at once.
 * @example
 * ```ts
 * const data = nn.data.spirals({ samples: 400, noise: 0.1, seed: 1 });
 * const model = nn.sequential(nn.dense(2, 32), nn.tanh(), nn.dense(32, 2));
 * const trainer = new nn.Trainer({ model, loss: 'softmaxCrossEntropy', optimizer: nn.optim.adam({ lr: 0.01 }), data, batchSize: 32 });
 * await trainer.fit({ epochs: 20 });
 * console.log(await trainer.evaluate());
 * ```
 */
export class Trainer {
  /** The model being trained. */
  readonly model: Module;
  /** Updates the parameters after each step. */
  readonly optimizer: Optimizer;
  /** The backend the model lives on and the Trainer makes its tensors on. */
  readonly backend: Backend;
  /** Steps (batches) trained so far. */
  step = 0;
  /** Epochs completed so far. */
  epoch = 0;
  /** 'idle', 'running', 'paused' or 'stopped'. */
  state: TrainerState = 'idle';
  /** Why training stopped, if a hook or `stop` ended it. */
  stopReason: string | undefined;
  /** The latest metrics. */
  metrics: Record<string, number> = {};
  /** Milliseconds per phase of the latest step. */
  timing: PhaseTiming = { data: 0, forward: 0, backward: 0, update: 0, sync: 0 };
  /** The training set. */
  data: Dataset;
  /** Examples per step (32 by default). */
  batchSize: number;
  private readonly lossFn: Loss;
  private readonly hooks: Hook[] = [];
  private readonly modifiers: { matches: (path: string) => boolean; modify: Modifier }[] = [];
  // The epoch's batches, each gathered while the step before it runs (see Dataset.prefetch).
  private batchesLeft: AsyncGenerator<Batch> | undefined;
  private resumeSignal: (() => void) | undefined;
  // Set by pause(); the fit loop turns it into the 'paused' state between steps.
  private pauseRequested = false;
  // The index of the next batch within the epoch (for DivergedError).
  private batchIndex = 0;
  private readonly blowUp = new BlowUpWatch();

  constructor(private readonly options: TrainerOptions) {
    this.model = options.model;
    this.optimizer = options.optimizer;
    this.data = options.data;
    this.batchSize = options.batchSize ?? 32;
    if (typeof options.loss === 'string' && !(options.loss in losses)) {
      throw new Error(`Trainer: unknown loss '${options.loss}' (expected one of ${Object.keys(losses).join(', ')} or a function)`);
    }
    this.lossFn = typeof options.loss === 'string' ? losses[options.loss] : options.loss;
    this.backend = backendOf(this.model);
  }

  /** Runs synchronous tensor work with the Trainer's backend current. */
  private on<T>(fn: () => T): T {
    return withBackend(this.backend, fn);
  }

  private get tracksAccuracy(): boolean {
    return this.options.accuracy ?? (this.options.loss === 'softmaxCrossEntropy' || this.options.loss === 'binaryCrossEntropy');
  }

  private select(glob: string): [string, Tensor][] {
    const matches = globMatcher(glob);
    const found = this.model.namedParameters().filter(([path]) => matches(path));
    if (!found.length) throw new Error(`Trainer: no parameter matches '${glob}' (parameters: ${this.model.namedParameters().map(([p]) => p).join(', ')})`);
    return found;
  }

  /** Re-initialises every parameter the glob selects. */
  initialise(glob: string, init: Initializer): this {
    this.on(() => {
      for (const [, p] of this.select(glob)) p.assign(init(p.shape));
    });
    return this;
  }

  /** Stops training the parameters the glob selects. */
  freeze(glob: string): this {
    for (const [, p] of this.select(glob)) p.requiresGrad = false;
    return this;
  }

  /** Trains the parameters the glob selects again. */
  unfreeze(glob: string): this {
    for (const [, p] of this.select(glob)) p.requiresGrad = true;
    return this;
  }

  /** Applies `modify` to the parameters the glob selects after every step. */
  modify(glob: string, modify: Modifier): this {
    this.select(glob);
    this.modifiers.push({ matches: globMatcher(glob), modify });
    return this;
  }

  /** Changes the L1/L2 penalties from the next step on. */
  setRegularization(change: { l1?: number; l2?: number; match?: string }): this {
    this.options.regularization = { ...this.options.regularization, ...change };
    return this;
  }

  /** Adds a hook. */
  hook(hook: Hook): this {
    this.hooks.push(hook);
    return this;
  }

  /**
   * Trains for `epochs` more epochs or `steps` more steps; resolves when done or stopped (not while paused).
   * @example
   * ```ts
   * await trainer.fit({ epochs: 5 });
   * await trainer.fit({ steps: 100 }); // 100 more batches
   * ```
   */
  async fit({ epochs, steps }: { epochs?: number; steps?: number }): Promise<void> {
    if (epochs === undefined && steps === undefined) throw new Error('Trainer.fit: give epochs or steps');
    // With no samples every call would close an epoch and the loop would never reach its target.
    if (this.data.size === 0) throw new Error('Trainer.fit: the training data has no samples');
    if (this.state === 'running' || this.state === 'paused') throw new Error(`Trainer.fit: a fit is already ${this.state}; pause/resume or stop it first`);
    const stepTarget = steps !== undefined ? this.step + steps : Infinity;
    const epochTarget = epochs !== undefined ? this.epoch + epochs : Infinity;
    this.state = 'running';
    this.stopReason = undefined;
    this.pauseRequested = false;
    // pause() and stop() change the state from hooks and event handlers while this loop awaits.
    const state = (): TrainerState => this.state;
    let sliceStart = now();
    try {
      while (this.step < stepTarget && this.epoch < epochTarget && state() !== 'stopped') {
        if (this.pauseRequested) [this.pauseRequested, this.state] = [false, 'paused'];
        if (state() === 'paused') await new Promise<void>((resolve) => (this.resumeSignal = resolve));
        else await this.trainStep();
        if (now() - sliceStart > SLICE_MS) {
          await yieldToEvents();
          sliceStart = now();
        }
      }
    } catch (e) {
      // A failed step (bad data shape, a throwing hook) ends the fit; the trainer is not left 'running'.
      this.stop(`error: ${(e as Error).message}`);
      throw e;
    }
    this.pauseRequested = false;
    if (state() !== 'stopped') this.state = 'idle';
    await this.runHooks('end');
  }

  /** Pauses a running fit after the current step: `state` reads 'paused' once no step is running. */
  pause(): void {
    if (this.state === 'running') this.pauseRequested = true;
  }

  /** Resumes a paused fit (or cancels a pause that has not taken effect yet). */
  resume(): void {
    this.pauseRequested = false;
    if (this.state !== 'paused') return;
    this.state = 'running';
    this.resumeSignal?.();
  }

  /** Ends a fit; `reason` is kept in `stopReason`. */
  stop(reason = 'stopped'): void {
    this.pauseRequested = false;
    this.state = 'stopped';
    this.stopReason = reason;
    this.resumeSignal?.();
  }

  /**
   * Runs `n` units of work now (also while paused): each is one step, except at the end of the
   * data, where it is the closing of the epoch (validation, epoch hooks) and the step count stays.
   */
  async singleStep(n = 1): Promise<void> {
    for (let i = 0; i < n; i++) await this.trainStep();
  }

  private async nextBatch(): Promise<Batch | undefined> {
    // Once an epoch, as its batches start: fit and singleStep (the worker's path) alike.
    if (!this.batchesLeft) this.checkClassLabels(this.data, 'training');
    // The batches are made in later tasks, whatever backend is current then: made on ours.
    this.batchesLeft ??= datasetOn(this.data, this.backend).prefetch(this.batchSize, { seed: this.options.seed ?? 0, epoch: this.epoch });
    const next = await this.batchesLeft.next();
    return next.done ? undefined : next.value;
  }

  /** One step on the next batch; at the end of the data it closes the epoch instead. */
  private async trainStep(): Promise<void> {
    const t0 = now();
    const batch = await this.nextBatch();
    if (!batch) {
      await this.endEpoch();
      return;
    }
    const batchIndex = this.batchIndex++;
    this.model.train();
    const named = this.model.namedParameters();
    // The rate this step uses, read before the optimiser advances its schedule.
    const lr = this.optimizer.currentLr();
    const t1 = now();
    // The previous step's gradients were kept for inspection (the dashboard's histograms); free them now.
    zeroGrad(named.map(([, p]) => p));
    let step: StepResult | undefined;
    let warning: string | undefined;
    try {
      step = this.on(() => this.computeStep(batch, named));
      // Validation metrics stay until the next epoch refreshes them.
      const validation = Object.fromEntries(Object.entries(this.metrics).filter(([k]) => k.startsWith('val')));
      const loss = await this.readLoss(step, named, batch, batchIndex);
      this.metrics = { ...validation, loss, lr };
      const { prediction } = step;
      if (this.tracksAccuracy) this.metrics.accuracy = accuracy({ scores: (await prediction.data()) as Float32Array, classes: prediction.shape[1] ?? 1, labels: await labelsOf(batch.y) });
      warning = this.blowUp.observe(loss, this.step + 1);
    } finally {
      for (const t of [step?.loss, step?.prediction, step?.probe, batch.x, batch.y]) t?.dispose();
    }
    this.timing = { data: t1 - t0, forward: step.forwardEnd - t1, backward: step.backwardEnd - step.forwardEnd, update: step.updateEnd - step.backwardEnd, sync: now() - step.updateEnd };
    this.step++;
    if (warning) await this.warn(warning);
    await this.runHooks('step');
  }

  /** A step's synchronous tensor work: forward, loss, backward, update, modifiers, the finiteness probe. */
  private computeStep(batch: Batch, named: readonly [string, Tensor][]): StepResult {
    let [forwardEnd, backwardEnd] = [0, 0];
    const out = scope(() => {
      const prediction = this.model.forward(batch.x);
      const base = this.lossFn(prediction, batch.y);
      const extra = penalty(this.model, this.options.regularization);
      const loss = extra ? base.add(extra) : base;
      forwardEnd = now();
      loss.backward();
      backwardEnd = now();
      this.optimizer.step(named);
      this.applyModifiers(named);
      const probe = this.options.checkFinite === false ? undefined : finiteProbe(loss, named);
      // Returning the gradients keeps them alive past the scope until the next step.
      return { loss, prediction, probe, gradients: named.map(([, p]) => p.grad) };
    });
    return { ...out, forwardEnd, backwardEnd, updateEnd: now() };
  }

  /**
   * The step's loss, from the one read a step does: the probe (the loss when all is finite), or
   * the loss itself with `checkFinite: false`. Only a non-finite probe costs more reads, to find
   * the culprit for the DivergedError.
   */
  private async readLoss({ loss, probe }: StepResult, named: readonly [string, Tensor][], batch: Batch, batchIndex: number): Promise<number> {
    if (!probe) return loss.item();
    const value = await probe.item();
    if (Number.isFinite(value)) return value;
    const found = await locateNonFinite({ loss, named, x: batch.x, y: batch.y });
    // Every value finite: the probe's sum of huge values overflowed. Not a divergence.
    if (!found) return loss.item();
    throw new DivergedError({ step: this.step + 1, epoch: this.epoch, batch: batchIndex, ...found });
  }

  /** Hands a warning to the hooks that take warnings, or to console.warn when none does. */
  private async warn(message: string): Promise<void> {
    const takers = this.hooks.filter((h) => h.warning);
    if (!takers.length) console.warn(`Trainer: ${message}`);
    const ctx = this.context();
    for (const h of takers) await h.warning!(ctx, message);
  }

  private applyModifiers(named: readonly [string, Tensor][]): void {
    if (!this.modifiers.length) return;
    noGrad(() => {
      for (const [path, p] of named) for (const m of this.modifiers) if (m.matches(path)) p.assign(m.modify(p));
    });
  }

  private async endEpoch(): Promise<void> {
    this.batchesLeft = undefined;
    this.batchIndex = 0;
    this.epoch++;
    if (this.options.validation) {
      const v = await this.evaluate(this.options.validation);
      for (const [k, value] of Object.entries(v)) this.metrics[`val${k[0]!.toUpperCase()}${k.slice(1)}`] = value;
    }
    await this.runHooks('epoch');
  }

  private context(): HookContext {
    return { trainer: this, step: this.step, epoch: this.epoch, metrics: this.metrics, timing: this.timing };
  }

  private async runHooks(event: 'step' | 'epoch' | 'end'): Promise<void> {
    const ctx = this.context();
    for (const h of this.hooks) await h[event]?.(ctx);
  }

  /** Loss (and accuracy) over a dataset in evaluation mode, batch by batch. */
  async evaluate(data: Dataset = this.options.validation ?? this.data): Promise<Record<string, number>> {
    this.checkClassLabels(data, data === this.options.validation ? 'validation' : 'evaluation');
    const wasTraining = this.model.training;
    this.model.eval();
    let [lossSum, hits] = [0, 0];
    try {
      for (const batch of datasetOn(data, this.backend).batches(this.batchSize, { shuffle: false })) {
        const held: Tensor[] = [batch.x, batch.y]; // disposed however the batch ends, a throw included
        try {
          const { loss, prediction } = this.on(() => scope(() => noGrad(() => {
            const prediction = this.model.forward(batch.x);
            return { loss: this.lossFn(prediction, batch.y), prediction };
          })));
          held.push(loss, prediction);
          const n = batch.x.shape[0]!;
          lossSum += (await loss.item()) * n;
          if (this.tracksAccuracy) hits += n * accuracy({ scores: (await prediction.data()) as Float32Array, classes: prediction.shape[1] ?? 1, labels: await labelsOf(batch.y) });
        } finally {
          for (const t of held) t.dispose();
        }
      }
    } finally {
      this.model.train(wasTraining);
    }
    const out: Record<string, number> = { loss: lossSum / data.size };
    if (this.tracksAccuracy) out.accuracy = hits / data.size;
    return out;
  }

  /**
   * Class-index labels must name one of the model's outputs: softmaxCrossEntropy's one-hot row of
   * an out-of-range index is all zeros, which would add nothing to the loss, silently. Checked on
   * the host values, against one sample's forward pass, before an epoch's first step or an evaluation.
   */
  private checkClassLabels(data: Dataset, which: string): void {
    const labels = data.labels.values;
    if (this.options.loss !== 'softmaxCrossEntropy' || !(labels instanceof Int32Array) || data.size === 0) return;
    const sample = this.on(() => data.take([0]).asBatch());
    let count: number;
    try {
      const scores = this.predict(sample.x);
      count = scores.shape.at(-1) ?? 1;
      scores.dispose();
    } catch {
      return; // features that do not fit the model: the first step reports it, naming the layer
    } finally {
      sample.x.dispose();
      sample.y.dispose();
    }
    const bad = labels.findIndex((label) => label < 0 || label >= count);
    if (bad >= 0) throw new Error(`Trainer: ${which} label ${labels[bad]} (sample ${bad}) is not a class of the model's ${count} outputs: softmaxCrossEntropy expects class indices in [0, ${count})`);
  }

  /** The model's output for `x` in evaluation mode, without recording gradients. */
  predict(x: Tensor): Tensor {
    const wasTraining = this.model.training;
    this.model.eval();
    try {
      return this.on(() => scope(() => noGrad(() => this.model.forward(x))));
    } finally {
      this.model.train(wasTraining);
    }
  }
}
