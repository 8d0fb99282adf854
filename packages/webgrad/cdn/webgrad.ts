// The single-file library build (dist/cdn/webgrad.js, made by vite.cdn.config.ts): everything
// `import * as wg from 'webgradjs'` gives, with the 'wasm' backend registered; its .wasm kernels
// and thread worker sit beside it under assets/, found from the module's own URL.
import '@webgrad/backend-wasm';

export * from '../src/index.js';
