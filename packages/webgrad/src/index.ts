// webgrad: the umbrella entry. `import * as wg from 'webgradjs'` gives tensors, ops, backends,
// memory scopes and autograd in one namespace.
/**
 * The umbrella: tensors, ops, backends, memory scopes and autograd, with the training library as `nn`.
 * @module webgradjs
 */
export * from '@webgrad/tensor';
export * from '@webgrad/autograd';
export * as nn from '@webgrad/nn';
