// The page's side of the protocol: replies resolve their request, and an error that names a
// request's id rejects it with the worker's message instead of leaving it waiting forever.
import { describe, expect, it } from 'vitest';
import { TrainingClient, type Port } from './client.js';
import type { Command, WorkerEvent } from './protocol.js';

/** A port whose worker side answers each command with `answer(command)`. */
function port(answer: (c: Command) => WorkerEvent | undefined): Port {
  let listener: ((e: MessageEvent) => void) | undefined;
  return {
    postMessage: (message) => {
      const reply = answer(message as Command);
      if (reply) queueMicrotask(() => listener?.({ data: reply } as MessageEvent));
    },
    addEventListener: (type, l) => void (type === 'message' && (listener = l)),
  };
}

describe('TrainingClient.request', () => {
  it('resolves with the reply that carries its id', async () => {
    const client = new TrainingClient(port((c) => (c.type === 'saveCheckpoint' ? { type: 'checkpoint', id: c.id, buffer: new ArrayBuffer(4) } : undefined)));
    const reply = await client.request((id) => ({ type: 'saveCheckpoint', id }), 'checkpoint');
    expect(reply.buffer.byteLength).toBe(4);
  });

  it('rejects with the worker’s message when the error names its id', async () => {
    const client = new TrainingClient(port((c) => (c.type === 'loadCheckpoint' ? { type: 'error', id: c.id, command: 'loadCheckpoint', message: 'layers.0.weight: expected [2,8], got [2,4]' } : undefined)));
    await expect(client.request((id) => ({ type: 'loadCheckpoint', id, buffer: new ArrayBuffer(0) }), 'loaded')).rejects.toThrow('loadCheckpoint: layers.0.weight: expected [2,8], got [2,4]');
  });

  it('an error without an id leaves other requests alone and still reaches listeners', async () => {
    const seen: string[] = [];
    const client = new TrainingClient(port((c) => (c.type === 'snapshot' ? { type: 'snapshot', id: c.id, parameters: [] } : c.type === 'step' ? { type: 'error', command: 'step', message: 'no model' } : undefined)));
    client.on((e) => void seen.push(e.type));
    client.send({ type: 'step', count: 1 });
    const reply = await client.request((id) => ({ type: 'snapshot', id }), 'snapshot');
    expect(reply.parameters).toEqual([]);
    expect(seen).toEqual(['error', 'snapshot']);
  });
});

describe('TrainingClient never leaves a request waiting', () => {
  /** A port that never answers, with the hooks a Worker has. */
  function silentPort() {
    const listeners: Record<string, ((e: Event) => void)[]> = { message: [], error: [] };
    let terminated = false;
    const port: Port = {
      postMessage: () => undefined,
      addEventListener: (type: string, l: (e: never) => void) => void listeners[type]!.push(l as (e: Event) => void),
      terminate: () => void (terminated = true),
    };
    return { port, fail: (message: string) => listeners.error!.forEach((l) => l({ message } as unknown as Event)), terminated: () => terminated };
  }

  it('rejects after its timeout, naming the command', async () => {
    const client = new TrainingClient(silentPort().port, { timeoutMs: 20 });
    await expect(client.request((id) => ({ type: 'snapshot', id }), 'snapshot')).rejects.toThrow('snapshot: the training worker did not answer within 20 ms');
  });

  it('rejects what waits when the worker fails, and keeps sending', async () => {
    const { port, fail } = silentPort();
    const client = new TrainingClient(port, { timeoutMs: 5_000 });
    const waiting = client.request((id) => ({ type: 'saveCheckpoint', id }), 'checkpoint');
    fail('boom');
    await expect(waiting).rejects.toThrow('the training worker failed: boom');
    expect(() => client.send({ type: 'play' })).not.toThrow();
  });

  it('rejects what waits, and everything later, once terminated', async () => {
    const { port, terminated } = silentPort();
    const client = new TrainingClient(port, { timeoutMs: 5_000 });
    const waiting = client.request((id) => ({ type: 'step', count: 1, id }), 'done');
    client.terminate();
    expect(terminated()).toBe(true);
    await expect(waiting).rejects.toThrow('terminated');
    await expect(client.request((id) => ({ type: 'snapshot', id }), 'snapshot')).rejects.toThrow('terminated');
    expect(() => client.send({ type: 'play' })).toThrow('terminated');
  });

  it('resolves a command without a reply of its own with done', async () => {
    const client = new TrainingClient(port((c) => (c.type === 'step' && c.id !== undefined ? { type: 'done', id: c.id, command: 'step' } : undefined)));
    expect((await client.request((id) => ({ type: 'step', count: 2, id }), 'done')).command).toBe('step');
  });
});
