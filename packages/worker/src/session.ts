// A training session: owns one run and answers protocol commands. It runs in the worker, but
// knows nothing of workers: it talks through an `emit` function, so tests drive it directly.
// Every message gets exactly one answer, a failed step leaves the session usable, and a run whose
// GPU is lost moves to wasm (else js) from its latest in-memory checkpoint.
import * as wg from '@webgrad/tensor';
import * as nn from '@webgrad/nn';
import { buildRun, type Run } from './build.js';
import { CommandError, parseCommand } from './commands.js';
import type { LiveSetting, PlaygroundConfig } from './config.js';
import { MetricsBuffer } from './metrics-buffer.js';
import type { Command, StateEvent, WorkerEvent } from './protocol.js';
import { CheckpointKeeper, fallbackBackend } from './recovery.js';
import { decisionBoundary, neuronActivations, snapshotParameters } from './views.js';

/** Sends an event, transferring the listed buffers. */
export type Emit = (event: WorkerEvent, transfer?: ArrayBuffer[]) => void;

const SLICE_MS = 8;
const STATE_EVERY_MS = 100;
/** Commands that stop a running play or step as soon as they arrive, rather than waiting behind it. */
const INTERRUPTS: readonly Command['type'][] = ['pause', 'load', 'reset', 'setBackend', 'loadCheckpoint'];
/** Commands with a reply of their own; the others, when they carry an id, are answered by 'done'. */
const REPLIES: readonly Command['type'][] = ['load', 'snapshot', 'boundary', 'neurons', 'predict', 'saveCheckpoint', 'loadCheckpoint'];

/** One training run driven by commands. */
export class Session {
  private run: Run | undefined;
  private config: PlaygroundConfig | undefined;
  /** What trains now: play (until paused) or a step command (until its count). */
  private mode: 'play' | 'step' | undefined;
  private stopRequested = false;
  /** The running play or step, settled (never rejects), for pause to wait on. */
  private loop: Promise<void> | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly metrics = new MetricsBuffer();
  private lastState = 0;
  private rate = { steps: 0, since: performance.now(), perSecond: 0 };
  /** Globs frozen since the run was built, replayed on the run a recovery builds. */
  private frozen: [string, boolean][] = [];
  /** Backend instances whose device was lost. */
  private readonly lost = new WeakSet<wg.Backend>();
  /** The move of a run off a lost device, while it happens. */
  private recovering: Promise<Run> | undefined;
  /** The run's in-memory checkpoint, for surviving a lost device. */
  readonly checkpoints = new CheckpointKeeper();

  constructor(private readonly emit: Emit) {
    wg.onBackendLost((name) => {
      const run = this.run;
      if (run?.backend.name !== name) return;
      this.lost.add(run.backend);
      // While nothing trains, the run moves in turn with the commands; a training loop meets the loss itself.
      this.queue = this.queue.then(() => this.guard(undefined, async () => {
        if (this.run && this.lost.has(this.run.backend) && !this.mode) await this.recover(this.run);
      }));
    });
  }

  /**
   * Takes one message as the worker received it: checks it, stops a running play or step at once
   * if the command interrupts, and handles it after the commands before it. Never rejects.
   */
  receive(message: unknown): Promise<void> {
    let command: Command;
    try {
      command = parseCommand(message);
    } catch (e) {
      const error = e as CommandError;
      this.queue = this.queue.then(() => this.reportError(error, error.command, error.id));
      return this.queue;
    }
    if (INTERRUPTS.includes(command.type)) this.stopRequested = true;
    this.queue = this.queue.then(() => this.handle(command));
    return this.queue;
  }

  /** Handles one checked command now; errors become 'error' events and leave the run as it was. */
  async handle(command: Command): Promise<void> {
    const id = 'id' in command ? command.id : undefined;
    await this.guard(command, async () => {
      const run = this.run;
      try {
        await this.dispatch(command);
      } catch (e) {
        // A command that meets a lost device runs again, once, on the run moved off it.
        if (!(e instanceof wg.DeviceLostError) || !run) throw e;
        await this.recover(run);
        await this.dispatch(command);
      }
      if (id !== undefined && !REPLIES.includes(command.type)) this.emit({ type: 'done', id, command: command.type });
    });
  }

  /** Runs `work`, turning anything it throws into an error event for `command`. */
  private async guard(command: Command | undefined, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (e) {
      this.reportError(e, command?.type ?? 'unknown', command && 'id' in command ? command.id : undefined);
    }
  }

