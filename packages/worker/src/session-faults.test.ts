// The session under faults and bad input: every message is answered once, a failed step leaves
// the session usable, long commands can be interrupted, and sizes from data are bounded.
import { describe, expect, it } from 'vitest';
import '@webgrad/autograd';
import * as wg from '@webgrad/tensor';
import { DEFAULT_CONFIG, LIMITS, type PlaygroundConfig, type WorkerEvent } from './protocol.js';
import { Session } from './session.js';

function connect() {
  const events: WorkerEvent[] = [];
  const session = new Session((e) => events.push(e));
  const of = <T extends WorkerEvent['type']>(type: T) => events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  /** Events that answer the command with this id. */
  const answers = (id: number) => events.filter((e) => 'id' in e && e.id === id);
  return { session, events, of, answers };
}

const config: PlaygroundConfig = { ...DEFAULT_CONFIG, backend: 'js', dataset: { kind: 'circle', samples: 80, noise: 0.05 }, hidden: [4], batchSize: 16 };

/** A good load and a step work: the session is alive. */
async function alive(s: ReturnType<typeof connect>, id: number): Promise<void> {
  await s.session.receive({ type: 'load', config, id });
  await s.session.receive({ type: 'step', count: 1, id: id + 1 });
  expect(s.answers(id).map((e) => e.type)).toEqual(['loaded']);
  expect(s.answers(id + 1).map((e) => e.type)).toEqual(['done']);
}

