// A training session: owns one run and answers protocol commands. It runs in the worker, but
// knows nothing of workers: it talks through an `emit` function, so tests drive it directly.
import * as wg from '@webgrad/tensor';
import * as nn from '@webgrad/nn';
import { buildRun, type Run } from './build.js';
import { MetricsBuffer } from './metrics-buffer.js';
import type { Command, PlaygroundConfig, StateEvent, WorkerEvent } from './protocol.js';
import { decisionBoundary, neuronActivations, snapshotParameters } from './views.js';

/** Sends an event, transferring the listed buffers. */
export type Emit = (event: WorkerEvent, transfer?: ArrayBuffer[]) => void;

const SLICE_MS = 8;
const STATE_EVERY_MS = 100;

/** One training run driven by commands. */
export class Session {
  private run: Run | undefined;
  private config: PlaygroundConfig | undefined;
  private playing = false;
  private loop: Promise<void> | undefined;
  private readonly metrics = new MetricsBuffer();
  private lastState = 0;
  private rate = { steps: 0, since: performance.now(), perSecond: 0 };

  constructor(private readonly emit: Emit) {}

  /** Handles one command; errors become 'error' events and leave the run as it was. */
  async handle(command: Command): Promise<void> {
    try {
      await this.dispatch(command);
    } catch (e) {
      const id = 'id' in command ? command.id : undefined;
      this.emit({ type: 'error', message: (e as Error).message, command: command.type, ...(id !== undefined && { id }) });
    }
  }

  private async dispatch(c: Command): Promise<void> {
    switch (c.type) {
      case 'load': return this.load(c.config, c.id);
      case 'reset': return this.config ? this.load(this.config) : undefined;
      case 'play': return this.play();
      case 'pause': return this.pause();
      case 'step': return this.step(c.count);
      case 'set': return this.set(c.key, c.value);
      case 'setParameter': return this.setParameter(c.path, c.values);
      case 'freeze': return this.freeze(c.glob, c.frozen);
      case 'snapshot': return this.emit({ type: 'snapshot', id: c.id, parameters: await snapshotParameters(this.current().model) });
      case 'boundary': return this.emitBoundary(c.id, c.resolution);
      case 'neurons': return this.emitNeurons(c.id, c.resolution);
      case 'predict': return this.predict(c.id, c.input, c.shape);
      case 'saveCheckpoint': return this.saveCheckpoint(c.id);
      case 'loadCheckpoint': return this.loadCheckpoint(c.id, c.buffer);
      case 'setBackend': return this.setBackend(c.name);
      default: return c satisfies never;
    }
  }

  private current(): Run {
    if (!this.run) throw new Error('no model is loaded yet: send a load command first');
    return this.run;
  }

  private async load(config: PlaygroundConfig, id?: number): Promise<void> {
    const previousBackend = wg.getBackend();
    let run: Run;
    try {
      if (config.backend === 'auto') await wg.setBestBackend();
      else if (previousBackend !== config.backend) await wg.setBackend(config.backend);
      run = await buildRun(config); // a bad config throws here, before the old run is touched
    } catch (e) {
      // The old run keeps the backend its tensors live on.
      if (wg.getBackend() !== previousBackend) await wg.setBackend(previousBackend);
      throw e;
    }
    await this.pause();
    this.run?.model.dispose();
    this.run?.trainer.optimizer.dispose();
    this.run = run;
    this.config = config;
    // The reply first, so that the page has taken the new config when the new run's state arrives.
    if (id !== undefined) this.emit({ type: 'loaded', id });
    this.sendState(true);
  }

  private async play(): Promise<void> {
    this.current();
    if (this.playing) return;
    this.playing = true;
    this.rate = { steps: 0, since: performance.now(), perSecond: this.rate.perSecond };
    this.loop = this.playLoop();
    this.sendState(true);
  }

  private async playLoop(): Promise<void> {
    while (this.playing) {
      const until = performance.now() + SLICE_MS;
      do await this.trainOne();
      while (this.playing && performance.now() < until);
      this.flush(false);
      await nn.yieldToEvents();
    }
    this.flush(true);
  }

  private async pause(): Promise<void> {
    this.playing = false;
    await this.loop;
    this.loop = undefined;
    if (this.run) this.sendState(true);
  }

  private async step(count: number): Promise<void> {
    if (!Number.isInteger(count) || count < 1) throw new Error(`step: count must be a positive integer, got ${count}`);
    this.current();
    await this.pause();
    // Closing an epoch is not a step: keep going until `count` steps were taken.
    for (let taken = 0; taken < count; ) if (await this.trainOne()) taken++;
    this.flush(true);
  }

