// Shared by the layer tests: a float64 reference backend to run gradient checks on, and a
// central-difference check of backward() for every element of a list of leaf tensors.
import { createJsBackend, getBackend, listBackends, noGrad, registerBackend, scope, setBackend, tensor, type Tensor } from '../deps.js';

/** Runs `fn` with new tensors on a float64 reference backend ('js64'), then restores the backend. */
export async function onFloat64<T>(fn: () => Promise<T>): Promise<T> {
  if (!listBackends().includes('js64')) registerBackend('js64', () => createJsBackend({ name: 'js64', float64: true }));
  const previous = getBackend();
  await setBackend('js64');
  try {
    return await fn();
  } finally {
    await setBackend(previous);
  }
}

/** Analytic (backward) and numeric (central difference) gradients of one leaf, flat. */
export interface GradientPair {
  analytic: number[];
  numeric: number[];
}

/**
 * Differentiates the scalar `loss()` with respect to each of `leaves` (tracked tensors) by
 * backward() and by central differences of step `h`, perturbing one element at a time in place.
 */
export async function gradientPairs(loss: () => Tensor, leaves: readonly Tensor[], h = 1e-6): Promise<GradientPair[]> {
  for (const leaf of leaves) leaf.grad = null;
  // Not in a scope: backward() hands the leaf gradients to the caller's scope.
  loss().backward();
  const evaluate = async (): Promise<number> => {
    const value = noGrad(() => scope(() => loss()));
    const v = await value.item();
    value.dispose();
    return v;
  };
  const pairs: GradientPair[] = [];
  for (const leaf of leaves) {
    if (!leaf.grad) throw new Error(`gradientPairs: backward() left no gradient on ${leaf}`);
    const analytic = [...(await leaf.grad.data())];
    const base = Float64Array.from(await leaf.data());
    const numeric: number[] = [];
    for (let i = 0; i < base.length; i++) {
      const at = async (delta: number): Promise<number> => {
        const values = base.slice();
        values[i]! += delta;
        leaf.assign(tensor(values, { shape: leaf.shape }));
        return evaluate();
      };
      numeric.push(((await at(h)) - (await at(-h))) / (2 * h));
    }
    leaf.assign(tensor(base, { shape: leaf.shape }));
    pairs.push({ analytic, numeric });
  }
  return pairs;
}

/** The largest |analytic - numeric| / max(1, |numeric|) over all pairs, and whether each leaf's gradient has a non-zero entry. */
export function summarise(pairs: readonly GradientPair[]): { maxError: number; nonZero: boolean[] } {
  let maxError = 0;
  for (const { analytic, numeric } of pairs) {
    analytic.forEach((a, i) => (maxError = Math.max(maxError, Math.abs(a - numeric[i]!) / Math.max(1, Math.abs(numeric[i]!)))));
  }
  return { maxError, nonZero: pairs.map(({ analytic }) => analytic.some((a) => a !== 0)) };
}
