// What a TypeScript consumer compiles against: the packed .d.ts of every package.
import * as wg from 'webgradjs';
import { createWasmBackend } from '@webgrad/backend-wasm';
import * as webgpu from '@webgrad/backend-webgpu';
import * as worker from '@webgrad/worker';

const x: wg.Tensor = wg.tensor([[1, 2], [3, 4]]);
export const y: Promise<Float32Array | Int32Array | Uint8Array | ArrayLike<number>> = x.matmul(x).sum().data();
export const parts = [createWasmBackend, webgpu, worker];
