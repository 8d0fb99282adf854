// webgrad: the umbrella entry. `import * as wg from 'webgradjs'` gives tensors, ops, backends,
// memory scopes and autograd in one namespace.
export * from '@webgrad/tensor';
export * from '@webgrad/autograd';
export * as nn from '@webgrad/nn';