  /** Advances the trainer once; true if that was a training step, false if it closed an epoch. */
  private async trainOne(): Promise<boolean> {
    const { trainer } = this.current();
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
      state: !run ? 'empty' : this.playing ? 'playing' : run.trainer.step > 0 ? 'paused' : 'idle',
      step: run?.trainer.step ?? 0,
      epoch: run?.trainer.epoch ?? 0,
      backend: wg.getBackend(),
      stepsPerSecond: this.rate.perSecond,
      timing: run?.trainer.timing ?? { data: 0, forward: 0, backward: 0, update: 0, sync: 0 },
      memory: { liveTensors: m.liveTensors, liveBytes: m.liveBytes, poolHits: m.poolHits, poolMisses: m.poolMisses },
      config: this.config,
      inputs: run?.inputs,
      classes: run?.classes,
    };
    this.emit(event);
  }

  private set(key: Command & { type: 'set' } extends { key: infer K } ? K : never, value: number): void {
    const { trainer } = this.current();
    if (!Number.isFinite(value) || value < 0) throw new Error(`set ${key}: value must be a non-negative number, got ${value}`);
    if (key === 'lr') trainer.optimizer.lr = value;
    else if (key === 'batchSize') {
      if (!Number.isInteger(value) || value < 1) throw new Error(`set batchSize: must be a positive integer, got ${value}`);
      trainer.batchSize = value;
    } else trainer.setRegularization({ [key]: value });
    if (this.config) this.config = { ...this.config, [key]: value };
    this.sendState(true);
  }

  private setParameter(path: string, values: Float32Array): void {
    const param = this.current().model.namedParameters().find(([p]) => p === path)?.[1];
    if (!param) throw new Error(`setParameter: no parameter '${path}'`);
    if (values.length !== param.size) throw new Error(`setParameter: '${path}' has ${param.size} values [${param.shape.join(',')}], got ${values.length}`);
    param.assign(wg.tensor(values, { shape: param.shape }));
  }

  private freeze(glob: string, frozen: boolean): void {
    const { trainer } = this.current();
    if (frozen) trainer.freeze(glob);
    else trainer.unfreeze(glob);
    this.sendState(true);
  }

  private async emitBoundary(id: number, resolution: number): Promise<void> {
    const run = this.current();
    const b = await decisionBoundary(run, resolution);
    this.emit({ type: 'boundary', id, resolution, ...b }, [b.values.buffer as ArrayBuffer, b.points.buffer as ArrayBuffer, b.labels.buffer as ArrayBuffer]);
  }

  private async emitNeurons(id: number, resolution: number): Promise<void> {
    const layers = await neuronActivations(this.current(), resolution);
    this.emit({ type: 'neurons', id, resolution, layers }, layers.map((l) => l.values.buffer as ArrayBuffer));
  }

  private async predict(id: number, input: Float32Array, shape: number[]): Promise<void> {
    const { trainer } = this.current();
    const x = wg.tensor(input, { shape });
    const y = trainer.predict(x);
    const values = (await y.data()) as Float32Array;
    wg.dispose([x, y]);
    this.emit({ type: 'prediction', id, values }, [values.buffer as ArrayBuffer]);
  }

  private async saveCheckpoint(id: number): Promise<void> {
    const { model, trainer } = this.current();
    const buffer = await nn.checkpoint.save(model, { optimizer: trainer.optimizer, step: trainer.step, epoch: trainer.epoch, metadata: { config: JSON.stringify(this.config) } });
    this.emit({ type: 'checkpoint', id, buffer }, [buffer]);
  }

  private async loadCheckpoint(id: number, buffer: ArrayBuffer): Promise<void> {
    const { model, trainer } = this.current();
    const wasPlaying = this.playing;
    await this.pause();
    let loaded: Awaited<ReturnType<typeof nn.checkpoint.load>>;
    try {
      loaded = await nn.checkpoint.load(model, buffer, { optimizer: trainer.optimizer });
    } catch (e) {
      // A refused checkpoint leaves the model as it was, and training goes on if it was running.
      if (wasPlaying) await this.play();
      throw e;
    }
    trainer.step = loaded.step ?? trainer.step;
    trainer.epoch = loaded.epoch ?? trainer.epoch;
    this.emit({ type: 'loaded', id });
    this.sendState(true);
  }

  private async setBackend(name: PlaygroundConfig['backend']): Promise<void> {
    await this.pause();
    if (this.config) await this.load({ ...this.config, backend: name });
    else if (name === 'auto') await wg.setBestBackend();
    else await wg.setBackend(name);
  }
}
