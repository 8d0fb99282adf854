// The Trainer's default check for NaN and infinity: a NaN in a batch, a NaN put into a weight,
// a gradient or an update that is not finite, SGD at lr 10 diverging, the checkFinite: false
// switch, the finite blow-up warning (to a hook, else console.warn once), and the check's cost:
// the same losses and no extra device read per step.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromValues, seed, tensor, type Tensor } from './deps.js';
import { fromArrays, type Dataset } from './data/dataset.js';
import { DivergedError, LOSS_BLOWUP_FACTOR } from './divergence.js';
import { constant } from './init.js';
import { dense } from './layers/dense.js';
import { sequential } from './layers/containers.js';
import { Module } from './module.js';
import { sgd } from './optim/rules.js';
import { Trainer, type TrainerOptions } from './trainer.js';

/** y = 2x - 1 on 16 points in [-1, 1]. */
function line(n = 16, poison?: number): Dataset {
  const x = Array.from({ length: n }, (_, i) => [-1 + (2 * i) / (n - 1)]);
  if (poison !== undefined) x[poison] = [Number.NaN];
  return fromArrays(x, x.map(([v]) => [2 * v! - 1]));
}

const made: Trainer[] = [];
function trainer(options: Partial<TrainerOptions> = {}): Trainer {
  seed(5);
  const t = new Trainer({ model: sequential(dense(1, 4), dense(4, 1)), loss: 'mse', optimizer: sgd({ lr: 0.05 }), data: line(), batchSize: 4, ...options });
  made.push(t);
  return t;
}
afterEach(() => {
  for (const t of made.splice(0)) {
    t.model.dispose();
    t.optimizer.dispose();
  }
  vi.restoreAllMocks();
});

/** The error a fit rejected with (failing the test if it resolved). */
async function divergence(run: Promise<void>): Promise<DivergedError> {
  const error = await run.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DivergedError);
  return error as DivergedError;
}

/** Sets element 0 of a parameter to `value`, on the parameter's backend. */
function poke(p: Tensor, value: number): void {
  const values = Float32Array.from(p.dataSync());
  values[0] = value;
  p.assign(fromValues(values, p.shape, 'float32', p.backend));
}

