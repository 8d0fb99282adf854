// Hooks: a condition (every N steps or epochs, every T seconds, a metric criterion) paired
// with an action (stop, log, run a function, checkpoint). The Trainer calls them after each
// step, after each epoch, and at the end; warnings reach the hooks that take them.
import type { Trainer } from './trainer.js';

/** What an action sees. */
export interface HookContext {
  /** The Trainer running the hook. */
  readonly trainer: Trainer;
  /** Steps completed. */
  readonly step: number;
  /** Epochs completed. */
  readonly epoch: number;
  /** The latest metrics: loss, accuracy, valLoss, valAccuracy, ... */
  readonly metrics: Readonly<Record<string, number>>;
  /** Milliseconds per phase of the latest step. */
  readonly timing: Readonly<PhaseTiming>;
}

/** Milliseconds spent in each phase of one step. */
export interface PhaseTiming {
  /** Getting the batch. */
  data: number;
  /** The forward pass and the loss. */
  forward: number;
  /** The backward pass. */
  backward: number;
  /** The optimiser's update. */
  update: number;
  /** Reading the loss back, which waits for the device to finish the step. */
  sync: number;
}

/** Something to do at a point in training. */
export type Action = (ctx: HookContext) => void | Promise<void>;

/**
 * When the Trainer calls a hook: after every step, every epoch, or once at the end; and with a
 * warning (a finite blow-up of the loss, see LOSS_BLOWUP_FACTOR) before the step hooks of the step
 * that raised it. With no hook taking warnings, the Trainer prints them with console.warn.
 */
export interface Hook {
  /** Runs after each training step. */
  step?: Action;
  /** Runs after each epoch (and its validation). */
  epoch?: Action;
  /** Runs when a `fit` returns, finished or stopped. */
  end?: Action;
  /** Hears warnings that do not stop training, such as a loss that blows up while still finite. */
  warning?: (ctx: HookContext, message: string) => void | Promise<void>;
}

/** Runs `action` every N steps, every N epochs, or at most every T seconds (checked after each step). */
export function every(interval: { steps: number } | { epochs: number } | { seconds: number }, action: Action): Hook {
  if ('steps' in interval) return { step: (ctx) => (ctx.step % interval.steps === 0 ? action(ctx) : undefined) };
  if ('epochs' in interval) return { epoch: (ctx) => (ctx.epoch % interval.epochs === 0 ? action(ctx) : undefined) };
  let last = performance.now();
  return {
    step: (ctx) => {
      if (performance.now() - last < interval.seconds * 1000) return undefined;
      last = performance.now();
      return action(ctx);
    },
  };
}

/** Runs `action` whenever `condition` holds, checked after each step (or each epoch). */
export function when(condition: (ctx: HookContext) => boolean, action: Action, { on = 'step' }: { on?: 'step' | 'epoch' } = {}): Hook {
  const checked: Action = (ctx) => (condition(ctx) ? action(ctx) : undefined);
  return on === 'step' ? { step: checked } : { epoch: checked };
}

/** A criterion on one metric: `metric('loss', '<', 0.05)`. */
export function metric(name: string, op: '<' | '<=' | '>' | '>=', value: number): (ctx: HookContext) => boolean {
  return ({ metrics }) => {
    const v = metrics[name];
    if (v === undefined) return false;
    return op === '<' ? v < value : op === '<=' ? v <= value : op === '>' ? v > value : v >= value;
  };
}

/**
 * True once `name` has not improved (by more than `minDelta`) for `patience` consecutive checks;
 * use with `when(..., { on: 'epoch' })` for early stopping.
 */
export function noImprovement(name: string, { patience, mode = 'min', minDelta = 0 }: { patience: number; mode?: 'min' | 'max'; minDelta?: number }): (ctx: HookContext) => boolean {
  let best = mode === 'min' ? Infinity : -Infinity;
  let stale = 0;
  return ({ metrics }) => {
    const v = metrics[name];
    if (v === undefined) return false;
    const improved = mode === 'min' ? v < best - minDelta : v > best + minDelta;
    if (improved) {
      best = v;
      stale = 0;
    } else stale++;
    return stale >= patience;
  };
}

/** Stops training, recording why. */
export const stop = (reason = 'stopped by a hook'): Action => (ctx) => ctx.trainer.stop(reason);

/** Calls `print` with a one-line summary (console.log by default). */
export const log = (print: (line: string) => void = console.log): Action => ({ step, epoch, metrics }) =>
  print(`epoch ${epoch} step ${step} ${Object.entries(metrics).map(([k, v]) => `${k} ${v.toPrecision(4)}`).join(' ')}`);

/** Runs a user function. */
export const run = (fn: Action): Action => fn;

/**
 * After each step, stops training if the loss is NaN or infinite, reporting the step and the
 * first parameter holding a non-finite value. The Trainer already stops with a DivergedError by
 * default; this is for a Trainer built with `checkFinite: false` that should stop, not fail.
 */
export function stopOnNonFinite(): Hook {
  return {
    step: async (ctx) => {
      const loss = ctx.metrics.loss;
      if (loss === undefined || Number.isFinite(loss)) return;
      let culprit = 'none (every parameter is finite)';
      for (const [path, p] of ctx.trainer.model.namedParameters()) {
        if (Array.from(await p.data()).some((v) => !Number.isFinite(v))) {
          culprit = path;
          break;
        }
      }
      ctx.trainer.stop(`step ${ctx.step}: loss is ${loss}; first non-finite parameter: ${culprit}`);
    },
  };
}
