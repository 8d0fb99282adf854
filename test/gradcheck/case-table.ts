// The shape of a gradient-check case: how to make an op's inputs and which attributes to run it
// with. Tables are typed per op, so a case's attributes are checked against the op table.
import { ops, type OpAttrs, type OpName, type Shape, type Tensor } from '@webgrad/tensor';
import type { Gen } from './harness.js';

/** One gradient check of a primitive: `runOp(op, inputs(gen), attrs)`. */
export interface OpCase<K extends OpName> {
  /** What the case exercises (broadcasting, strides, groups, ...). */
  readonly name: string;
  /** Makes the inputs; called once the float64 backend is current. */
  readonly inputs: (gen: Gen) => Tensor[];
  readonly attrs: OpAttrs[K];
  /** Inputs to differentiate with respect to; every float32 input by default. */
  readonly wrt?: readonly number[];
}

/** Cases for some ops. */
export type CaseTable = { readonly [K in OpName]?: readonly OpCase<K>[] };

/** An op whose gradient cannot be checked yet: why, a case that shows it, and the error it must raise. */
export interface KnownGap<K extends OpName> {
  readonly reason: string;
  readonly example: OpCase<K>;
  /** The error taking its gradient must raise (a clear one, not a crash). */
  readonly error: RegExp;
}

/** Known gaps, keyed by op. */
export type GapTable = { readonly [K in OpName]?: KnownGap<K> };

/** The output shape the op table infers for `op` on float32 inputs of these shapes. */
export function inferShape<K extends OpName>(op: K, shapes: readonly Shape[], attrs: OpAttrs[K]): number[] {
  return [...ops[op].infer(op, shapes.map((shape) => ({ shape, dtype: 'float32' as const })), attrs).shape];
}
