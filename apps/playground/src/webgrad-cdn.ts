// The single-file library build (dist/cdn/webgrad.js): the namespace `import * as wg from
// 'webgradjs'` gives, with only 'wasm' registered (lazily; WebGPU would double its size); its .wasm
// kernels and thread worker sit beside it. A distribution entry built by vite.embed.config.ts, not
// playground code: the dashboard itself never imports a backend (its worker does).
import '@webgrad/backend-wasm/register';

export * from '@webgrad/tensor';
export * from '@webgrad/autograd';
export * as nn from '@webgrad/nn';
