// @webgrad/nn: modules with a glob-addressed parameter registry, layers, losses, optimisers,
// schedules, initialisers, modifiers, metrics, the Trainer and its hooks, and datasets.
export { Module, shapeError } from './module.js';
export { globMatcher } from './glob.js';
export { Dense, dense, type DenseOptions } from './layers/dense.js';
export { Activation, elu, flatten, gelu, leakyRelu, relu, sigmoid, softmax, tanh } from './layers/activation.js';
export { Graph, graph, Sequential, sequential } from './layers/containers.js';
export * as init from './init.js';
export type { Initializer } from './init.js';
export { binaryCrossEntropy, huber, l1, l2, losses, mae, mse, softmaxCrossEntropy, type Loss, type LossName } from './losses.js';
export * as optim from './optim/index.js';
export * as schedules from './schedules.js';
export type { Schedule } from './schedules.js';
export * as modifiers from './modifiers.js';
export * as metrics from './metrics.js';
export * as hooks from './hooks.js';
export type { Action, Hook, HookContext, PhaseTiming } from './hooks.js';
export { Trainer, type TrainerOptions, type TrainerState } from './trainer.js';
export * as data from './data/index.js';
export { Dataset, fromArrays, type Batch } from './data/dataset.js';
