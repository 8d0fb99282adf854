// The gradient table: one rule per op in the op table. A new op fails the type check here
// until it has a rule or is marked 'not-differentiable'.
import type { GradRules } from './rule.js';
import { convRules } from './rules/conv.js';
import { elementwiseRules } from './rules/elementwise.js';
import { fusedRules } from './rules/fused.js';
import { layoutRules } from './rules/layout.js';
import { reduceRules } from './rules/reduce.js';

/** Every op's vector-Jacobian product. */
export const gradRules: GradRules = { ...elementwiseRules, ...reduceRules, ...fusedRules, ...layoutRules, ...convRules };
