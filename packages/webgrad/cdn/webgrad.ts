// The single-file library build (dist/cdn/webgrad.js, made by vite.cdn.config.ts): the namespace
// `import * as wg from 'webgradjs'` gives, with only 'wasm' registered (lazily; WebGPU would
// double its size); its .wasm kernels and thread worker sit beside it under assets/, found from
// the module's own URL.
import '@webgrad/backend-wasm/register';

export * from '@webgrad/tensor';
export * from '@webgrad/autograd';
export * as nn from '@webgrad/nn';
