// The shape of a gradient rule, and helpers rules share.
import { fmt, sameShapeAs, type OpAttrs, type OpName, type Tensor } from './deps.js';

/** What a rule sees: the op's inputs, attributes and output, and the gradient flowing into the output. */
export interface GradContext<K extends OpName> {
  readonly inputs: readonly Tensor[];
  readonly attrs: OpAttrs[K];
  readonly out: Tensor;
  readonly dy: Tensor;
  /** Which inputs want a gradient (they are tracked); a rule may skip the work for the others. */
  readonly needs: readonly boolean[];
}

/** `make()` when the gradient is wanted, null otherwise: for rules whose gradients are costly. */
export function ifNeeded(need: boolean | undefined, make: () => Tensor): Tensor | null {
  return need ? make() : null;
}

/**
 * The vector-Jacobian product of one op: one gradient per input, shaped like that input, or
 * null where no gradient flows (an index or a condition). Written with tensor ops, so rules are
 * themselves differentiable.
 */
export type GradRule<K extends OpName> = (ctx: GradContext<K>) => readonly (Tensor | null)[];

/** One rule per op; 'not-differentiable' ops (comparisons, argmax, rounding) pass no gradient. */
export type GradRules = { readonly [K in OpName]: GradRule<K> | 'not-differentiable' };

/** Sums a broadcast gradient back down to `shape`. */
export function unbroadcast(g: Tensor, shape: readonly number[]): Tensor {
  if (sameShapeAs(g.shape, shape)) return g;
  const lead = g.rank - shape.length;
  const axes = g.shape.map((_, i) => i).filter((i) => i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1));
  const summed = axes.length ? g.sum(axes, true) : g;
  if (summed.size !== shape.reduce((a, b) => a * b, 1)) throw new Error(`autograd: cannot reduce a gradient of ${fmt(g.shape)} to ${fmt(shape)}`);
  return summed.reshape(shape);
}
