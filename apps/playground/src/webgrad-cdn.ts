// The single-file library build (dist/cdn/webgrad.js): everything `import * as wg from 'webgrad'`
// gives, with the 'wasm' backend registered; its .wasm kernels and thread worker sit beside it.
import '@webgrad/backend-wasm';

export * from 'webgrad';
