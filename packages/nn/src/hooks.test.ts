// Hooks: every N steps / epochs / seconds, metric criteria, no-improvement early stopping,
// stopping on a non-finite loss with the step and the first non-finite parameter, and log.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { seed } from './deps.js';
import { fromArrays, type Dataset } from './data/dataset.js';
import * as hooks from './hooks.js';
import type { HookContext } from './hooks.js';
import { constant } from './init.js';
import { dense } from './layers/dense.js';
import { relu } from './layers/activation.js';
import { sequential } from './layers/containers.js';
import { sgd } from './optim/rules.js';
import { Trainer, type TrainerOptions } from './trainer.js';

const data = (): Dataset => fromArrays([[0, 0], [0, 1], [1, 0], [1, 1], [2, 2], [-1, 0], [0, -1], [-1, -1]], [0, 1, 1, 1, 1, 0, 0, 0]);

const made: Trainer[] = [];
function trainer(options: Partial<TrainerOptions> = {}): Trainer {
  seed(5);
  const t = new Trainer({ model: sequential(dense(2, 4), relu(), dense(4, 2)), loss: 'softmaxCrossEntropy', optimizer: sgd({ lr: 0.1 }), data: data(), batchSize: 2, ...options });
  made.push(t);
  return t;
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const t of made.splice(0)) {
    t.model.dispose();
    t.optimizer.dispose();
  }
});

/** A context with only metrics, for the criteria that read nothing else. */
const ctx = (metrics: Record<string, number>): HookContext => ({ metrics, step: 0, epoch: 0 }) as unknown as HookContext;

describe('every', () => {
  it('{ steps: 3 } fires at steps 3, 6, 9', async () => {
    const t = trainer();
    const fired: number[] = [];
    t.hook(hooks.every({ steps: 3 }, ({ step }) => void fired.push(step)));
    await t.fit({ steps: 10 });
    expect(fired).toEqual([3, 6, 9]);
  });

  it('{ epochs: 2 } fires at epochs 2 and 4', async () => {
    const t = trainer();
    const fired: number[][] = [];
    t.hook(hooks.every({ epochs: 2 }, ({ epoch, step }) => void fired.push([epoch, step])));
    await t.fit({ epochs: 5 });
    // Four steps an epoch.
    expect(fired).toEqual([[2, 8], [4, 16]]);
  });

  it('{ seconds: 1 } fires once at least a second has passed since it last fired', async () => {
    let clock = 1000;
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const t = trainer();
    const fired: number[] = [];
    // Each step "takes" 400 ms of the mocked clock.
    t.hook({ step: () => void (clock += 400) });
    t.hook(hooks.every({ seconds: 1 }, ({ step }) => void fired.push(step)));
    await t.fit({ steps: 10 });
    expect(fired).toEqual([3, 6, 9]);
  });
});

describe('criteria', () => {
  it('metric compares one metric and is false while it is missing', () => {
    expect(hooks.metric('loss', '<', 0.05)(ctx({ loss: 0.04 }))).toBe(true);
    expect(hooks.metric('loss', '<', 0.05)(ctx({ loss: 0.05 }))).toBe(false);
    expect(hooks.metric('loss', '<=', 0.05)(ctx({ loss: 0.05 }))).toBe(true);
    expect(hooks.metric('accuracy', '>', 0.9)(ctx({ accuracy: 0.9 }))).toBe(false);
    expect(hooks.metric('accuracy', '>=', 0.9)(ctx({ accuracy: 0.9 }))).toBe(true);
    expect(hooks.metric('valLoss', '<', 1)(ctx({ loss: 0 }))).toBe(false);
  });

  it('noImprovement counts checks since the best value, by mode and minDelta', () => {
    const run = (c: (x: HookContext) => boolean, values: number[]): boolean[] => values.map((v) => c(ctx({ v })));
    expect(run(hooks.noImprovement('v', { patience: 2 }), [5, 4, 4.5, 4.2, 3, 3, 3])).toEqual([false, false, false, true, false, false, true]);
    expect(run(hooks.noImprovement('v', { patience: 1, mode: 'max' }), [0.5, 0.6, 0.6, 0.7])).toEqual([false, false, true, false]);
    // An improvement smaller than minDelta does not count.
    expect(run(hooks.noImprovement('v', { patience: 2, minDelta: 0.1 }), [1, 0.95, 0.92, 0.5])).toEqual([false, false, true, false]);
    expect(hooks.noImprovement('v', { patience: 1 })(ctx({}))).toBe(false);
  });

  it('when(..., { on: "epoch" }) with noImprovement stops early on a flat validation loss', async () => {
    // lr 0: the validation loss never changes, so it stops after `patience` epochs without improvement.
    const t = trainer({ optimizer: sgd({ lr: 0 }), validation: data() });
    const checked: number[] = [];
    t.hook({ epoch: ({ metrics }) => void checked.push(metrics.valLoss!) });
    t.hook(hooks.when(hooks.noImprovement('valLoss', { patience: 2 }), hooks.stop('no improvement'), { on: 'epoch' }));
    await t.fit({ epochs: 10 });
    expect([t.epoch, t.state, t.stopReason]).toEqual([3, 'stopped', 'no improvement']);
    expect(new Set(checked).size).toBe(1);
  });

  it('when(metric(...)) on steps calls its action only while the condition holds', async () => {
    const t = trainer();
    const fired: number[] = [];
    t.hook(hooks.when((c) => c.step % 4 === 1, ({ step }) => void fired.push(step)));
    await t.fit({ steps: 9 });
    expect(fired).toEqual([1, 5, 9]);
  });
});

