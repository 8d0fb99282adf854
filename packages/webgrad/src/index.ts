// webgrad: the umbrella entry. `import * as wg from 'webgradjs'` gives tensors, ops, backends,
// memory scopes and autograd in one namespace. It registers 'wasm' and 'webgpu' lazily: nothing
// is fetched or requested until `await wg.ready()` picks the best (hardware WebGPU, else wasm,
// else js) or `wg.setBackend(name)` names one; `wg.backendInfo()` says which and why.
/**
 * The umbrella: tensors, ops, backends, memory scopes and autograd, with the training library as `nn`;
 * 'wasm' and 'webgpu' registered lazily.
 * @module webgradjs
 */
import '@webgrad/backend-wasm/register';
import '@webgrad/backend-webgpu/register';

export * from '@webgrad/tensor';
export * from '@webgrad/autograd';
export * as nn from '@webgrad/nn';
