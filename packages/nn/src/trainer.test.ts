// The Trainer: step and epoch counts, validation metrics, evaluate and predict, pause / resume /
// single-step, freezing, re-initialising, modifiers, timings, shape errors and memory per step.
import { afterEach, describe, expect, it } from 'vitest';
import { memory, Random, seed, tensor, type Tensor } from './deps.js';
import { fromArrays, type Dataset } from './data/dataset.js';
import * as hooks from './hooks.js';
import { constant, orthogonal } from './init.js';
import { dense } from './layers/dense.js';
import { relu } from './layers/activation.js';
import { sequential } from './layers/containers.js';
import { clipValues } from './modifiers.js';
import { Module } from './module.js';
import { adam, sgd } from './optim/rules.js';
import * as schedules from './schedules.js';
import { Trainer, type TrainerOptions } from './trainer.js';

/** Two Gaussian blobs around (-1, -1) (class 0) and (1, 1) (class 1). */
function blobs(n: number, seedValue = 1): Dataset {
  const rng = new Random(seedValue);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    x.push([2 * c - 1 + 0.5 * rng.normal(), 2 * c - 1 + 0.5 * rng.normal()]);
    y.push(c);
  }
  return fromArrays(x, y);
}

const made: Trainer[] = [];
function trainer(options: Partial<TrainerOptions> = {}): Trainer {
  seed(3);
  const t = new Trainer({ model: sequential(dense(2, 8), relu(), dense(8, 2)), loss: 'softmaxCrossEntropy', optimizer: sgd({ lr: 0.1 }), data: blobs(16), batchSize: 4, ...options });
  made.push(t);
  return t;
}
afterEach(() => {
  for (const t of made.splice(0)) {
    t.model.dispose();
    t.optimizer.dispose();
  }
});

async function values(t: Tensor): Promise<number[]> {
  return Array.from(await t.data());
}

describe('fit counts', () => {
  it('fit({ steps }) and fit({ epochs }) continue from where training is', async () => {
    const t = trainer();
    const ends: number[] = [];
    t.hook({ end: (ctx) => void ends.push(ctx.step) });
    await t.fit({ steps: 7 });
    // 16 samples in batches of 4: four steps an epoch.
    expect([t.step, t.epoch, t.state]).toEqual([7, 1, 'idle']);
    await t.fit({ epochs: 2 });
    expect([t.step, t.epoch]).toEqual([12, 3]);
    expect(ends).toEqual([7, 12]);
  });

  it('a last partial batch is a step of its own', async () => {
    const t = trainer({ data: blobs(18) });
    const sizes: number[] = [];
    t.hook({ step: (ctx) => void sizes.push(ctx.step) });
    await t.fit({ epochs: 1 });
    expect(t.step).toBe(5);
    expect(sizes).toEqual([1, 2, 3, 4, 5]);
  });

  it('gathers the next batch while the step awaits, in the order data.batches gives', async () => {
    const data = blobs(16);
    const t = trainer({ data, seed: 5 });
    const events: string[] = [];
    const gathered: number[][] = [];
    const hostBatches = data.hostBatches.bind(data);
    data.hostBatches = function* (size, options) {
      for (const part of hostBatches(size, options)) {
        events.push('gather');
        gathered.push(Array.from(part.features.values));
        yield part;
      }
    };
    // A step hook that waits like a device read-back does: the next batch is gathered meanwhile.
    t.hook({
      step: async () => {
        events.push('wait');
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push('done');
      },
    });
    await t.fit({ steps: 3 });
    expect(events.slice(0, 5)).toEqual(['gather', 'wait', 'gather', 'done', 'wait']);
    const expected = Array.from(hostBatches(4, { seed: 5, epoch: 0 }), (part) => Array.from(part.features.values));
    expect(gathered).toEqual(expected.slice(0, gathered.length));
  });

  it('needs epochs or steps, and refuses an empty dataset instead of hanging', async () => {
    await expect(trainer().fit({})).rejects.toThrow('Trainer.fit: give epochs or steps');
    const empty = trainer({ data: fromArrays(new Float32Array(0), new Int32Array(0), { featureShape: [2] }) });
    await expect(empty.fit({ steps: 3 })).rejects.toThrow('Trainer.fit: the training data has no samples');
  });

  it('an unknown loss name is refused', () => {
    expect(() => trainer({ loss: 'nope' as 'mse' })).toThrow("Trainer: unknown loss 'nope' (expected one of mse, mae, huber, softmaxCrossEntropy, binaryCrossEntropy or a function)");
  });
});

