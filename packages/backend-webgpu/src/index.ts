// @webgrad/backend-webgpu: the WebGPU backend. Importing it registers 'webgpu' (priority 3,
// the best when it can start) on navigator.gpu; createWebGPUBackend takes an injected GPU.
/**
 * The WebGPU backend `webgpu`, registered on import.
 * @module @webgrad/backend-webgpu
 */
import { registerBackend } from '@webgrad/tensor';
import { createWebGPUBackend } from './backend.js';

registerBackend('webgpu', () => createWebGPUBackend(), 3);

export { createWebGPUBackend, type WebGPUBackend, type WebGPUBackendOptions, type WebGPUStats } from './backend.js';
export type { GpuStorage } from './pool.js';
export { sizeClass } from './pool.js';
export { AUTO_FLUSH_DISPATCHES } from './recorder.js';
export type { ShaderMessage, ShaderName } from './shader-library.js';
export { shaders } from './shaders.generated.js';
export { shaderUsers } from './kernels/index.js';
