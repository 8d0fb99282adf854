// @webgrad/tensor: tensors, the op table, the backend interface and registry, memory scopes,
// and the reference backend 'js' (registered on import).
/**
 * Tensors, ops, the backend interface and registry, memory scopes and the reference backend `js`.
 * @module @webgrad/tensor
 */
import { createJsBackend } from './backends/js/index.js';
import { registerBackend } from './registry.js';

registerBackend('js', () => createJsBackend(), 1);

export { Tensor, setBackwardHandler, type NestedValues } from './tensor.js';
export type { DType, TypedArray } from './dtype.js';
export { DTYPES, promote } from './dtype.js';
export type { Shape } from './shape.js';
export { broadcastShapes, broadcastStrides, mergeAxes, sizeOf, stridesOf } from './shape.js';
export { ops, opNames, type OpAttrs, type OpName, type OpSpec, type Conv2dAttrs, type PoolAttrs, type AvgPoolAttrs, avgPoolCounted, type DenseActivation, DENSE_ACTIVATIONS, type ReduceAttrs, type SliceAttrs } from './ops.js';
export type { Meta } from './infer.js';
export type { Backend, BackendStats, Kernel, Kernels, TensorInfo } from './backend.js';
export { backend, backendInfo, BackendSkipped, getBackend, getBackendInstance, listBackends, onBackendLost, ready, registerBackend, setBackend, setBestBackend, withBackend, type BackendAttempt, type BackendInfo, type BackendRequest } from './registry.js';
export { DeviceLostError } from './device-lost.js';
export { createJsBackend, type JsBackendOptions } from './backends/js/index.js';
export { dispose, fromValues, isTracking, keep, memory, onOp, runOp, scope, untracked, withTracking, type MemoryInfo, type OpObserver } from './engine.js';
export { arange, eye, full, linspace, MAX_TENSOR_ELEMENTS, ones, onesLike, tensor, zeros, zerosLike, type NestedArray, type TensorData, type TensorOptions } from './creation.js';
export { bernoulli, globalRandom, rand, randint, randn, Random, seed } from './random.js';
export { cast, castTo, compareOp, div, logicalNot, type Scalar, type TensorOrScalar, where } from './api/elementwise.js';
export { argmax, argmin, logSoftmax, logSumExp, max, mean, min, prod, softmax, sum, variance, type Axes } from './api/reduce.js';
export { dense, matmul, type DenseOptions, type MatmulOptions } from './api/linalg.js';
export { broadcastTo, concat, expandDims, flatten, gather, gather as take, oneHot, pad, reshape, scatterAdd, slice, split, squeeze, stack, tile, transpose } from './api/shape-ops.js';
export { avgPool2d, avgPoolAttrs, conv2d, conv2dAttrs, maxPool2d, poolAttrs, type AvgPool2dOptions, type Conv2dOptions, type Padding, type Pool2dOptions } from './api/conv.js';
export { clip, elu, gelu, leakyRelu, softplus, square, type GeluOptions } from './api/activations.js';
export { detach } from './api/detach.js';
export * from './api/functional.js';
