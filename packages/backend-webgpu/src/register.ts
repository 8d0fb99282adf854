// Importing this registers 'webgpu' on navigator.gpu, lazily (see register-webgpu.ts), unless a
// 'webgpu' is registered already (registerNodeWebGPU() before the umbrella is imported keeps
// Dawn). It exports nothing, so its declarations name no GPU type: the umbrella imports it, and a
// Node-only TypeScript project (no DOM lib, which @webgpu/types needs) type-checks.
import { listBackends } from '@webgrad/tensor';
import { registerWebGPU } from './register-webgpu.js';

if (!listBackends().includes('webgpu')) registerWebGPU();