describe('metrics and evaluation', () => {
  it('each step reports loss, accuracy and the learning rate it used', async () => {
    const t = trainer({ optimizer: sgd({ lr: 1, schedule: schedules.step({ every: 1, gamma: 0.5 }) }) });
    const seen: Record<string, number>[] = [];
    t.hook({ step: (ctx) => void seen.push({ ...ctx.metrics }) });
    await t.fit({ steps: 3 });
    expect(seen.map((m) => m.lr)).toEqual([1, 0.5, 0.25]);
    for (const m of seen) {
      expect(Object.keys(m).sort()).toEqual(['accuracy', 'loss', 'lr']);
      expect(m.loss).toBeGreaterThan(0);
      expect([0, 0.25, 0.5, 0.75, 1]).toContain(m.accuracy);
    }
  });

  it('valLoss and valAccuracy appear after each epoch and equal evaluate() on the validation set', async () => {
    const validation = blobs(10, 9);
    const t = trainer({ validation });
    const atEpochs: [number, number, number, Record<string, number>][] = [];
    t.hook({ epoch: async (ctx) => void atEpochs.push([ctx.epoch, ctx.metrics.valLoss!, ctx.metrics.valAccuracy!, await ctx.trainer.evaluate(validation)]) });
    await t.fit({ epochs: 3 });
    expect(atEpochs.map(([e]) => e)).toEqual([1, 2, 3]);
    for (const [, valLoss, valAccuracy, evaluated] of atEpochs) {
      expect(valLoss).toBeCloseTo(evaluated.loss!, 6);
      expect(valAccuracy).toBe(evaluated.accuracy);
      expect(Number.isInteger(valAccuracy * 10)).toBe(true);
    }
  });

  it('evaluate weights each batch by its size: the mean over every sample', async () => {
    const model = sequential(dense(1, 1, { init: constant(2), biasInit: constant(0) }));
    const t = trainer({ model, loss: 'mse', data: fromArrays([[1], [2], [3]], [[1], [1], [1]]), batchSize: 2 });
    // Predictions 2, 4, 6 against 1: squared errors 1, 9, 25.
    expect(await t.evaluate()).toEqual({ loss: expect.closeTo(35 / 3, 5) });
  });

  it('evaluate and predict run in eval mode and leave the mode as it was', async () => {
    const modes: boolean[] = [];
    class Spy extends Module {
      readonly kind = 'spy';
      forward(x: Tensor): Tensor {
        modes.push(this.training);
        return x;
      }
    }
    const model = sequential(dense(2, 2), new Spy());
    const t = trainer({ model });
    for (const training of [true, false]) {
      model.train(training);
      await t.evaluate();
      const y = t.predict(tensor([[1, 2]]));
      expect(y.requiresGrad).toBe(false);
      expect(y.shape).toEqual([1, 2]);
      y.dispose();
      expect(model.training).toBe(training);
      expect(model.namedModules().every(([, m]) => m.training === training)).toBe(true);
    }
    expect(modes.length).toBeGreaterThan(0);
    expect(modes.every((m) => !m)).toBe(true);
    await t.fit({ steps: 1 });
    expect(modes.at(-1)).toBe(true);
  });

  it('predict gives the model output', async () => {
    const model = sequential(dense(2, 1, { init: constant(1), biasInit: constant(0.5) }));
    const t = trainer({ model, loss: 'mse' });
    const y = t.predict(tensor([[1, 2], [3, -4]]));
    expect(await values(y)).toEqual([3.5, -0.5]);
    y.dispose();
  });

  it('timing phases are non-negative finite numbers', async () => {
    const t = trainer();
    const timings: number[][] = [];
    t.hook({ step: (ctx) => void timings.push(Object.values(ctx.timing)) });
    await t.fit({ steps: 3 });
    expect(Object.keys(t.timing).sort()).toEqual(['backward', 'data', 'forward', 'sync', 'update']);
    expect(timings.flat().every((ms) => Number.isFinite(ms) && ms >= 0)).toBe(true);
  });
});

