// @webgrad/backend-webgpu: the WebGPU backend. Importing it registers 'webgpu' (priority 3,
// the best when it can start, on a hardware adapter) on navigator.gpu, lazily (./register.js);
// createWebGPUBackend takes an injected GPU.
/**
 * The WebGPU backend `webgpu`, registered (lazily, hardware adapters only unless named) on import.
 * @module @webgrad/backend-webgpu
 */
export { describeAdapter, type AdapterDescription } from './adapter.js';
import './register.js';
export { registerWebGPU, type RegisterWebGPUOptions } from './register-webgpu.js';

export { createWebGPUBackend, type WebGPUBackend, type WebGPUBackendOptions, type WebGPUStats } from './backend.js';
export type { GpuStorage } from './pool.js';
export { sizeClass } from './pool.js';
export { AUTO_FLUSH_DISPATCHES } from './recorder.js';
export type { ShaderMessage, ShaderName } from './shader-library.js';
export { shaders } from './shaders.generated.js';
export { shaderUsers } from './kernels/index.js';