describe('a NaN or infinity stops the fit with a DivergedError', () => {
  it('a NaN in a batch: the step, the epoch, the batch and the sample holding it', async () => {
    const data = line(16, 9);
    const t = trainer({ data, seed: 2 });
    // Which batch of epoch 0 holds sample 9, and where in it.
    const parts = [...data.hostBatches(4, { seed: 2, epoch: 0 })];
    const batch = parts.findIndex((p) => p.features.values.some(Number.isNaN));
    const row = parts[batch]!.features.values.findIndex(Number.isNaN);
    const error = await divergence(t.fit({ epochs: 2 }));
    expect(error.message).toBe(`diverged at step ${batch + 1}: loss is NaN (epoch 0, batch ${batch}): the batch's features hold NaN (sample ${row} of the batch)`);
    expect([error.step, error.epoch, error.batch, error.quantity, error.value, error.path]).toEqual([batch + 1, 0, batch, 'loss', NaN, undefined]);
    expect([t.step, t.state]).toEqual([batch, 'stopped']);
  });

  it('counts batches from 0 in each epoch', async () => {
    const t = trainer();
    t.hook({ step: (ctx) => (ctx.step === 6 ? poke(t.model.namedParameters()[1]![1], Number.POSITIVE_INFINITY) : undefined) });
    const error = await divergence(t.fit({ epochs: 3 }));
    expect([error.step, error.epoch, error.batch]).toEqual([7, 1, 2]);
  });

  it('a NaN put into a weight between steps: the next step stops, and the trainer is not left running', async () => {
    const t = trainer();
    t.hook({ step: (ctx) => (ctx.step === 3 ? poke(t.model.namedParameters()[0]![1], Number.NaN) : undefined) });
    const error = await divergence(t.fit({ steps: 10 }));
    expect(error.message).toBe('diverged at step 4: loss is NaN (epoch 0, batch 3)');
    expect([t.step, t.state, t.stopReason]).toEqual([3, 'stopped', `error: ${error.message}`]);
    // The failed step's loss is not reported as a metric.
    expect(Number.isFinite(t.metrics.loss)).toBe(true);
  });

  it('a gradient that is not finite while the loss is: names the parameter', async () => {
    // d sqrt(r) / dr at r = 0 is infinite; the loss (r's square root is 0) stays finite.
    class Root extends Module {
      readonly kind = 'root';
      readonly r = this.parameter('r', tensor([0, 1]));
      forward(x: Tensor): Tensor {
        return x.add(this.r.sqrt().sum());
      }
    }
    const t = trainer({ model: sequential(dense(1, 1), new Root()) });
    const error = await divergence(t.fit({ steps: 3 }));
    expect(error.message).toMatch(/^diverged at step 1: gradient of 'layers\.1\.r' is not finite \(-?Infinity at element 0\) \(epoch 0, batch 0\)$/);
    expect([error.quantity, error.path, error.index]).toEqual(['gradient', 'layers.1.r', 0]);
  });

  it('an update that overflows float32 while loss and gradients are finite: names the parameter', async () => {
    const model = sequential(dense(1, 1, { init: constant(0.5), biasInit: constant(0.5) }));
    const t = trainer({ model, optimizer: sgd({ lr: 3e38 }), data: fromArrays([[1]], [[0]]), batchSize: 1 });
    const error = await divergence(t.fit({ steps: 3 }));
    // loss (0.5 + 0.5)^2 = 1, gradient 2, and w - 3e38 * 2 is -Infinity in float32.
    expect(error.message).toBe("diverged at step 1: parameter 'layers.0.weight' is not finite (-Infinity at element 0) (epoch 0, batch 0)");
  });

  it('SGD at lr 10 on a small regression diverges: a warning first, then a DivergedError', async () => {
    const t = trainer({ optimizer: sgd({ lr: 10 }) });
    const warnings: [number, string][] = [];
    const losses: number[] = [];
    t.hook({ warning: (ctx, message) => void warnings.push([ctx.step, message]), step: (ctx) => void losses.push(ctx.metrics.loss!) });
    const error = await divergence(t.fit({ steps: 500 }));
    expect(error.message).toMatch(/^diverged at step \d+: (loss is (NaN|Infinity|-Infinity)|(gradient of|parameter) 'layers\.\d\.(weight|bias)' is not finite .*) \(epoch \d+, batch [0-3]\)$/);
    expect(error.step).toBeLessThan(500);
    expect(t.state).toBe('stopped');
    // One warning, at the first step whose loss passed the factor times the first loss.
    const at = losses.findIndex((l) => Math.abs(l) > LOSS_BLOWUP_FACTOR * Math.abs(losses[0]!)) + 1;
    expect(warnings).toEqual([[at, expect.stringMatching(new RegExp(`^loss \\S+ at step ${at} is more than 1000 times the first step's \\S+: training may be diverging`))]]);
    expect(at).toBeGreaterThan(1);
    expect(at).toBeLessThan(error.step);
  });
});

describe('checkFinite: false and the warning', () => {
  it('checkFinite: false trains on through NaN, as before', async () => {
    const t = trainer({ data: line(16, 3), checkFinite: false });
    await t.fit({ steps: 8 });
    expect([t.step, t.state, t.metrics.loss]).toEqual([8, 'idle', NaN]);
  });

  it('a warning with no hook taking warnings goes to console.warn, once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const t = trainer({ optimizer: sgd({ lr: 10 }), checkFinite: false });
    await t.fit({ steps: 100 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/^Trainer: loss \S+ at step \d+ is more than 1000 times the first step's/);
  });

  it('a hook taking warnings keeps console.warn quiet; a steady run warns nobody', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const seen: string[] = [];
    const diverging = trainer({ optimizer: sgd({ lr: 10 }), checkFinite: false }).hook({ warning: (_ctx, m) => void seen.push(m) });
    await diverging.fit({ steps: 100 });
    const steady = trainer().hook({ warning: (_ctx, m) => void seen.push(m) });
    await steady.fit({ steps: 40 });
    expect([seen.length, warn.mock.calls.length]).toEqual([1, 0]);
  });
});

describe('what the check costs', () => {
  it('the same losses as without it, and no extra device read per step', async () => {
    const run = async (checkFinite: boolean): Promise<[number[], number]> => {
      const t = trainer({ checkFinite });
      const read = vi.spyOn(t.backend, 'read');
      const losses: number[] = [];
      t.hook({ step: (ctx) => void losses.push(ctx.metrics.loss!) });
      await t.fit({ steps: 12 });
      const reads = read.mock.calls.length;
      read.mockRestore();
      return [losses, reads];
    };
    const [on, off] = [await run(true), await run(false)];
    expect(on[0]).toEqual(off[0]);
    expect(on[1]).toBe(off[1]);
    expect(on[1]).toBeGreaterThan(0);
  });
});
