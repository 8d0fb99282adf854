// A Lit ReactiveController that owns the training worker: it sends commands, keeps the run's
// metrics (a bounded history), the latest state, the last error and the worker's notices, and
// asks the host to redraw at most once per animation frame and at most every DRAW_EVERY_MS.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { TrainingClient, type Command, type PlaygroundConfig, type StateEvent, type WorkerEvent } from '@webgrad/worker/page';
import { MetricHistory } from './metric-history.js';
import { startTrainingWorker } from './worker-start.js';

export { MetricHistory } from './metric-history.js';

/** Something the worker told the user without stopping: a recovery (info) or a warning. */
export interface Notice {
  level: 'info' | 'warning';
  message: string;
}

/**
 * The least time between two redraws that new metrics ask for. Training sends a batch every few
 * milliseconds; drawing all the charts on every frame took about half the main thread's time in
 * Chromium (mostly compositing, not script), on a machine whose other core trains.
 */
const DRAW_EVERY_MS = 50;

/** Notices kept at once; older ones give way. */
const MAX_NOTICES = 5;

type RequestReply = Parameters<TrainingClient['request']>[1];

/** Connects a host element to a training worker. */
export class TrainingController implements ReactiveController {
  readonly history = new MetricHistory();
  state: StateEvent | undefined;
  /** The last error the worker reported; cleared by the next command the user gives. */
  error: string | undefined;
  /** What the worker told the user, oldest first, until dismissed or a new run starts. */
  notices: Notice[] = [];
  /** Bumped whenever new metrics arrive, so charts know to redraw. */
  revision = 0;
  private client: TrainingClient | undefined;
  private worker: Worker | undefined;
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private drawn = -Infinity;
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
    // Through the client, so that requests still waiting (a view fetch, a load) reject.
    this.client?.terminate();
    cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    this.frame = 0;
    this.timer = undefined;
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
    } else if (event.type === 'notice') {
      // The same message again (a warning repeated every few steps) is not a new notice.
      if (this.notices.at(-1)?.message !== event.message) this.notices = [...this.notices, { level: event.level, message: event.message }].slice(-MAX_NOTICES);
    }
    for (const l of this.listeners) l(event);
    this.scheduleUpdate();
  }

  /** Redraws on the next animation frame at least {@link DRAW_EVERY_MS} after the last, however many events arrive. */
  private scheduleUpdate(): void {
    if (this.frame || this.timer !== undefined) return;
    const draw = () => {
      this.timer = undefined;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.drawn = performance.now();
        this.host.requestUpdate();
      });
    };
    const wait = this.drawn + DRAW_EVERY_MS - performance.now();
    if (wait > 0) this.timer = setTimeout(draw, wait);
    else draw();
  }

  /** Calls `listener` on every worker event. */
  on(listener: (event: WorkerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends a command the user gave; clears the last error (an error of this one sets it again). */
  send(command: Command, transfer: ArrayBuffer[] = []): void {
    this.error = undefined;
    this.client?.send(command, transfer);
  }

  /**
   * Sends a request the user made (a checkpoint, a prediction) and resolves with its reply; clears
   * the last error, like {@link send}. The views' own polling goes through {@link requests}, which
   * leaves the error shown.
   */
  request<T extends RequestReply>(make: (id: number) => Command, replyType: T, transfer: ArrayBuffer[] = []): Promise<Extract<WorkerEvent, { type: T }>> {
    this.error = undefined;
    this.host.requestUpdate();
    return this.requests.request(make, replyType, transfer);
  }

  /** Removes a notice (the user dismissed it). */
  dismiss(notice: Notice): void {
    this.notices = this.notices.filter((n) => n !== notice);
    this.host.requestUpdate();
  }

  /** Forgets the notices, which told of the run before (a new run starts). */
  clearNotices(): void {
    this.notices = [];
    this.host.requestUpdate();
  }

  /**
   * Starts a run from a configuration; resolves once the worker has built it, rejects (and shows
   * the error) when it refused it, leaving the running session and its history as they were.
   * The history is cleared by the new run's first state event (step 0).
   */
  async load(config: PlaygroundConfig): Promise<void> {
    await this.request((id) => ({ type: 'load', config, id }), 'loaded');
  }

  /** The underlying client, for request/reply commands. */
  get requests(): TrainingClient {
    if (!this.client) throw new Error('the training worker is not connected');
    return this.client;
  }
}
