// The conformance case table: every op in the op table mapped to its cases, gathered from the
// per-family files. A new op without cases fails the type check here and the coverage test.
import type { OpName } from '@webgrad/tensor';
import { binaryCases } from './cases-binary.js';
import { convCases } from './cases-conv.js';
import { fusedCases } from './cases-fused.js';
import { layoutCases } from './cases-layout.js';
import { reduceCases } from './cases-reduce.js';
import { unaryCases } from './cases-unary.js';
import type { OpCase } from './spec.js';

/** Every op's cases. */
export const cases: { readonly [K in OpName]: readonly OpCase<K>[] } = {
  ...unaryCases, ...binaryCases, ...reduceCases, ...fusedCases, ...layoutCases, ...convCases,
};

/** The cases of one op, or none when the table lacks it (the coverage test reports that). */
export function casesOf<K extends OpName>(op: K): readonly OpCase<K>[] {
  return (cases as { readonly [J in OpName]?: readonly OpCase<J>[] })[op] ?? [];
}
