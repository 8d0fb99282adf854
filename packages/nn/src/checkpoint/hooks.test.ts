// Checkpoint hooks through the public namespace: `hooks.every({ steps }, hooks.checkpoint())`
// saves model, optimiser and step to a store; `hooks.restore()` rolls the trainer back to it.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seed } from '../deps.js';
import * as nn from '../index.js';
import type { HookContext } from '../hooks.js';
import type { Trainer } from '../trainer.js';

const dir = mkdtempSync(join(tmpdir(), 'webgrad-hooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function trainer(): Trainer {
  seed(2);
  const model = nn.sequential(nn.dense(2, 6), nn.tanh(), nn.dense(6, 2));
  return new nn.Trainer({ model, loss: 'softmaxCrossEntropy', optimizer: nn.optim.adam({ lr: 0.05 }), data: nn.data.circle({ samples: 40, seed: 1 }), batchSize: 8 });
}

const weights = async (t: Trainer): Promise<number[][]> => Promise.all(t.model.parameters().map(async (p) => Array.from(await p.data())));
const ctxOf = (t: Trainer): HookContext => ({ trainer: t, step: t.step, epoch: t.epoch, metrics: t.metrics, timing: t.timing });

describe('hooks.checkpoint and hooks.restore', () => {
  it('saves every N steps to the in-memory default store, with step, epoch, optimiser and metrics', async () => {
    const t = trainer();
    t.hook(nn.hooks.every({ steps: 2 }, nn.hooks.checkpoint()));
    await t.fit({ steps: 5 });
    const info = nn.checkpoint.inspect((await nn.checkpoint.defaultStore.get('checkpoint'))!);
    expect([info.step, info.epoch, info.optimizer, info.metadata['optimizer.step']]).toEqual([4, 0, 'adam', '4']);
    expect(info.hyperparameters).toEqual({ batchSize: 8 });
    expect(Object.keys(JSON.parse(info.metadata.metrics!))).toContain('loss');
  });

  it('restores the weights, optimiser state and step saved under a key', async () => {
    const t = trainer();
    const store = nn.checkpoint.memoryStore();
    const atStep: Record<number, number[][]> = {};
    t.hook(nn.hooks.every({ steps: 3 }, nn.hooks.checkpoint(store, { key: (ctx) => `step-${ctx.step}` })));
    t.hook(nn.hooks.every({ steps: 3 }, async (ctx) => void (atStep[ctx.step] = await weights(ctx.trainer))));
    await t.fit({ steps: 7 });
    expect(await weights(t)).not.toEqual(atStep[6]);
    await nn.hooks.restore(store, { key: 'step-3' })(ctxOf(t));
    expect(await weights(t)).toEqual(atStep[3]);
    expect([t.step, t.optimizer.stepCount]).toEqual([3, 3]);
  });

  it('rolls back from inside a fit, once, when a criterion fires', async () => {
    const t = trainer();
    let rolledBack = false;
    t.hook(nn.hooks.every({ steps: 2 }, nn.hooks.checkpoint(nn.checkpoint.memoryStore())));
    const store = nn.checkpoint.memoryStore();
    t.hook(nn.hooks.when((ctx) => ctx.step === 2, nn.hooks.checkpoint(store)));
    t.hook(nn.hooks.when((ctx) => ctx.step === 4 && !rolledBack, async (ctx) => {
      rolledBack = true;
      await nn.hooks.restore(store)(ctx);
    }));
    await t.fit({ steps: 6 });
    expect(rolledBack).toBe(true);
    expect(t.step).toBe(6); // 4 steps, back to 2, then 4 more to reach the target of 6
    expect(t.optimizer.stepCount).toBe(6);
  });

  it('takes a string as a file path in Node, and names a missing checkpoint', async () => {
    const t = trainer();
    const path = join(dir, 'runs', 'model.safetensors');
    await t.fit({ steps: 2 });
    await nn.hooks.checkpoint(path)(ctxOf(t));
    expect(statSync(path).size).toBeGreaterThan(8);
    const saved = await weights(t);
    await t.fit({ steps: 2 });
    await nn.hooks.restore(path)(ctxOf(t));
    expect(await weights(t)).toEqual(saved);
    await expect(nn.hooks.restore(nn.checkpoint.memoryStore(), { key: 'nope' })(ctxOf(t))).rejects.toThrow(`hooks.restore: no checkpoint under 'nope' in the store`);
  });
});
