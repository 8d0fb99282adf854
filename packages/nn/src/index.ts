// @webgrad/nn: modules with a glob-addressed parameter registry, layers, losses, optimisers,
// schedules, initialisers, modifiers, metrics, the Trainer and its hooks, and datasets.
/**
 * Modules, layers, losses, optimisers, schedules, the Trainer and its hooks, datasets and checkpoints.
 * @module @webgrad/nn
 */
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
export * as hooks from './hooks-checkpoint.js';
export type { Action, Hook, HookContext, PhaseTiming } from './hooks.js';
export { Trainer, yieldToEvents, type TrainerOptions, type TrainerState } from './trainer.js';
export { DivergedError, LOSS_BLOWUP_FACTOR, type Divergence, type DivergedQuantity } from './divergence.js';
export { DatasetOnBackend, datasetOn } from './dataset-on-backend.js';
export * as data from './data/index.js';
export { Dataset, fromArrays, type Batch } from './data/dataset.js';
export * as checkpoint from './checkpoint/index.js';
export { Conv2d, conv2d, type Conv2dLayerOptions } from './layers/conv2d.js';
export { avgPool2d, maxPool2d, Pool2d } from './layers/pooling.js';
export { Dropout, dropout } from './layers/dropout.js';
export { BatchNorm, batchNorm1d, batchNorm2d, type BatchNormOptions } from './layers/batch-norm.js';
export { LayerNorm, layerNorm, type LayerNormOptions } from './layers/layer-norm.js';
export { Embedding, embedding, type EmbeddingOptions } from './layers/embedding.js';
export { Recurrent, type RecurrentOptions, type RecurrentRun } from './layers/recurrent.js';
export { SimpleRNN, simpleRNN } from './layers/simple-rnn.js';
export { LSTM, lstm } from './layers/lstm.js';
export { GRU, gru, type GRUOptions } from './layers/gru.js';
