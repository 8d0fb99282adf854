// Node support: the GPU object of the `webgpu` npm package (Dawn), pointed at the SwiftShader
// Vulkan driver that Debian's chromium ships when no other driver is configured, and a helper
// that registers 'webgpu' with it. Import from '@webgrad/backend-webgpu/node'.
/// <reference types="node" />
/**
 * WebGPU in Node through the `webgpu` package (Dawn).
 * @module @webgrad/backend-webgpu/node
 */
import { existsSync } from 'node:fs';
import { registerWebGPU, type RegisterWebGPUOptions } from './register-webgpu.js';

/** Where Debian's chromium package puts its SwiftShader Vulkan ICD. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

// Dawn's GPU object must stay reachable for the life of the process: if it is collected,
// the process aborts. Keep it here, created once.
let gpu: GPU | undefined;
let failure: Error | undefined;

/**
 * The `webgpu` package's GPU object, created once. Sets VK_ICD_FILENAMES to SwiftShader when
 * unset and the driver exists. Rejects with the reason when the package cannot load.
 */
export async function nodeGPU(): Promise<GPU> {
  if (gpu) return gpu;
  if (failure) throw failure;
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    process.env.NODEVICE_SELECT ??= '1';
  }
  try {
    const name = 'webgpu';
    const mod = (await import(/* @vite-ignore */ name)) as { create: (flags: string[]) => GPU };
    gpu = mod.create([]);
    return gpu;
  } catch (e) {
    failure = new Error(`webgpu: the 'webgpu' npm package (Dawn for Node) could not load: ${(e as Error).message}`);
    throw failure;
  }
}

/** Why WebGPU cannot start in this Node process, or undefined when an adapter is available. */
export async function nodeUnavailableReason(): Promise<string | undefined> {
  try {
    const adapter = await (await nodeGPU()).requestAdapter();
    if (adapter) return undefined;
    return existsSync(SWIFTSHADER_ICD)
      ? 'no adapter: requestAdapter() returned null even with SwiftShader'
      : `no adapter: no Vulkan driver (install chromium and libvulkan1 for SwiftShader at ${SWIFTSHADER_ICD})`;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Registers 'webgpu' (priority 3) on the Node GPU; starting it rejects with the reason if there is
 * no adapter. As everywhere, the automatic choice skips a software adapter (SwiftShader) unless
 * `allowSoftware` is set.
 */
export function registerNodeWebGPU(options: Omit<RegisterWebGPUOptions, 'gpu'> = {}): void {
  registerWebGPU({ ...options, gpu: nodeGPU });
}