  private reportError(e: unknown, command: Command['type'] | 'unknown', id: number | undefined): void {
    // A JavaScript engine's own errors keep their name, so a bug does not pass for a refusal.
    const internal = e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError || e instanceof SyntaxError;
    const message = e instanceof Error ? `${internal ? `${e.name}: ` : ''}${e.message}` : String(e);
    try {
      this.emit({ type: 'error', message, command, ...(id !== undefined && { id }) });
    } catch {
      // the port is gone: nobody to tell
    }
  }

  private async dispatch(c: Command): Promise<void> {
    switch (c.type) {
      case 'load': return this.load(c.config, c.id);
      case 'reset': return this.reset();
      case 'play': return this.play();
      case 'pause': return this.pause();
      case 'step': return this.step(c.count);
      case 'set': return this.set(c.key, c.value);
      case 'setParameter': return this.setParameter(c.path, c.values);
      case 'freeze': return this.freeze(c.glob, c.frozen);
      case 'snapshot': return this.emit({ type: 'snapshot', id: c.id, parameters: await snapshotParameters(this.current('snapshot').model) });
      case 'boundary': return this.emitBoundary(c.id, c.resolution);
      case 'neurons': return this.emitNeurons(c.id, c.resolution);
      case 'predict': return this.predict(c.id, c.input, c.shape);
      case 'saveCheckpoint': return this.saveCheckpoint(c.id);
      case 'loadCheckpoint': return this.loadCheckpoint(c.id, c.buffer);
      case 'setBackend': return this.setBackend(c.name);
      default: return c satisfies never;
    }
  }

  private current(command: string): Run {
    if (!this.run) throw new Error(`${command}: no model is loaded yet: send a load command first`);
    return this.run;
  }

  /** Switches the current backend as a config names it; 'auto' is ready()'s rule (hardware WebGPU, else wasm, else js). */
  private async useBackend(name: PlaygroundConfig['backend']): Promise<void> {
    if (name === 'auto') await wg.setBestBackend();
    else await wg.setBackend(name);
  }

  /** Builds the new run first; only once it is built do backend and run change (a failure changes nothing). */
  private async load(config: PlaygroundConfig, id?: number): Promise<void> {
    const resume = this.mode === 'play';
    await this.pause(false);
    const previous = this.run?.backend;
    let run: Run;
    try {
      await this.useBackend(config.backend);
      run = await buildRun(config);
    } catch (e) {
      // The old run keeps the backend its tensors live on, and goes on if it was playing.
      if (previous && wg.backend() !== previous) await wg.setBackend(previous.name).catch(() => undefined);
      if (resume) this.play();
      throw e;
    }
    this.disposeRun();
    this.tellWarnings(run);
    [this.run, this.config, this.frozen] = [run, config, []];
    this.checkpoints.clear();
    await this.checkpoints.keep(run, true);
    // The reply first, so that the page has taken the new config when the new run's state arrives.
    if (id !== undefined) this.emit({ type: 'loaded', id });
    this.sendState(true);
  }

  /** The Trainer's warnings (a loss blowing up) reach the page as notices. */
  private tellWarnings(run: Run): void {
    run.trainer.hook({ warning: (_, message) => this.emit({ type: 'notice', level: 'warning', message }) });
  }

  private reset(): Promise<void> {
    this.current('reset');
    return this.load(this.config!);
  }

  private disposeRun(): void {
    try {
      this.run?.model.dispose();
      this.run?.trainer.optimizer.dispose();
    } catch {
      // tensors of a lost device: nothing to free
    }
  }

  private play(): void {
    const run = this.current('play');
    if (this.mode === 'play') return this.sendState(true);
    this.rate = { steps: 0, since: performance.now(), perSecond: this.rate.perSecond };
    const running = this.train(run, Infinity, 'play');
    this.loop = running.then(
      () => undefined,
      (e) => this.reportError(e, 'play', undefined),
    );
    this.sendState(true);
  }

  /** Stops play or a step command between two steps and waits until it has. */
  private async pause(report = true): Promise<void> {
    this.stopRequested = true;
    await this.loop;
    this.loop = undefined;
    if (report) this.sendState(true);
  }

