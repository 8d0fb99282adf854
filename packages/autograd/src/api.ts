// The user-facing autograd API: grad, valueAndGrad, backward, noGrad, variable.
import { scope, setBackwardHandler, Tensor, fromValues, untracked, withTracking, isTracking, fmt } from './deps.js';
import { gradients, hasNode } from './tape.js';

/** Runs `fn` without recording: nothing computed inside has a gradient. */
export function noGrad<T>(fn: () => T): T {
  return untracked(fn);
}

/**
 * Marks `t` as a leaf that autograd tracks (PyTorch's `requires_grad_()`) and returns it:
 * `backward()` then fills `t.grad`. Only float32 leaves can be tracked.
 */
export function variable(t: Tensor): Tensor {
  if (t.dtype !== 'float32') throw new Error(`variable: only float32 tensors can require grad, got ${t.dtype}`);
  if (hasNode(t)) throw new Error(`variable: ${t} was computed from tracked tensors; detach() it to make a new leaf`);
  t.requiresGrad = true;
  return t;
}

/** The seed 1 for a scalar result; `what` names the result in errors ('f must return', ...). */
function seedFor(op: string, what: string, out: Tensor): Tensor {
  if (!(out instanceof Tensor)) throw new Error(`${op}: ${what} a Tensor, got ${typeof out}`);
  if (out.size !== 1) throw new Error(`${op}: ${what} a scalar, got shape ${fmt(out.shape)}; reduce it first (e.g. .sum() or .mean())${op === 'backward' ? ' or pass a seed' : ''}`);
  if (out.dtype !== 'float32') throw new Error(`${op}: ${what} a float32 tensor, got ${out.dtype}`);
  return fromValues([1], out.shape, 'float32', out.backend);
}

setBackwardHandler((root, seed) => {
  if (!root.requiresGrad) throw new Error(`backward: ${root} does not require grad: nothing it was computed from has requiresGrad set`);
  if (seed && seed.shape.join() !== root.shape.join()) throw new Error(`backward: seed ${fmt(seed.shape)} must match ${fmt(root.shape)}`);
  // Leaf gradients are returned from the scope, so they survive it and belong to the caller's
  // scope (a training step's scope frees them with everything else); the made seed does not.
  scope(() => {
    const s = seed ?? seedFor('backward', 'without a seed, the tensor must be', root);
    const grads = untracked(() => gradients([root], [s]));
    const leafGrads: Tensor[] = [];
    for (const [t, raw] of grads) {
      if (!t.requiresGrad || hasNode(t)) continue;
      // Never store the caller's seed itself (x.backward(seed) on a leaf): a later accumulation would dispose it.
      const g = raw === seed ? untracked(() => raw.reshape(raw.shape)) : raw;
      // A gradient freed by the scope of an earlier step counts as none: accumulate from zero.
      if (t.grad?.isDisposed) t.grad = null;
      const total = t.grad ? untracked(() => t.grad!.add(g)) : g;
      if (t.grad !== total) t.grad?.dispose();
      t.grad = total;
      leafGrads.push(total);
    }
    return leafGrads;
  });
});

type Argnums = number | readonly number[];
type GradOf<N> = N extends readonly number[] ? Tensor[] : Tensor;

/**
 * Makes a function that returns f's value and its gradient with respect to argument 0 (or the
 * arguments listed in `argnums`, giving an array). f must return a scalar. Nesting works:
 * `grad(grad(f))` is the second derivative.
 */
export function valueAndGrad<A extends unknown[], N extends Argnums = 0>(f: (...args: A) => Tensor, argnums?: N): (...args: A) => [Tensor, GradOf<N>] {
  const run = differentiate(f, argnums);
  return (...args: A) => {
    const { value, grads } = run(...args);
    return [value, grads];
  };
}

/**
 * Makes a function that returns the gradient of scalar-valued f with respect to argument 0 (or
 * the arguments in `argnums`, as an array); see {@link valueAndGrad}.
 * @example
 * ```ts
 * const df = wg.grad((x: wg.Tensor) => x.mul(x).sum());
 * await df(wg.tensor([1, 2, 3])).data(); // [2, 4, 6]
 * ```
 */
export function grad<A extends unknown[], N extends Argnums = 0>(f: (...args: A) => Tensor, argnums?: N): (...args: A) => GradOf<N> {
  const run = differentiate(f, argnums);
  return (...args: A) => {
    const { value, grads, nested } = run(...args);
    // Inside an enclosing grad the value may be needed by that tape's rules; otherwise free it.
    if (!nested) value.dispose();
    return grads;
  };
}

/** How many grad/valueAndGrad calls are running their f right now (nesting depth). */
let depth = 0;

function differentiate<A extends unknown[], N extends Argnums>(f: (...args: A) => Tensor, argnums?: N) {
  const which: number[] = argnums === undefined ? [0] : typeof argnums === 'number' ? [argnums] : [...(argnums as readonly number[])];
  return (...args: A): { value: Tensor; grads: GradOf<N>; nested: boolean } => {
    which.forEach((i) => {
      if (!(args[i] instanceof Tensor)) throw new Error(`grad: argument ${i} must be a Tensor to differentiate with respect to it, got ${typeof args[i]}`);
      if ((args[i] as Tensor).dtype !== 'float32') throw new Error(`grad: argument ${i} must be float32 to differentiate with respect to it, got ${(args[i] as Tensor).dtype}`);
    });
    // Inside an enclosing grad (which may differentiate through this one by an argument or a
    // closure, as in a mixed partial), or when an argument is tracked, keep every tensor and
    // record the backward pass too. Testing only the differentiated arguments missed
    // d2/dx dy: the inner gradient w.r.t. y came back untracked and d/dx of it was 0.
    const outer = isTracking() && (depth > 0 || args.some((a) => a instanceof Tensor && a.requiresGrad));
    const run = (): [Tensor, Tensor[]] => withTracking(true, () => {
      const leaves = which.map((i) => {
        const alias = (args[i] as Tensor).reshape((args[i] as Tensor).shape);
        alias.requiresGrad = true;
        return alias;
      });
      const inner = [...args] as A;
      which.forEach((i, k) => (inner[i] = leaves[k]));
      depth++;
      let value: Tensor;
      try {
        value = f(...inner);
      } finally {
        depth--;
      }
      const seed = seedFor('grad', 'f must return', value);
      const grads = withTracking(outer, () => gradients([value], [seed], new Set(leaves)));
      // Not l.mul(0): that gives -0 for negative entries and NaN for infinite ones.
      return [value, leaves.map((l) => grads.get(l) ?? fromValues(new Float32Array(l.size), l.shape, 'float32', l.backend))];
    });
    const [value, grads] = outer ? run() : scope(run);
    const result = typeof argnums === 'object' ? grads : grads[0]!;
    return { value, grads: result as GradOf<N>, nested: outer };
  };
}
