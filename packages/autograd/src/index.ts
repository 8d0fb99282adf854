// @webgrad/autograd: define-by-run reverse-mode differentiation. Importing it installs the tape
// and makes Tensor.backward() work.
/**
 * Define-by-run reverse-mode differentiation: `grad`, `valueAndGrad`, `backward()`.
 * @module @webgrad/autograd
 */
export { grad, noGrad, valueAndGrad, variable } from './api.js';
export { gradients } from './tape.js';
export { gradRules } from './grad-rules.js';
export { ifNeeded, unbroadcast, type GradContext, type GradRule, type GradRules } from './rule.js';
export { trace, type Trace, type TraceNode } from './trace.js';
