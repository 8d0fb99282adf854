// The optimisers, by name.
export { Optimizer, zeroGrad, type GroupOptions, type OptimizerOptions, type UpdateContext, type UpdateRule } from './optimizer.js';
export { adadelta, adagrad, adam, adamw, momentum, nesterov, rmsprop, sgd, type AdagradOptions, type AdamOptions, type AveragingOptions, type SGDOptions } from './rules.js';
