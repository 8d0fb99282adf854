// The optimisers, by name.
export { Optimizer, zeroGrad, type GroupOptions, type OptimizerOptions, type UpdateContext, type UpdateRule } from './optimizer.js';
export { adadelta, adagrad, adam, adamw, momentum, nesterov, rmsprop, sgd, type AdamOptions } from './rules.js';