  private async step(count: number): Promise<void> {
    const run = this.current('step');
    await this.pause(false);
    const running = this.train(run, count, 'step');
    this.loop = running.then(() => undefined, () => undefined);
    await running;
  }

  /**
   * Trains until `limit` steps are taken or a stop is requested, yielding between slices so that
   * interrupting commands are heard. A lost device moves the run and goes on; any other failure
   * ends the loop (play stops, the session stays usable) and is thrown.
   */
  private async train(run: Run, limit: number, mode: 'play' | 'step'): Promise<void> {
    [this.mode, this.stopRequested] = [mode, false];
    let taken = 0;
    try {
      while (!this.stopRequested && taken < limit) {
        const until = performance.now() + SLICE_MS;
        try {
          do if (await this.trainOne(run)) taken++;
          while (!this.stopRequested && taken < limit && performance.now() < until);
          await this.checkpoints.keep(run);
        } catch (e) {
          if (!(e instanceof wg.DeviceLostError)) throw e;
          run = await this.recover(run);
        }
        this.flush(false);
        if (taken < limit && !this.stopRequested) await nn.yieldToEvents();
      }
      // Where a run stops, its checkpoint is fresh: a device lost while it waits loses no step.
      if (run === this.run) await this.checkpoints.keep(run, true);
    } finally {
      this.mode = undefined;
      this.flush(true);
    }
  }

  /** Advances the trainer once; true if that was a training step, false if it closed an epoch. */
  private async trainOne(run: Run): Promise<boolean> {
    const { trainer } = run;
    const [step, started] = [trainer.step, performance.now()];
    await trainer.singleStep();
    if (trainer.step === step) {
      // The epoch closed: validation metrics are fresh; attach them to the latest step.
      this.metrics.push({ step, loss: trainer.metrics.loss, accuracy: trainer.metrics.accuracy, valLoss: trainer.metrics.valLoss, valAccuracy: trainer.metrics.valAccuracy });
      return false;
    }
    this.rate.steps++;
    this.metrics.push({ step: trainer.step, loss: trainer.metrics.loss, accuracy: trainer.metrics.accuracy, msPerStep: performance.now() - started });
    return true;
  }

  /** The run that replaces `lost`: moved now, or by the move already under way or done. */
  private recover(lost: Run): Promise<Run> {
    if (this.recovering) return this.recovering;
    if (lost !== this.run) return Promise.resolve(this.current('recover'));
    this.recovering = this.moveRun(lost).finally(() => (this.recovering = undefined));
    return this.recovering;
  }

  /** Rebuilds the run on wasm (else js) from the latest in-memory checkpoint and says so. */
  private async moveRun(lost: Run): Promise<Run> {
    const config = this.config!;
    const name = lost.backend.name;
    const fallback = await fallbackBackend(name);
    await wg.setBackend(fallback);
    const moved = { ...config, backend: fallback };
    const run = await buildRun(moved);
    const restored = await this.checkpoints.restore(run);
    for (const [glob, frozen] of this.frozen) run.trainer[frozen ? 'freeze' : 'unfreeze'](glob);
    this.disposeRun();
    this.tellWarnings(run);
    [this.run, this.config] = [run, moved];
    this.checkpoints.clear();
    const from = restored ? `from step ${run.trainer.step}` : 'from the start (no checkpoint had been taken)';
    this.emit({ type: 'notice', level: 'info', message: `GPU lost at step ${lost.trainer.step}; resumed on ${fallback} ${from}` });
    this.sendState(true);
    return run;
  }

  private flush(forceState: boolean): void {
    if (this.metrics.size) {
      const [event, transfer] = this.metrics.drain();
      this.emit(event, transfer);
    }
    this.sendState(forceState);
  }

