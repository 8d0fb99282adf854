// Catching a diverging run: a finiteness probe folded into the one read a step already does, the
// search for the culprit (extra reads, only once the probe fires), the error a diverged fit
// rejects with, and the warning for a finite blow-up of the loss.
import { noGrad, type Tensor } from './deps.js';

/**
 * A finite blow-up: the Trainer warns (once) when a step's loss is more than this many times the
 * first step's (in absolute value). Training on at such a loss is rarely what was meant: the
 * learning rate is usually too high, and NaN tends to follow.
 */
export const LOSS_BLOWUP_FACTOR = 1e3;

/** What went non-finite: the loss, a parameter's gradient, or a parameter after its update. */
export type DivergedQuantity = 'loss' | 'gradient' | 'parameter';

/** Where and what a {@link DivergedError} found. */
export interface Divergence {
  /** The step that diverged, counted from 1 as `HookContext.step` would have been after it. */
  readonly step: number;
  /** Epochs completed when it ran (the epoch it belongs to, from 0). */
  readonly epoch: number;
  /** The batch's index within its epoch, from 0. */
  readonly batch: number;
  readonly quantity: DivergedQuantity;
  /** The parameter's path, for a gradient or a parameter. */
  readonly path?: string;
  /** The first non-finite value found: NaN, Infinity or -Infinity. */
  readonly value: number;
  /** Its flat index in the gradient or parameter. */
  readonly index?: number;
  /** A hint on the cause, when one was found (a batch holding non-finite values). */
  readonly hint?: string;
}

/**
 * The error a Trainer step stops with when the loss, a gradient or an updated parameter is NaN or
 * infinite: `diverged at step 12: loss is NaN (epoch 0, batch 11)`. It carries the
 * {@link Divergence} it was made from as its own fields.
 */
export class DivergedError extends Error {
  /** Always 'DivergedError'. */
  override readonly name = 'DivergedError';

  constructor(d: Divergence) {
    const what = d.quantity === 'loss' ? `loss is ${d.value}` : `${d.quantity === 'gradient' ? 'gradient of' : 'parameter'} '${d.path}' is not finite (${d.value} at element ${d.index})`;
    super(`diverged at step ${d.step}: ${what} (epoch ${d.epoch}, batch ${d.batch})${d.hint ? `: ${d.hint}` : ''}`);
    Object.assign(this, d);
  }
}
// The Divergence's fields, declared once (in the interface) and merged into the class.
export interface DivergedError extends Divergence {}

/**
 * One small tensor to read instead of the loss: the loss plus zero times the sum, over every
 * parameter, of (updated parameter + its gradient). A NaN or infinity in any of them propagates
 * into that sum (`Inf + -Inf` is NaN too) and `0 × ±Inf` is NaN, so the result is finite exactly
 * when all of them are (barring a sum of huge values that overflows, which
 * {@link locateNonFinite} tells apart); when finite, it equals the loss. Two ops per parameter
 * and two more on the device, and no read of its own. Call it inside the step's scope.
 */
export function finiteProbe(loss: Tensor, named: readonly (readonly [string, Tensor])[]): Tensor {
  return noGrad(() => {
    let total: Tensor | undefined;
    for (const [, p] of named) {
      if (p.dtype !== 'float32') continue;
      const s = (p.grad ? p.add(p.grad) : p).sum();
      total = total ? total.add(s) : s;
    }
    return total ? loss.add(total.mul(0)) : loss.add(0);
  });
}

const firstNonFinite = (values: ArrayLike<number>): number => {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return i;
  return -1;
};

/** What {@link locateNonFinite} needs: the step's loss, parameters and batch, still alive. */
export interface StepTensors {
  loss: Tensor;
  named: readonly (readonly [string, Tensor])[];
  x: Tensor;
  y: Tensor;
}

/**
 * After the probe came out non-finite: reads the loss, then each gradient, then each parameter,
 * and returns the first non-finite one (with a hint when the loss is and the batch holds a
 * non-finite value), or undefined if everything is finite (the probe's sum overflowed).
 */
export async function locateNonFinite({ loss, named, x, y }: StepTensors): Promise<Omit<Divergence, 'step' | 'epoch' | 'batch'> | undefined> {
  const value = await loss.item();
  if (!Number.isFinite(value)) return { quantity: 'loss', value, ...(await batchCause(x, y)) };
  for (const quantity of ['gradient', 'parameter'] as const) {
    for (const [path, p] of named) {
      const t = quantity === 'gradient' ? p.grad : p;
      if (!t || t.dtype !== 'float32') continue;
      const values = await t.data();
      const index = firstNonFinite(values);
      if (index >= 0) return { quantity, path, value: values[index]!, index };
    }
  }
  return undefined;
}

async function batchCause(x: Tensor, y: Tensor): Promise<{ hint?: string }> {
  for (const [name, t] of [['features', x], ['labels', y]] as const) {
    if (t.dtype !== 'float32') continue;
    const values = await t.data();
    const index = firstNonFinite(values);
    if (index < 0) continue;
    const perSample = t.size / Math.max(t.shape[0] ?? 1, 1);
    return { hint: `the batch's ${name} hold ${values[index]} (sample ${Math.floor(index / perSample)} of the batch)` };
  }
  return {};
}

/**
 * Watches for a finite blow-up: `observe` returns a warning (once) the first time a step's loss
 * exceeds {@link LOSS_BLOWUP_FACTOR} times the first non-zero loss it saw, in absolute value.
 */
export class BlowUpWatch {
  private first: number | undefined;
  private warned = false;

  /** Takes a step's (finite) loss; returns the warning to raise, if this is the step to raise it. */
  observe(loss: number, step: number): string | undefined {
    if (this.warned || !Number.isFinite(loss)) return undefined;
    if (this.first === undefined) {
      if (loss !== 0) this.first = Math.abs(loss);
      return undefined;
    }
    if (Math.abs(loss) <= LOSS_BLOWUP_FACTOR * this.first) return undefined;
    this.warned = true;
    return `loss ${loss.toPrecision(4)} at step ${step} is more than ${LOSS_BLOWUP_FACTOR} times the first step's ${this.first.toPrecision(4)}: training may be diverging (is the learning rate too high?)`;
  }
}
