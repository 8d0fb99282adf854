// The page's side of the protocol: sends typed commands to the worker, dispatches its events,
// and pairs request/reply commands (snapshot, boundary, predict, checkpoints) with promises.
import type { Command, WorkerEvent } from './protocol.js';

type Reply<T extends WorkerEvent['type']> = Extract<WorkerEvent, { type: T }>;

/** Anything with postMessage and message events: a Worker, a MessagePort. */
export interface Port {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
}

/** A typed connection to a training worker. */
export class TrainingClient {
  private readonly listeners = new Set<(event: WorkerEvent) => void>();
  private readonly pending = new Map<number, { resolve: (e: WorkerEvent) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  constructor(private readonly port: Port) {
    port.addEventListener('message', (e: MessageEvent<WorkerEvent>) => this.receive(e.data));
  }

  private receive(event: WorkerEvent): void {
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
  send(command: Command, transfer: Transferable[] = []): void {
    this.port.postMessage(command, transfer);
  }

  /** Sends a command with an id and resolves with the event that answers it. */
  request<T extends 'snapshot' | 'boundary' | 'neurons' | 'prediction' | 'checkpoint' | 'loaded'>(make: (id: number) => Command, replyType: T, transfer: Transferable[] = []): Promise<Reply<T>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        resolve: (e) => (e.type === replyType ? resolve(e as Reply<T>) : reject(new Error(`expected ${replyType}, got ${e.type}`))),
        reject,
      });
      this.send(make(id), transfer);
    });
  }
}