describe('pause, single-step, resume', () => {
  const until = async (done: () => boolean): Promise<void> => {
    for (let i = 0; i < 1000 && !done(); i++) await new Promise((r) => setTimeout(r, 1));
    expect(done()).toBe(true);
  };

  it('pause from a step hook makes fit wait; singleStep advances one step; resume finishes at the target', async () => {
    const t = trainer();
    t.hook({ step: (ctx) => (ctx.step === 2 ? ctx.trainer.pause() : undefined) });
    let resolved = false;
    const done = t.fit({ steps: 10 }).then(() => (resolved = true));
    await until(() => t.state === 'paused');
    await new Promise((r) => setTimeout(r, 20));
    expect([t.step, resolved]).toEqual([2, false]);
    await t.singleStep();
    expect([t.step, t.state, resolved]).toEqual([3, 'paused', false]);
    await t.singleStep();
    expect(t.step).toBe(4);
    t.resume();
    await done;
    expect([t.step, t.epoch, t.state]).toEqual([10, 2, 'idle']);
  });

  it('at the end of the data, singleStep closes the epoch (validation, epoch hooks) without a step', async () => {
    const t = trainer({ validation: blobs(4, 5) });
    await t.fit({ steps: 4 });
    expect([t.step, t.epoch]).toEqual([4, 0]);
    await t.singleStep();
    expect([t.step, t.epoch]).toEqual([4, 1]);
    expect(t.metrics.valLoss).toBeGreaterThan(0);
    await t.singleStep();
    expect([t.step, t.epoch]).toEqual([5, 1]);
  });

  it('a pause that arrives while a step is in flight takes effect after it: once paused, no step runs', async () => {
    const t = trainer();
    let stateDuringStep = '';
    t.hook({
      step: async (ctx) => {
        if (ctx.step !== 1) return;
        t.pause();
        stateDuringStep = t.state;
        await new Promise((r) => setTimeout(r, 5));
      },
    });
    const done = t.fit({ steps: 5 });
    await until(() => t.state === 'paused');
    expect(stateDuringStep).toBe('running');
    await new Promise((r) => setTimeout(r, 20));
    expect(t.step).toBe(1);
    t.resume();
    await done;
    expect([t.step, t.state]).toEqual([5, 'idle']);
  });

  it('pause, resume and stop from outside (a timer, a worker message) reach a running fit', async () => {
    const t = trainer();
    const done = t.fit({ steps: 1_000_000 });
    setTimeout(() => t.pause(), 5);
    await until(() => t.state === 'paused');
    const at = t.step;
    await new Promise((r) => setTimeout(r, 20));
    expect(t.step).toBe(at);
    t.resume();
    await until(() => t.step > at);
    setTimeout(() => t.stop('user'), 1);
    await done;
    expect([t.state, t.stopReason]).toEqual(['stopped', 'user']);
    expect(t.step).toBeGreaterThan(at);
    expect(t.step).toBeLessThan(1_000_000);
  });
});

