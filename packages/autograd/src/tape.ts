// The define-by-run tape: every differentiable op on a tracked tensor leaves a node on its
// output; backward is a topological sort from the result and a reverse walk applying rules.
import { fmt, onOp, type OpName, type Tensor } from './deps.js';
import { gradRules } from './grad-rules.js';
import type { GradRule } from './rule.js';

interface Node {
  readonly op: OpName;
  readonly inputs: readonly Tensor[];
  readonly attrs: unknown;
}

const nodes = new WeakMap<Tensor, Node>();

onOp((op, inputs, attrs, out) => {
  if (gradRules[op] === 'not-differentiable' || out.dtype !== 'float32') return;
  if (!inputs.some((t) => t.requiresGrad)) return;
  out.requiresGrad = true;
  nodes.set(out, { op, inputs, attrs });
});

/** Whether `t` was produced by a recorded op (as opposed to being a leaf). */
export function hasNode(t: Tensor): boolean {
  return nodes.has(t);
}

/** Tensors from `roots` back to the leaves, each after everything it depends on; stops at `stops`. */
function topologicalOrder(roots: readonly Tensor[], stops: ReadonlySet<Tensor>): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  const stack: [Tensor, boolean][] = roots.map((r) => [r, false]);
  while (stack.length) {
    const [t, expanded] = stack.pop()!;
    if (expanded) {
      order.push(t);
      continue;
    }
    if (seen.has(t)) continue;
    seen.add(t);
    stack.push([t, true]);
    const node = stops.has(t) ? undefined : nodes.get(t);
    for (const input of node?.inputs ?? []) if (input.requiresGrad && !seen.has(input)) stack.push([input, false]);
  }
  return order;
}

/**
 * Gradients of `roots` (weighted by `seeds`) with respect to every tracked tensor they depend
 * on, stopping at `stops`. Returns a map from tensor to its gradient.
 */
export function gradients(roots: readonly Tensor[], seeds: readonly Tensor[], stops: ReadonlySet<Tensor> = new Set()): Map<Tensor, Tensor> {
  const grads = new Map<Tensor, Tensor>();
  const accumulate = (t: Tensor, g: Tensor): void => {
    const previous = grads.get(t);
    grads.set(t, previous ? previous.add(g) : g);
  };
  roots.forEach((r, i) => accumulate(r, seeds[i]!));
  const order = topologicalOrder(roots, stops);
  for (let i = order.length - 1; i >= 0; i--) {
    const out = order[i]!;
    const node = stops.has(out) ? undefined : nodes.get(out);
    const dy = grads.get(out);
    if (!node || !dy) continue;
    const rule = gradRules[node.op] as GradRule<OpName>;
    const inputGrads = rule({ inputs: node.inputs, attrs: node.attrs as never, out, dy, needs: node.inputs.map((t) => t.requiresGrad) });
    node.inputs.forEach((input, k) => {
      const g = inputGrads[k];
      if (!g || !input.requiresGrad) return;
      if (g.shape.length !== input.shape.length || g.shape.some((d, j) => d !== input.shape[j])) {
        throw new Error(`autograd: the ${node.op} rule gave a gradient of ${fmt(g.shape)} for input ${k} of shape ${fmt(input.shape)}`);
      }
      accumulate(input, g);
    });
  }
  return grads;
}
