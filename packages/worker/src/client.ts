// The page's side of the protocol: sends typed commands to the worker, dispatches its events,
// and pairs request/reply commands with promises. A request never waits forever: it rejects when
// the worker reports an error for it, when the worker itself fails or is terminated, or after a timeout.
import type { Command, WorkerEvent } from './protocol.js';

type Reply<T extends WorkerEvent['type']> = Extract<WorkerEvent, { type: T }>;
/** Event types that answer a request. */
export type ReplyType = 'snapshot' | 'boundary' | 'neurons' | 'prediction' | 'checkpoint' | 'loaded' | 'done';

/** Anything with postMessage and message events: a Worker, a MessagePort. */
export interface Port {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  /** 'message' events, and a Worker's 'error' events (an uncaught error in it, a script that failed to load). */
  addEventListener(type: 'message' | 'error', listener: (e: MessageEvent) => void): void;
  terminate?(): void;
}

/** How long a request waits for its answer by default: a large CSV load on js is the slowest. */
export const REQUEST_TIMEOUT_MS = 60_000;

/** A typed connection to a training worker. */
export class TrainingClient {
  private readonly listeners = new Set<(event: WorkerEvent) => void>();
  private readonly pending = new Map<number, { resolve: (e: WorkerEvent) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  /** Why the connection ended, once it has: every later request rejects with it. */
  private closed: Error | undefined;

  constructor(private readonly port: Port, private readonly options: { timeoutMs?: number } = {}) {
    port.addEventListener('message', (e: MessageEvent<WorkerEvent>) => this.receive(e.data));
    port.addEventListener('error', (e: Event) => {
      // Rejects what waits (its answer may never come); later requests are still sent, and time out if the worker is dead.
      const detail = (e as ErrorEvent).message;
      this.rejectPending(new Error(`the training worker failed${detail ? `: ${detail}` : ''}`));
    });
  }

  private receive(event: WorkerEvent): void {
    if (typeof event !== 'object' || event === null) return;
    if ('id' in event && event.id !== undefined && this.pending.has(event.id)) {
      const waiting = this.pending.get(event.id)!;
      this.pending.delete(event.id);
      if (event.type === 'error') waiting.reject(new Error(`${event.command}: ${event.message}`));
      else waiting.resolve(event);
    }
    for (const listener of this.listeners) listener(event);
  }

  /** Calls `listener` for every event; returns a function that stops it. */
  on(listener: (event: WorkerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends a command that needs no reply. */
  send(command: Command, transfer: ArrayBuffer[] = []): void {
    if (this.closed) throw this.closed;
    this.port.postMessage(command, transfer);
  }

  /**
   * Sends a command with an id and resolves with the event that answers it ('done' for a
   * command without a reply of its own); rejects with the worker's error for it, when the
   * connection ends, or after `timeoutMs`.
   */
  request<T extends ReplyType>(make: (id: number) => Command, replyType: T, transfer: ArrayBuffer[] = [], timeoutMs = this.options.timeoutMs ?? REQUEST_TIMEOUT_MS): Promise<Reply<T>> {
    if (this.closed) return Promise.reject(this.closed);
    const id = this.nextId++;
    const command = make(id);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${command.type}: the training worker did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      const settle = <A extends unknown[]>(f: (...a: A) => void) => (...a: A) => {
        clearTimeout(timer);
        f(...a);
      };
      this.pending.set(id, {
        resolve: settle((e: WorkerEvent) => (e.type === replyType ? resolve(e as Reply<T>) : reject(new Error(`${command.type}: expected ${replyType}, got ${e.type}`)))),
        reject: settle(reject),
      });
      try {
        this.port.postMessage(command, transfer);
      } catch (e) {
        this.pending.get(id)?.reject(e as Error);
        this.pending.delete(id);
      }
    });
  }

  /** Ends the connection: terminates the worker (when the port can) and rejects every waiting request. */
  terminate(): void {
    this.close(new Error('the training worker was terminated'));
    this.port.terminate?.();
  }

  private close(reason: Error): void {
    this.closed ??= reason;
    this.rejectPending(reason);
  }

  private rejectPending(reason: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(reason);
    this.pending.clear();
  }
}