describe('parameters', () => {
  it('freeze(glob) keeps those parameters unchanged while the others train; unfreeze trains them again', async () => {
    const t = trainer({ optimizer: adam({ lr: 0.05 }) });
    t.freeze('layers.0.*');
    const before = await Promise.all(t.model.parameters().map(values));
    await t.fit({ steps: 5 });
    const after = await Promise.all(t.model.parameters().map(values));
    expect(after[0]).toEqual(before[0]);
    expect(after[1]).toEqual(before[1]);
    expect(after[2]).not.toEqual(before[2]);
    expect(after[3]).not.toEqual(before[3]);
    t.unfreeze('layers.0.*');
    await t.fit({ steps: 1 });
    expect(await values(t.model.parameters()[0]!)).not.toEqual(before[0]);
  });

  it('initialise(glob, init) re-initialises the selected parameters only', async () => {
    const t = trainer();
    const w2 = await values(t.model.parameters()[2]!);
    t.initialise('**.bias', constant(0.5)).initialise('layers.0.weight', orthogonal(1, { seed: 1 }));
    const [w0, b0, w2After, b2] = await Promise.all(t.model.parameters().map(values));
    expect(b0).toEqual(new Array(8).fill(0.5));
    expect(b2).toEqual([0.5, 0.5]);
    expect(w2After).toEqual(w2);
    // [2, 8] orthogonal: the two rows are orthonormal.
    const dot = (i: number, j: number): number => w0!.slice(8 * i, 8 * i + 8).reduce((s, x, k) => s + x * w0![8 * j + k]!, 0);
    expect([dot(0, 0), dot(0, 1), dot(1, 1)]).toEqual([1, 0, 1].map((x) => expect.closeTo(x, 5)));
    expect(t.model.parameters().every((p) => p.requiresGrad)).toBe(true);
  });

  it('a glob that selects nothing is an error listing the parameters', () => {
    expect(() => trainer().freeze('encoder.*')).toThrow("Trainer: no parameter matches 'encoder.*' (parameters: layers.0.weight, layers.0.bias, layers.2.weight, layers.2.bias)");
  });

  it('modify(glob, modifier) is applied after every step', async () => {
    const t = trainer({ optimizer: sgd({ lr: 5 }) });
    t.modify('**.weight', clipValues(-0.1, 0.1));
    const extremes: number[] = [];
    t.hook({
      step: async (ctx) => {
        const [w0, b0] = await Promise.all(ctx.trainer.model.parameters().slice(0, 2).map(values));
        extremes.push(Math.max(...w0!.map(Math.abs)), Math.max(...b0!.map(Math.abs)));
      },
    });
    await t.fit({ steps: 4 });
    const weights = extremes.filter((_, i) => i % 2 === 0);
    expect(weights.every((m) => m <= Math.fround(0.1))).toBe(true);
    expect(weights.some((m) => m === Math.fround(0.1))).toBe(true);
    // Biases are not selected: with lr 5 they move past 0.1.
    expect(Math.max(...extremes.filter((_, i) => i % 2 === 1))).toBeGreaterThan(0.1);
  });
});

