// Registers 'wasm' (priority 2: above 'js', below 'webgpu') lazily: the backend's module is
// imported, and its kernels fetched and compiled, only when the backend is first asked for.
import { registerBackend } from '@webgrad/tensor';

registerBackend('wasm', async () => (await import('./backend.js')).createWasmBackend(), 2);
