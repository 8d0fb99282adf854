// Importing this registers 'webgpu' on navigator.gpu, lazily (see register-webgpu.ts). It exports
// nothing, so its declarations name no GPU type: the umbrella imports it, and a Node-only
// TypeScript project (no DOM lib, which @webgpu/types needs) type-checks.
import { registerWebGPU } from './register-webgpu.js';

registerWebGPU();
