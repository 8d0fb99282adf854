// What a Node-only TypeScript consumer (no DOM lib) compiles against: every package but the
// WebGPU backend, whose types (@webgpu/types) are written against the DOM lib.
import * as wg from 'webgradjs';
import { createWasmBackend } from '@webgrad/backend-wasm';
import * as nn from '@webgrad/nn';
import * as worker from '@webgrad/worker';

const x: wg.Tensor = wg.tensor([[1, 2], [3, 4]]);
export const y: Promise<Float32Array | Int32Array | Uint8Array | ArrayLike<number>> = x.matmul(x).sum().data();
export const parts = [createWasmBackend, nn, worker];
