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
    addEventListener: (_type, l) => void (listener = l),
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
