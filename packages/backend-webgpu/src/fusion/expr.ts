// What a lazy elementwise kernel leaves on its output storage instead of dispatching: the op,
// its output shape and its operands (storages, each broadcast to that shape). Operands may be
// pending themselves; the fuser compiles such a tree into one shader when a value is needed.
import type { GpuStorage } from '../pool.js';

/** One elementwise op as the fused shaders call it (codes from shaders/common/*-ops.wgsl). */
export type FusedOp =
  | { readonly kind: 'unary'; readonly code: number; readonly dtype: number }
  | { readonly kind: 'binary'; readonly code: number; readonly dtype: number }
  | { readonly kind: 'where' }
  | { readonly kind: 'cast'; readonly from: number; readonly to: number }
  /** broadcastTo: the operand's value, read through its broadcast. */
  | { readonly kind: 'copy' };

/** An operand of a pending op: a storage and its shape, which broadcasts to the op's shape. */
export interface Operand {
  readonly storage: GpuStorage;
  readonly shape: readonly number[];
}

/** An elementwise op recorded but not computed. */
export interface Pending {
  readonly op: FusedOp;
  /** The op's name in the op table (pipeline labels, errors). */
  readonly name: string;
  readonly shape: readonly number[];
  readonly inputs: readonly Operand[];
  /** Longest chain of pending ops ending here, this one included (bounds inlining depth). */
  readonly depth: number;
}