  private sendState(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.lastState < STATE_EVERY_MS) return;
    this.lastState = now;
    const elapsed = (now - this.rate.since) / 1000;
    if (elapsed > 0.5) this.rate = { steps: 0, since: now, perSecond: this.rate.steps / elapsed };
    const run = this.run;
    const m = wg.memory();
    const event: StateEvent = {
      type: 'state',
      state: !run ? 'empty' : this.mode === 'play' ? 'playing' : run.trainer.step > 0 ? 'paused' : 'idle',
      step: run?.trainer.step ?? 0,
      epoch: run?.trainer.epoch ?? 0,
      backend: run?.backend.name ?? wg.getBackend(),
      backendReason: wg.backendInfo()?.reason,
      stepsPerSecond: this.rate.perSecond,
      timing: run?.trainer.timing ?? { data: 0, forward: 0, backward: 0, update: 0, sync: 0 },
      memory: { liveTensors: m.liveTensors, liveBytes: m.liveBytes, poolHits: m.poolHits, poolMisses: m.poolMisses },
      config: this.config,
      inputs: run?.inputs,
      classes: run?.classes,
    };
    this.emit(event);
  }

  private set(key: LiveSetting, value: number): void {
    const { trainer } = this.current('set');
    if (key === 'lr') trainer.optimizer.lr = value;
    else if (key === 'batchSize') trainer.batchSize = value;
    else trainer.setRegularization({ [key]: value });
    if (this.config) this.config = { ...this.config, [key]: value };
    this.sendState(true);
  }

  private setParameter(path: string, values: Float32Array): void {
    const param = this.current('setParameter').model.namedParameters().find(([p]) => p === path)?.[1];
    if (!param) throw new Error(`setParameter: no parameter '${path}'`);
    if (values.length !== param.size) throw new Error(`setParameter: '${path}' has ${param.size} values [${param.shape.join(',')}], got ${values.length}`);
    const value = wg.tensor(values, { shape: param.shape });
    try {
      param.assign(value);
    } finally {
      value.dispose();
    }
    this.sendState(true);
  }

  private freeze(glob: string, frozen: boolean): void {
    const { trainer } = this.current('freeze');
    if (frozen) trainer.freeze(glob);
    else trainer.unfreeze(glob);
    this.frozen.push([glob, frozen]);
    this.sendState(true);
  }

  private async emitBoundary(id: number, resolution: number): Promise<void> {
    const b = await decisionBoundary(this.current('boundary'), resolution);
    this.emit({ type: 'boundary', id, resolution, ...b }, [b.values.buffer as ArrayBuffer, b.points.buffer as ArrayBuffer, b.labels.buffer as ArrayBuffer]);
  }

  private async emitNeurons(id: number, resolution: number): Promise<void> {
    const layers = await neuronActivations(this.current('neurons'), resolution);
    this.emit({ type: 'neurons', id, resolution, layers }, layers.map((l) => l.values.buffer as ArrayBuffer));
  }

  private async predict(id: number, input: Float32Array, shape: number[]): Promise<void> {
    const { trainer, inputs } = this.current('predict');
    const features = shape.slice(1).reduce((a, b) => a * b, 1);
    if (shape.length < 2 || features !== inputs) throw new Error(`predict: shape [${shape.join(',')}] must be [samples, ${inputs}] for this model's ${inputs} inputs`);
    const x = wg.tensor(input, { shape });
    let y: wg.Tensor | undefined;
    try {
      y = trainer.predict(x);
      const values = Float32Array.from(await y.data());
      this.emit({ type: 'prediction', id, values }, [values.buffer as ArrayBuffer]);
    } finally {
      wg.dispose(y ? [x, y] : [x]);
    }
  }

  private async saveCheckpoint(id: number): Promise<void> {
    const { model, trainer } = this.current('saveCheckpoint');
    const buffer = await nn.checkpoint.save(model, { optimizer: trainer.optimizer, step: trainer.step, epoch: trainer.epoch, metadata: { config: JSON.stringify(this.config) } });
    this.emit({ type: 'checkpoint', id, buffer }, [buffer]);
  }

  private async loadCheckpoint(id: number, buffer: ArrayBuffer): Promise<void> {
    const { model, trainer } = this.current('loadCheckpoint');
    const resume = this.mode === 'play';
    await this.pause(false);
    let loaded: Awaited<ReturnType<typeof nn.checkpoint.load>>;
    try {
      loaded = await nn.checkpoint.load(model, buffer, { optimizer: trainer.optimizer });
    } catch (e) {
      // A refused checkpoint leaves the model as it was, and training goes on if it was running.
      if (resume) this.play();
      throw e;
    }
    trainer.step = loaded.step ?? trainer.step;
    trainer.epoch = loaded.epoch ?? trainer.epoch;
    this.emit({ type: 'loaded', id });
    if (resume) this.play();
    else this.sendState(true);
  }

  private async setBackend(name: PlaygroundConfig['backend']): Promise<void> {
    if (this.config) return this.load({ ...this.config, backend: name });
    await this.useBackend(name);
    this.sendState(true);
  }
}
