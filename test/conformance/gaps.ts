// Known backend gaps, as data with a reason: backend name to op to why it does not yet match
// the reference. The suite asserts each listed gap still shows, so a fixed gap must be removed.
import type { OpName } from '@webgrad/tensor';

/** Why a backend does not match the reference on an op, and on which cases. */
export interface Gap {
  readonly reason: string;
  /** Names of the op's cases the gap covers; every case when absent. */
  readonly cases?: readonly string[];
}

/** Ops a backend is known not to match the reference on yet: a reason, or a reason and cases. */
export type GapTable = { readonly [backend: string]: { readonly [K in OpName]?: string | Gap } };

/** The gap of `op` on `backend`, normalised, if one is listed. */
export function gapOf(backend: string, op: OpName): Gap | undefined {
  const gap = knownGaps[backend]?.[op];
  return typeof gap === 'string' ? { reason: gap } : gap;
}

/** Empty while every registered backend matches the reference on every case. */
export const knownGaps: GapTable = {};
