// The training session as the worker runs it, driven directly: every step's metrics arrive in
// order, pause stops, live settings take effect, bad input is reported and leaves the run alone.
import { describe, expect, it } from 'vitest';
import '@webgrad/autograd';
import '@webgrad/backend-wasm'; // registers 'wasm', for the test that names another backend
import * as wg from '@webgrad/tensor';
import { DEFAULT_CONFIG, type PlaygroundConfig, type WorkerEvent } from './protocol.js';
import { Session } from './session.js';

function connect() {
  const events: WorkerEvent[] = [];
  const session = new Session((e) => events.push(e));
  const of = <T extends WorkerEvent['type']>(type: T) => events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  const steps = () => of('metrics').flatMap((m) => Array.from(m.columns.step));
  return { session, events, of, steps };
}

const config: PlaygroundConfig = { ...DEFAULT_CONFIG, backend: 'js', dataset: { kind: 'circle', samples: 120, noise: 0.05 }, hidden: [8], batchSize: 16 };

describe('Session', () => {
  it('streams every step’s metrics, in order, and reports state', async () => {
    const { session, of, steps } = connect();
    await session.handle({ type: 'load', config });
    await session.handle({ type: 'step', count: 25 });
    const s = steps().filter((v, i, a) => i === 0 || v !== a[i - 1]);
    expect(s).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const last = of('state').at(-1)!;
    expect(last.step).toBe(25);
    expect(last.state).toBe('paused');
    expect(last.inputs).toBe(2);
    expect(last.classes).toBe(2);
    expect(of('metrics').every((m) => m.columns.loss instanceof Float32Array)).toBe(true);
  });

  it('plays until paused, then stays put', async () => {
    const { session, of } = connect();
    await session.handle({ type: 'load', config });
    await session.handle({ type: 'play' });
    await new Promise((r) => setTimeout(r, 300));
    await session.handle({ type: 'pause' });
    const paused = of('state').at(-1)!.step;
    expect(paused).toBeGreaterThan(5);
    await new Promise((r) => setTimeout(r, 100));
    await session.handle({ type: 'step', count: 1 });
    expect(of('state').at(-1)!.step).toBe(paused + 1);
  });

  it('a learning rate of 0 leaves the weights unchanged', async () => {
    const { session, of } = connect();
    await session.handle({ type: 'load', config: { ...config, optimizer: 'sgd' } });
    await session.handle({ type: 'step', count: 3 });
    await session.handle({ type: 'set', key: 'lr', value: 0 });
    await session.handle({ type: 'snapshot', id: 1 });
    await session.handle({ type: 'step', count: 5 });
    await session.handle({ type: 'snapshot', id: 2 });
    const [a, b] = of('snapshot');
    expect(b!.parameters.map((p) => Array.from(p.values))).toEqual(a!.parameters.map((p) => Array.from(p.values)));
  });

  it('a checkpoint round trip restores identical predictions', async () => {
    const { session, of } = connect();
    await session.handle({ type: 'load', config });
    await session.handle({ type: 'step', count: 10 });
    await session.handle({ type: 'saveCheckpoint', id: 1 });
    const saved = of('checkpoint')[0]!.buffer.slice(0);
    await session.handle({ type: 'boundary', id: 2, resolution: 8 });
    await session.handle({ type: 'step', count: 10 });
    await session.handle({ type: 'boundary', id: 3, resolution: 8 });
    await session.handle({ type: 'loadCheckpoint', id: 4, buffer: saved });
    await session.handle({ type: 'boundary', id: 5, resolution: 8 });
    const [atSave, moved, restored] = of('boundary').map((b) => Array.from(b.values));
    expect(moved).not.toEqual(atSave);
    expect(restored).toEqual(atSave);
    expect(of('loaded')).toHaveLength(1);
    expect(of('state').at(-1)!.step).toBe(10);
  });

  it('reports an impossible configuration and keeps the running session', async () => {
    const { session, of } = connect();
    await session.handle({ type: 'load', config });
    await session.handle({ type: 'step', count: 2 });
    await session.handle({ type: 'load', config: { ...config, hidden: [8, -1] } });
    expect(of('error').at(-1)!.message).toContain("hidden layer 2's width");
    await session.handle({ type: 'step', count: 1 });
    expect(of('state').at(-1)!.step).toBe(3);
  });

  it('reports a malformed CSV and a checkpoint of another architecture', async () => {
    const { session, of } = connect();
    await session.handle({ type: 'load', config });
    await session.handle({ type: 'saveCheckpoint', id: 1 });
    const other = of('checkpoint')[0]!.buffer;
    await session.handle({ type: 'load', config: { ...config, dataset: { kind: 'csv', text: 'a,b,label\n1,2,0\n3,x,1\n' } } });
    expect(of('error').at(-1)!.message).toMatch(/line 3/);
    await session.handle({ type: 'load', config: { ...config, hidden: [4, 4] } });
    await session.handle({ type: 'loadCheckpoint', id: 2, buffer: other });
    expect(of('error').at(-1)!.command).toBe('loadCheckpoint');
    await session.handle({ type: 'step', count: 1 });
    expect(of('state').at(-1)!.step).toBe(1);
  });

  it('a refused command names its id, so that its request is rejected instead of left waiting', async () => {
    const { session, of } = connect();
    await session.handle({ type: 'load', config, id: 7 });
    expect(of('loaded').map((e) => e.id)).toEqual([7]);
    await session.handle({ type: 'load', config: { ...config, hidden: [0] }, id: 8 });
    await session.handle({ type: 'loadCheckpoint', id: 9, buffer: new ArrayBuffer(3) });
    expect(of('error').map((e) => [e.command, e.id])).toEqual([['load', 8], ['loadCheckpoint', 9]]);
    expect(of('loaded').map((e) => e.id)).toEqual([7]);
  });

  it('a refused configuration that names another backend leaves the running one on its backend', async () => {
    const { session, of } = connect();
    await session.handle({ type: 'load', config });
    await session.handle({ type: 'load', config: { ...config, backend: 'wasm', hidden: [8, -1] } });
    expect(of('error').at(-1)!.message).toContain("hidden layer 2's width");
    expect(wg.getBackend()).toBe('js');
    await session.handle({ type: 'step', count: 2 });
    expect(of('state').at(-1)!.step).toBe(2);
  });

  it('a refused checkpoint during play leaves training running', async () => {
    const { session, of } = connect();
    await session.handle({ type: 'load', config });
    await session.handle({ type: 'play' });
    await session.handle({ type: 'loadCheckpoint', id: 1, buffer: new ArrayBuffer(3) });
    expect(of('error').at(-1)!.command).toBe('loadCheckpoint');
    expect(of('error').at(-1)!.message.length).toBeGreaterThan(20);
    const at = of('state').at(-1)!;
    expect(at.state).toBe('playing');
    await new Promise((r) => setTimeout(r, 100));
    await session.handle({ type: 'pause' });
    expect(of('state').at(-1)!.step).toBeGreaterThan(at.step);
  });

  it('answers commands before a model exists with an error, not a crash', async () => {
    const { session, of } = connect();
    await session.handle({ type: 'play' });
    expect(of('error')[0]!.message).toContain('no model is loaded');
  });
});