describe('bad input and memory', () => {
  it('data whose features do not fit the model: an error naming the layer and both shapes', async () => {
    const t = trainer({ data: fromArrays([[1, 2, 3], [4, 5, 6]], [0, 1]) });
    const live = memory().liveTensors;
    await expect(t.fit({ steps: 1 })).rejects.toThrow("dense 'layers.0': expected input [..., 2], got [2,3]");
    // The failed step freed its batch, and the trainer is not left 'running'.
    expect(memory().liveTensors).toBe(live);
    expect(t.state).toBe('stopped');
    expect(t.stopReason).toMatch(/^error: dense 'layers\.0'/);
  });

  it('class labels past the model\u2019s outputs: an error before a step or an evaluation, not a silently smaller loss', async () => {
    const t = trainer({ data: fromArrays([[0, 0], [1, 1], [2, 2]], [0, 1, 2]) });
    await expect(t.fit({ steps: 1 })).rejects.toThrow("Trainer: training label 2 (sample 2) is not a class of the model's 2 outputs: softmaxCrossEntropy expects class indices in [0, 2)");
    expect(t.step).toBe(0);
    await expect(t.singleStep()).rejects.toThrow('Trainer: training label 2 (sample 2)');
    const v = trainer({ validation: fromArrays([[0, 0]], [-1]) });
    await expect(v.evaluate()).rejects.toThrow('Trainer: validation label -1 (sample 0)');
  });

  it('an evaluation that fails frees its batch: features or labels that do not fit leak nothing', async () => {
    const t = trainer({ loss: 'mse', data: fromArrays([[1, 2]], [[1, 2]]) });
    const live = memory().liveTensors;
    await expect(t.evaluate(fromArrays([[1, 2, 3]], [[1, 2]]))).rejects.toThrow("dense 'layers.0': expected input [..., 2], got [1,3]");
    await expect(t.evaluate(fromArrays([[1, 2]], [[1, 2, 3]]))).rejects.toThrow('mse: prediction [1,2] and target [1,3] must have the same shape');
    expect(memory().liveTensors).toBe(live);
    expect(t.model.training).toBe(true);
  });

  it('labels that do not fit the output: an error naming the loss and both shapes', async () => {
    const t = trainer({ loss: 'mse', data: fromArrays([[1, 2]], [[1, 2, 3]]) });
    await expect(t.fit({ steps: 1 })).rejects.toThrow('mse: prediction [1,2] and target [1,3] must have the same shape');
  });

  it('no live-tensor growth across 50 steps (adam, regularisation, validation, modifiers)', async () => {
    const t = trainer({ optimizer: adam({ lr: 0.01, clipNorm: 1 }), validation: blobs(6, 2), regularization: { l2: 1e-3, l1: 1e-4 } });
    t.modify('**.bias', clipValues(-1, 1));
    await t.fit({ steps: 2 });
    const live = memory().liveTensors;
    await t.fit({ steps: 50 });
    // 52 steps are 13 epochs of 4; the 13th closes on the call after its last step.
    expect([t.step, t.epoch]).toEqual([52, 12]);
    expect(memory().liveTensors).toBe(live);
  });
});

describe('hooks inside fit', () => {
  it('when(metric(...)) stops fit early with a stop reason', async () => {
    const t = trainer({ optimizer: adam({ lr: 0.05 }) });
    const losses: number[] = [];
    t.hook({ step: (ctx) => void losses.push(ctx.metrics.loss!) });
    t.hook(hooks.when(hooks.metric('loss', '<', 0.1), hooks.stop('loss below 0.1')));
    await t.fit({ steps: 2000 });
    expect([t.state, t.stopReason]).toEqual(['stopped', 'loss below 0.1']);
    expect(t.step).toBeLessThan(2000);
    expect(losses.at(-1)).toBeLessThan(0.1);
    expect(losses.slice(0, -1).every((l) => l >= 0.1)).toBe(true);
    // A stopped trainer trains again on the next fit (and this hook stops it again at once).
    const at = t.step;
    await t.fit({ steps: 5 });
    expect([t.step, t.stopReason]).toEqual([at + 1, 'loss below 0.1']);
  });
});

describe('what a step leaves behind', () => {
  it('keeps the latest gradients readable until the next step frees them', async () => {
    const t = trainer();
    await t.singleStep();
    const [, w] = t.model.namedParameters()[0]!;
    const first = w.grad!;
    expect(first.isDisposed).toBe(false);
    expect((await values(first)).some((v) => v !== 0)).toBe(true);
    await t.singleStep();
    expect(first.isDisposed).toBe(true);
    expect(w.grad!.isDisposed).toBe(false);
  });

  it('keeps validation metrics beside the step metrics until the next epoch', async () => {
    const t = trainer({ validation: blobs(8, 2) });
    await t.fit({ steps: 6 });
    expect(Object.keys(t.metrics).sort()).toEqual(['accuracy', 'loss', 'lr', 'valAccuracy', 'valLoss']);
  });

  it('refuses a second fit while one is running', async () => {
    const t = trainer();
    t.hook({ step: (ctx) => (ctx.step === 1 ? ctx.trainer.pause() : undefined) });
    const running = t.fit({ steps: 3 });
    await expect.poll(() => t.state).toBe('paused');
    await expect(t.fit({ steps: 1 })).rejects.toThrow('Trainer.fit: a fit is already paused');
    t.resume();
    await running;
    expect(t.step).toBe(3);
  });
});
