// @webgrad/backend-wasm: the WebAssembly SIMD backend. Importing it registers 'wasm' (priority
// 2: above 'js', below 'webgpu') lazily (./register.js); createWasmBackend makes standalone instances.
/**
 * The WebAssembly SIMD backend `wasm`, registered (lazily) on import.
 * @module @webgrad/backend-wasm
 */
import './register.js';

export { createWasmBackend, type WasmBackend, type WasmBackendOptions, type WasmBackendStats } from './backend.js';
export { hasRelaxedSimd, hasSimd, type WasmSource } from './loader.js';
export { sizeClass, type PoolStats } from './pool.js';