describe('neuron view data', () => {
  it('gives every unit of every activation layer a heatmap over the input plane', async () => {
    const { session, of } = connect();
    await session.handle({ type: 'load', config: { ...config, hidden: [3, 2] } });
    await session.handle({ type: 'neurons', id: 7, resolution: 4 });
    expect(of('error')).toEqual([]);
    const [event] = of('neurons');
    expect(event!.layers.map((l) => [l.path, l.units, l.values.length])).toEqual([['layers.1', 3, 48], ['layers.3', 2, 32], ['layers.4', 2, 32]]);
    // tanh units stay in (-1, 1).
    expect(Array.from(event!.layers[0]!.values).every((v) => v > -1 && v < 1)).toBe(true);
  });
});

describe('loss choice', () => {
  it('trains a regression plane with huber, and refuses cross-entropy on a regression target', async () => {
    const { session, of } = connect();
    await session.handle({ type: 'load', config: { ...config, dataset: { kind: 'plane', samples: 64 }, loss: 'huber' } });
    await session.handle({ type: 'step', count: 3 });
    expect(of('state').at(-1)!.classes).toBe(1);
    expect(of('error')).toEqual([]);
    await session.handle({ type: 'load', config: { ...config, dataset: { kind: 'plane', samples: 64 }, loss: 'softmaxCrossEntropy' } });
    expect(of('error').at(-1)!.message).toContain("loss 'softmaxCrossEntropy' does not fit a regression target");
  });
});