describe('Session.receive answers whatever arrives', () => {
  it.each([null, undefined, 0, 'play', [], {}, { type: 'nope' }, { type: 'toString' }, { type: '__proto__' }])('refuses %j with an error event and stays alive', async (message) => {
    const s = connect();
    await s.session.receive(message);
    const errors = s.of('error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.command).toBe('unknown');
    expect(errors[0]!.message).toMatch(/command/);
    await alive(s, 1);
  });

  it('names the command, the field, the value and what fits', async () => {
    const s = connect();
    await s.session.receive({ type: 'load', config, id: 1 });
    const cases: [unknown, string][] = [
      [{ type: 'step', count: '5', id: 2 }, 'step: count must be an integer in [1, 10000], got "5"'],
      [{ type: 'step', count: 1e6, id: 3 }, 'step: count must be an integer in [1, 10000], got 1000000'],
      [{ type: 'set', key: 'dropout', value: 0.5, id: 4 }, 'set: key must be one of lr, batchSize, l1, l2, got "dropout"'],
      [{ type: 'set', key: 'lr', value: 1e30, id: 5 }, 'set lr must be a number in [0, 10], got 1e+30'],
      [{ type: 'setParameter', path: 'layers.0.bias', values: new Float32Array([Infinity, 0, 0, 0]), id: 6 }, 'setParameter: values must be finite, got Infinity at index 0'],
      [{ type: 'freeze', glob: '**', frozen: 'yes', id: 7 }, 'freeze: frozen must be true or false, got "yes"'],
      [{ type: 'snapshot' }, 'snapshot: needs an id'],
      [{ type: 'boundary', id: 8, resolution: null }, 'boundary: resolution must be an integer in [2, 256], got null'],
      [{ type: 'play', id: 9, extra: 1 }, `play: unknown key "extra"`],
      [{ type: 'load', id: 10, config: { ...config, activation: 'constructor' } }, 'configuration: activation must be one of'],
      [{ type: 'load', id: 11, config: { ...config, lr: null } }, 'configuration: lr must be a number in (0, 10], got null'],
      [{ type: 'load', id: 12, config: { ...config, schedule: 'bogus' } }, 'configuration: schedule must be one of constant'],
    ];
    for (const [message, text] of cases) {
      const id = (message as { id?: number }).id;
      const before = s.of('error').length;
      await s.session.receive(message);
      const error = s.of('error').at(-1)!;
      expect(s.of('error')).toHaveLength(before + 1);
      expect(error.message).toContain(text);
      if (id !== undefined) expect(s.answers(id)).toEqual([error]);
    }
    await alive(s, 100);
  });

  it('answers each command with an id exactly once', async () => {
    const s = connect();
    const messages: unknown[] = [
      { type: 'pause', id: 1 }, { type: 'load', config, id: 2 }, { type: 'play', id: 3 }, { type: 'set', key: 'lr', value: 0.1, id: 4 },
      { type: 'snapshot', id: 5 }, { type: 'pause', id: 6 }, { type: 'step', count: 3, id: 7 }, { type: 'reset', id: 8 },
      { type: 'freeze', glob: 'layers.0.*', frozen: true, id: 9 }, { type: 'setBackend', name: 'js', id: 10 }, { type: 'saveCheckpoint', id: 11 },
    ];
    await Promise.all(messages.map((m) => s.session.receive(m)));
    for (let id = 1; id <= 11; id++) expect(s.answers(id), `id ${id}`).toHaveLength(1);
    expect(s.of('error')).toEqual([]);
  });
});

describe('a failed step leaves the session usable', () => {
  it('freezing every parameter and pressing play reports the error, stops play, and then step, load and reset work', async () => {
    const s = connect();
    await s.session.receive({ type: 'load', config, id: 1 });
    await s.session.receive({ type: 'freeze', glob: '**', frozen: true });
    await s.session.receive({ type: 'play' });
    await expect.poll(() => s.of('error').length).toBe(1);
    expect(s.of('error')[0]!.command).toBe('play');
    await expect.poll(() => s.of('state').at(-1)!.state).not.toBe('playing');
    await s.session.receive({ type: 'reset', id: 2 });
    await s.session.receive({ type: 'step', count: 2, id: 3 });
    expect(s.answers(3).map((e) => e.type)).toEqual(['done']);
    expect(s.of('state').at(-1)!.step).toBe(2);
    await alive(s, 10);
  });

  it('a diverging run (SGD at lr 10) stops with "diverged at step N" and the session goes on', async () => {
    const s = connect();
    const csv = ['x,y', ...Array.from({ length: 64 }, (_, i) => `${i},${i * 100 + 0.5}`)].join('\n');
    await s.session.receive({ type: 'load', id: 1, config: { ...config, optimizer: 'sgd', lr: 10, validation: 0, dataset: { kind: 'csv', text: csv, labelColumn: 'y' } } });
    await s.session.receive({ type: 'play' });
    await expect.poll(() => s.of('error').length, { timeout: 10_000 }).toBe(1);
    expect(s.of('error')[0]!.message).toMatch(/^diverged at step \d+: loss is (NaN|Infinity)/);
    // Before it went non-finite, the loss grew past the warning factor: the page was told.
    expect(s.of('notice').map((n) => n.level)).toContain('warning');
    await expect.poll(() => s.of('state').at(-1)!.state).not.toBe('playing');
    await alive(s, 10);
  });
});

describe('long commands yield', () => {
  it('a pause interrupts a step of 10,000 between steps', async () => {
    const s = connect();
    await s.session.receive({ type: 'load', config, id: 1 });
    const stepping = s.session.receive({ type: 'step', count: LIMITS.stepsPerCommand, id: 2 });
    await new Promise((r) => setTimeout(r, 200));
    await s.session.receive({ type: 'pause', id: 3 });
    await stepping;
    const step = s.of('state').at(-1)!.step;
    expect(step).toBeGreaterThan(0);
    expect(step).toBeLessThan(LIMITS.stepsPerCommand);
    expect(s.answers(2).map((e) => e.type)).toEqual(['done']);
  });
});

describe('load is transactional', () => {
  it('a csv that fails to build leaves the old run, its backend and its play going', async () => {
    const s = connect();
    await s.session.receive({ type: 'load', config, id: 1 });
    await s.session.receive({ type: 'play' });
    await s.session.receive({ type: 'load', id: 2, config: { ...config, backend: 'js', dataset: { kind: 'csv', text: 'a,b\n1,x' } } });
    expect(s.answers(2).map((e) => e.type)).toEqual(['error']);
    await expect.poll(() => s.of('state').at(-1)!.state).toBe('playing');
    expect(s.of('state').at(-1)!.config).toEqual(config);
    await s.session.receive({ type: 'pause' });
  });
});

describe('sizes from data are bounded', () => {
  it('a class label of 50,000,000 in a csv is refused naming the label and its line, before any layer is built', async () => {
    const s = connect();
    const csv = ['x,label', ...Array.from({ length: 200_000 }, (_, i) => `${i % 7},${i === 150_000 ? 50_000_000 : i % 3}`)].join('\n');
    const before = wg.memory().liveBytes;
    await s.session.receive({ type: 'load', id: 1, config: { ...config, dataset: { kind: 'csv', text: csv, labelColumn: 'label' } } });
    const error = s.answers(1)[0] as Extract<WorkerEvent, { type: 'error' }>;
    expect(error.type).toBe('error');
    // 200,000 rows are over the row limit; under it, the label is what is refused.
    expect(error.message).toContain(`more than the limit of ${LIMITS.csvRows}`);
    const small = ['x,label', ...Array.from({ length: 50_000 }, (_, i) => `${i % 7},${i === 40_000 ? 50_000_000 : i % 3}`)].join('\n');
    await s.session.receive({ type: 'load', id: 2, config: { ...config, dataset: { kind: 'csv', text: small, labelColumn: 'label' } } });
    expect((s.answers(2)[0] as { message: string }).message).toBe(`dataset: class label 50000000 at line 40002 of the csv (sample 40001) makes 50000001 classes, more than the limit of ${LIMITS.classes}`);
    expect(wg.memory().liveBytes - before).toBeLessThan(1e6);
    await alive(s, 10);
  });

  it('a network past the parameter limit is refused before it is built', async () => {
    const s = connect();
    await s.session.receive({ type: 'load', id: 1, config: { ...config, hidden: [1024, 1024, 1024, 1024, 1024] } });
    expect((s.answers(1)[0] as { message: string }).message).toContain(`more than the limit of ${LIMITS.parameters}`);
  });

  it('a predict that fails frees its input', async () => {
    const s = connect();
    await s.session.receive({ type: 'load', config, id: 1 });
    const live = wg.memory().liveTensors;
    await s.session.receive({ type: 'predict', id: 2, input: new Float32Array(6), shape: [2, 3] });
    expect(s.answers(2).map((e) => e.type)).toEqual(['error']);
    expect(wg.memory().liveTensors).toBe(live);
  });
});
