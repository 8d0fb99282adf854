// What the Trainer leans on that is not the loop itself: letting other tasks in between steps,
// finding the backend a model lives on, the regularisation penalty, and class indices from labels.
import { backend as currentBackend, type Backend, type Tensor } from './deps.js';
import { globMatcher } from './glob.js';
import { l1, l2 } from './losses.js';
import type { Module } from './module.js';

/**
 * Lets queued tasks run (a timer, a worker message, a click that calls pause or stop). Reading a
 * value from the js and wasm backends resolves as a microtask, so without this a fit would hold
 * the thread until it ends. A message-channel task, unlike setTimeout, is not clamped to 4 ms.
 */
export function yieldToEvents(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** The one backend all of `model`'s parameters live on, else the current one; several are an error. */
export function backendOf(model: Module): Backend {
  const named = model.namedParameters();
  const first = named[0]?.[1].backend ?? currentBackend();
  const stray = named.find(([, p]) => p.backend !== first);
  if (stray) throw new Error(`Trainer: the model's parameters live on several backends: '${named[0]![0]}' on '${first.name}', '${stray[0]}' on '${stray[1].backend.name}'; expected one`);
  return first;
}

/** The L1/L2 penalty over the trainable parameters `r.match` selects (default '**.weight'), if any. */
export function penalty(model: Module, r: { l1?: number; l2?: number; match?: string } | undefined): Tensor | undefined {
  if (!r || (!r.l1 && !r.l2)) return undefined;
  const matches = globMatcher(r.match ?? '**.weight');
  const params = model.namedParameters().filter(([path, p]) => matches(path) && p.requiresGrad).map(([, p]) => p);
  if (!params.length) return undefined;
  const terms = [r.l1 ? l1(params, r.l1) : undefined, r.l2 ? l2(params, r.l2) : undefined].filter((t): t is Tensor => !!t);
  return terms.reduce((a, b) => a.add(b));
}

/** Class indices from int32 labels, or from one-hot / probability rows, or binary targets. */
export async function labelsOf(y: Tensor): Promise<ArrayLike<number>> {
  const values = await y.data();
  if (y.dtype === 'int32' || y.rank === 1 || y.shape[1] === 1) return Array.from(values, (v) => Math.round(v));
  const classes = y.shape[1]!;
  return Array.from({ length: y.shape[0]! }, (_, i) => {
    let best = 0;
    for (let c = 1; c < classes; c++) if (values[i * classes + c]! > values[i * classes + best]!) best = c;
    return best;
  });
}
