// registerWebGPU: 'webgpu' registered lazily: nothing is requested until the backend is first
// asked for, and the backend's module (kernels, shaders) is imported only once an adapter is there
// and chosen. The automatic choice skips a software adapter (SwiftShader, llvmpipe, WARP); by name
// it is used.
/// <reference types="@webgpu/types" />
import { BackendSkipped, registerBackend } from '@webgrad/tensor';
import { describeAdapter } from './adapter.js';
import type { WebGPUBackendOptions } from './backend.js';
import { findGpu, requestAdapter } from './device.js';

/** Options of {@link registerWebGPU}: the backend's, with the GPU object given lazily if need be. */
export interface RegisterWebGPUOptions extends Omit<WebGPUBackendOptions, 'gpu' | 'adapter'> {
  /** The GPU object, or a function that resolves to it on first start; defaults to navigator.gpu. */
  gpu?: GPU | (() => GPU | Promise<GPU>);
  /** Let the automatic choice pick a software adapter too (default false: only `setBackend(name)` does). */
  allowSoftware?: boolean;
}

/**
 * Registers the WebGPU backend (priority 3) under `options.name` ('webgpu'). Starting it by the
 * automatic choice (`ready()`, `setBestBackend()`) throws BackendSkipped on a software adapter.
 *
 * @example
 * registerWebGPU();                       // navigator.gpu, as importing the package does
 * await ready();                          // webgpu on a hardware adapter, else the next best
 */
export function registerWebGPU(options: RegisterWebGPUOptions = {}): void {
  const { gpu, allowSoftware = false, ...backendOptions } = options;
  registerBackend(options.name ?? 'webgpu', async ({ byName, passOver }) => {
    const given = typeof gpu === 'function' ? await gpu() : gpu;
    if (!given && !hasNavigatorGpu() && !byName) throw new BackendSkipped('no WebGPU in this runtime (navigator.gpu is undefined)');
    const adapter = await requestAdapter(findGpu(given), options.powerPreference);
    const { software } = await describeAdapter(adapter);
    if (software && !allowSoftware) {
      if (!byName) throw new BackendSkipped(software);
      passOver(software); // started by name: an automatic choice later still passes it by
    }
    const { createWebGPUBackend } = await import('./backend.js');
    return createWebGPUBackend({ ...backendOptions, adapter });
  }, 3);
}

function hasNavigatorGpu(): boolean {
  return (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu !== undefined;
}