// With checkFinite: false, so that the Trainer's own check (a DivergedError) leaves it to the hook.
describe('stopOnNonFinite', () => {
  it('a NaN input: stops at that step and names the first non-finite parameter', async () => {
    const x = [[1, 2], [Number.NaN, 1]];
    const model = sequential(dense(2, 3), dense(3, 1));
    const t = trainer({ model, loss: 'mse', data: fromArrays(x, [[1], [2]]), batchSize: 2, checkFinite: false });
    t.hook(hooks.stopOnNonFinite());
    t.freeze('layers.0.*');
    await t.fit({ steps: 5 });
    // The frozen first layer stays finite; the NaN reaches layers.1 through its gradient.
    expect([t.step, t.state]).toEqual([1, 'stopped']);
    expect(t.stopReason).toBe('step 1: loss is NaN; first non-finite parameter: layers.1.weight');
    t.unfreeze('layers.0.*');
    await t.fit({ steps: 5 });
    expect(t.stopReason).toBe('step 2: loss is NaN; first non-finite parameter: layers.0.weight');
  });

  it('a huge learning rate: the loss overflows and the report names the step', async () => {
    const model = sequential(dense(1, 1, { init: constant(0.5), biasInit: constant(0.5) }));
    const t = trainer({ model, loss: 'mse', optimizer: sgd({ lr: 1e30 }), data: fromArrays([[1]], [[0]]), batchSize: 1, checkFinite: false });
    const losses: number[] = [];
    t.hook({ step: ({ metrics }) => void losses.push(metrics.loss!) });
    t.hook(hooks.stopOnNonFinite());
    await t.fit({ steps: 10 });
    // Step 1: loss (0.5 + 0.5)^2 = 1, then w and b jump by -2e30; step 2's loss overflows float32.
    expect(losses[0]).toBe(1);
    expect(t.step).toBe(2);
    expect(t.stopReason).toMatch(/^step 2: loss is (Infinity|NaN); first non-finite parameter: layers\.0\.weight$/);
  });

  it('a finite loss never stops training', async () => {
    const t = trainer({ checkFinite: false });
    t.hook(hooks.stopOnNonFinite());
    await t.fit({ steps: 6 });
    expect([t.step, t.state, t.stopReason]).toEqual([6, 'idle', undefined]);
  });
});

describe('actions', () => {
  it('log prints the epoch, step and metrics on one line', async () => {
    const t = trainer({ optimizer: sgd({ lr: 0.25 }) });
    const lines: string[] = [];
    t.hook(hooks.every({ steps: 2 }, hooks.log((line) => lines.push(line))));
    await t.fit({ steps: 4 });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^epoch 0 step 2 loss \d\.\d{3,} lr 0\.2500 accuracy (0\.000|0\.5000|1\.000)$/);
  });

  it('run calls a user function with the context', async () => {
    const t = trainer();
    const seen: string[] = [];
    t.hook(hooks.every({ steps: 1 }, hooks.run(({ trainer: tr, step }) => void seen.push(`${tr === t} ${step}`))));
    await t.fit({ steps: 2 });
    expect(seen).toEqual(['true 1', 'true 2']);
  });
});
