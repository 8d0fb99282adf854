// A Lit ReactiveController that owns the training worker: it sends commands, keeps every
// step's metrics (columns that only grow), the latest state, and asks the host to redraw at
// most once per animation frame.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { METRIC_COLUMNS, TrainingClient, type Command, type MetricColumn, type PlaygroundConfig, type StateEvent, type WorkerEvent } from '@webgrad/worker/page';
import { startTrainingWorker } from './worker-start.js';

/** All metrics received so far, one growable column per metric. */
export class MetricHistory {
  length = 0;
  columns = Object.fromEntries(METRIC_COLUMNS.map((c) => [c, new Float64Array(1024)])) as Record<MetricColumn, Float64Array>;

  /** Appends a batch of rows. */
  append(batch: Record<MetricColumn, Float32Array>): void {
    const n = batch.step.length;
    if (this.length + n > this.columns.step.length) {
      const size = Math.max(this.columns.step.length * 2, this.length + n);
      for (const c of METRIC_COLUMNS) {
        const grown = new Float64Array(size);
        grown.set(this.columns[c]);
        this.columns[c] = grown;
      }
    }
    for (const c of METRIC_COLUMNS) this.columns[c].set(batch[c], this.length);
    this.length += n;
  }

  /** A view of one column's filled part. */
  column(name: MetricColumn): Float64Array {
    return this.columns[name].subarray(0, this.length);
  }

  /** Forgets everything (a new run). */
  clear(): void {
    this.length = 0;
  }
}

/** Connects a host element to a training worker. */
export class TrainingController implements ReactiveController {
  readonly history = new MetricHistory();
  state: StateEvent | undefined;
  error: string | undefined;
  /** Bumped whenever new metrics arrive, so charts know to redraw. */
  revision = 0;
  private client: TrainingClient | undefined;
  private worker: Worker | undefined;
  private frame = 0;
  private readonly listeners = new Set<(event: WorkerEvent) => void>();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.worker = startTrainingWorker();
    this.client = new TrainingClient(this.worker);
    this.client.on((event) => this.receive(event));
  }

  hostDisconnected(): void {
    this.worker?.terminate();
    cancelAnimationFrame(this.frame);
  }

  private receive(event: WorkerEvent): void {
    if (event.type === 'metrics') {
      this.history.append(event.columns);
      this.revision++;
    } else if (event.type === 'state') {
      if (event.step === 0 && this.state?.step !== 0) this.history.clear();
      this.state = event;
    } else if (event.type === 'error') {
      this.error = `${event.command}: ${event.message}`;
    }
    for (const l of this.listeners) l(event);
    this.scheduleUpdate();
  }

  /** Redraws at most once per animation frame, however many events arrive. */
  private scheduleUpdate(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.host.requestUpdate();
    });
  }

  /** Calls `listener` on every worker event. */
  on(listener: (event: WorkerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends a command; clears the last error. */
  send(command: Command, transfer: Transferable[] = []): void {
    this.error = undefined;
    this.client?.send(command, transfer);
  }

  /**
   * Starts a run from a configuration; resolves once the worker has built it, rejects (and shows
   * the error) when it refused it, leaving the running session and its history as they were.
   * The history is cleared by the new run's first state event (step 0).
   */
  async load(config: PlaygroundConfig): Promise<void> {
    this.error = undefined;
    await this.requests.request((id) => ({ type: 'load', config, id }), 'loaded');
  }

  /** The underlying client, for request/reply commands. */
  get requests(): TrainingClient {
    if (!this.client) throw new Error('the training worker is not connected');
    return this.client;
  }
}
