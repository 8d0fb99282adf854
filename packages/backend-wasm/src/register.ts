// Registers 'wasm' (priority 2: above 'js', below 'webgpu') lazily: the backend's module is
// imported, and its kernels fetched and compiled, only when the backend is first asked for.
// A 'wasm' registered already (say with createWasmBackend's options) is kept.
import { listBackends, registerBackend } from '@webgrad/tensor';

if (!listBackends().includes('wasm')) registerBackend('wasm', async () => (await import('./backend.js')).createWasmBackend(), 2);
