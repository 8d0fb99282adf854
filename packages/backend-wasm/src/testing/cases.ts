// Every op's differential test cases, typed over the op table so that a new op fails the type
// check until it has cases here.
import type { OpName } from '@webgrad/tensor';
import { computeCases } from './cases-compute.js';
import { elementwiseCases, type OpCase } from './cases-elementwise.js';
import { layoutCases } from './cases-layout.js';

export type { OpCase } from './cases-elementwise.js';

/** Test cases for every op. */
export const cases: { [K in OpName]: OpCase<K>[] } = { ...elementwiseCases, ...computeCases, ...layoutCases };
