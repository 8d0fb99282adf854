// The whole gradient-check case table, merged from its parts, and the runner of one case.
import { runOp, type OpAttrs, type OpName, type Tensor } from '@webgrad/tensor';
import type { CaseTable, OpCase } from './case-table.js';
import { convCases } from './cases-conv.js';
import { elementwiseCases } from './cases-elementwise.js';
import { fusedCases } from './cases-fused.js';
import { layoutCases, reduceCases } from './cases-layout.js';

export { knownGaps } from './cases-conv.js';

/** Every primitive's gradient-check cases. */
export const cases: CaseTable = { ...elementwiseCases, ...reduceCases, ...fusedCases, ...layoutCases, ...convCases };

/** The cases of `op` as [name, case] rows for `it.each`. */
export function rowsOf(op: OpName): [string, OpCase<OpName>][] {
  return ((cases[op] ?? []) as readonly OpCase<OpName>[]).map((c) => [c.name, c]);
}

/** The op of a case as a function of its inputs. */
export function opFunction<K extends OpName>(op: K, attrs: OpAttrs[K]): (...xs: Tensor[]) => Tensor {
  return (...xs) => runOp(op, xs, attrs);
}
