// The single-file library build (dist/cdn/webgrad.js): everything `import * as wg from 'webgradjs'`
// gives, with the 'wasm' backend registered; its .wasm kernels and thread worker sit beside it.
// A distribution entry built by vite.embed.config.ts, not playground code: the dashboard itself
// never imports a backend (its worker does).
import '@webgrad/backend-wasm';

export * from 'webgradjs';
