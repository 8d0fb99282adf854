// Frees the temporaries a frontend function makes (lifted scalars, casts, composite
// intermediates) unless autograd may need them for a backward pass.
import { isTracking, scope } from '../engine.js';
import { Tensor } from '../tensor.js';

function recordsTape(args: readonly unknown[]): boolean {
  if (!isTracking()) return false;
  return args.some((a) => (a instanceof Tensor ? a.requiresGrad : Array.isArray(a) && a.some((t) => t instanceof Tensor && t.requiresGrad)));
}

/**
 * Wraps a frontend function so that, when none of its tensor arguments is tracked by autograd,
 * everything it creates except its result is disposed on return. When one is tracked, the tape
 * holds the intermediates and the caller's scope frees them.
 */
export function composite<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args: A) => (recordsTape(args) ? fn(...args) : scope(() => fn(...args)));
}
