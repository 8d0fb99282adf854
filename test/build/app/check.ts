// What a TypeScript consumer with the DOM lib compiles against: the packed .d.ts of every package.
import * as wg from 'webgradjs';
import { createWasmBackend } from '@webgrad/backend-wasm';
import * as webgpu from '@webgrad/backend-webgpu';
import * as worker from '@webgrad/worker';

const x: wg.Tensor = wg.tensor([[1, 2], [3, 4]]);
export const y: Promise<Float32Array | Int32Array | Uint8Array | ArrayLike<number>> = x.matmul(x).sum().data();
export const parts = [createWasmBackend, webgpu, worker];
// The GPU types stay real types: `any` here would make this line an error.
type IsAny<T> = 0 extends 1 & T ? true : false;
export const gpuTypesAreReal: IsAny<webgpu.WebGPUBackend['device']> = false;
