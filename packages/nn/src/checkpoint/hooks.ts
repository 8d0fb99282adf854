// Checkpoint actions for hooks: `hooks.every({ steps: 100 }, hooks.checkpoint())` saves the
// model, optimiser, step and epoch to a store; `hooks.restore()` loads them back into the
// running trainer (for example when the loss diverges).
import type { Action, HookContext } from '../hooks.js';
import { load, save } from './checkpoint.js';
import { memoryStore, platformStore, type CheckpointStore } from './storage.js';

/** The in-memory store `checkpoint()` and `restore()` use when given none. */
export const defaultStore: CheckpointStore = memoryStore();

/** Options of {@link checkpoint} and {@link restore}. */
export interface CheckpointHookOptions {
  /** The key in the store, or a function of the moment (`(ctx) => \`step-${ctx.step}\``); default 'checkpoint'. */
  key?: string | ((ctx: HookContext) => string);
  /** Save (or restore) the optimiser's state too (default true). */
  optimizer?: boolean;
}

/** A store, or a key in this platform's persistent store (a file path in Node, an IndexedDB key in browsers). */
function resolve(where: CheckpointStore | string | undefined, key: CheckpointHookOptions['key']): { store: CheckpointStore; key: CheckpointHookOptions['key'] } {
  if (typeof where === 'string') return { store: platformStore(), key: key ?? where };
  return { store: where ?? defaultStore, key };
}

const keyAt = (key: CheckpointHookOptions['key'], ctx: HookContext): string => (typeof key === 'function' ? key(ctx) : key ?? 'checkpoint');

/**
 * An action that saves the trainer's model (and optimiser, step, epoch, latest metrics and batch
 * size) as safetensors to `store`: the in-memory default, a {@link CheckpointStore}, or a string
 * naming a file (Node) or an IndexedDB key (browsers).
 */
export function checkpoint(store?: CheckpointStore | string, options: CheckpointHookOptions = {}): Action {
  const target = resolve(store, options.key);
  return async (ctx) => {
    const { trainer } = ctx;
    const data = await save(trainer.model, {
      optimizer: options.optimizer === false ? undefined : trainer.optimizer,
      step: ctx.step,
      epoch: ctx.epoch,
      hyperparameters: { batchSize: trainer.batchSize },
      metadata: { metrics: JSON.stringify(ctx.metrics) },
    });
    await target.store.put(keyAt(target.key, ctx), data);
  };
}

/**
 * An action that loads the checkpoint under the key back into the trainer's model (and
 * optimiser), and sets the trainer's step and epoch to the saved ones. A missing or mismatched
 * checkpoint is an error and leaves the model as it was.
 */
export function restore(store?: CheckpointStore | string, options: CheckpointHookOptions = {}): Action {
  const target = resolve(store, options.key);
  return async (ctx) => {
    const key = keyAt(target.key, ctx);
    const data = await target.store.get(key);
    if (!data) throw new Error(`hooks.restore: no checkpoint under '${key}' in the store`);
    const { trainer } = ctx;
    const info = load(trainer.model, data, { optimizer: options.optimizer === false ? undefined : trainer.optimizer });
    if (info.step !== undefined) trainer.step = info.step;
    if (info.epoch !== undefined) trainer.epoch = info.epoch;
  };
}
