// Adapter and device acquisition: from an injected GPU object (Node's `webgpu` package) or
// navigator.gpu, asking for the adapter's own limits where they exceed WebGPU's defaults so
// large tensors and big workgroups fit, and the shader-f16 / subgroups features when offered.
/// <reference types="@webgpu/types" preserve="true" />
import { describeAdapter } from './adapter.js';

/** Limits raised to what the adapter offers (everything else keeps WebGPU's defaults). */
const RAISED_LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxStorageBuffersPerShaderStage',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupSizeZ',
  'maxComputeWorkgroupsPerDimension',
] as const;

/** Options for acquiring a device. */
export interface DeviceOptions {
  /** The GPU object; defaults to `navigator.gpu`. */
  gpu?: GPU;
  /** An adapter already requested (the lazy registration looks at it first); skips requestAdapter. */
  adapter?: GPUAdapter;
  powerPreference?: GPUPowerPreference;
}

/** An acquired device and what it offers. */
export interface AcquiredDevice {
  adapter: GPUAdapter;
  device: GPUDevice;
  /** A short description of the adapter (vendor, architecture, description) for reports. */
  adapterName: string;
  /** A CPU implementation (SwiftShader, a fallback adapter): workgroup memory is just cache there. */
  software: boolean;
}

export function findGpu(gpu: GPU | undefined): GPU {
  if (gpu) return gpu;
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu) return nav.gpu;
  throw new Error("webgpu: no WebGPU in this runtime (navigator.gpu is undefined); in Node call registerNodeWebGPU() from '@webgrad/backend-webgpu/node', or use the 'wasm' backend");
}

/** Requests an adapter and a device with raised limits; throws an Error that says why not. */
export async function acquireDevice(options: DeviceOptions): Promise<AcquiredDevice> {
  const adapter = options.adapter ?? (await requestAdapter(findGpu(options.gpu), options.powerPreference));
  const requiredLimits: Record<string, number> = {};
  const limits = adapter.limits as unknown as Record<string, number>;
  for (const name of RAISED_LIMITS) if (typeof limits[name] === 'number') requiredLimits[name] = limits[name];
  const requiredFeatures = (['shader-f16', 'subgroups'] as GPUFeatureName[]).filter((f) => adapter.features.has(f));
  const device = await adapter.requestDevice({ requiredLimits, requiredFeatures, label: 'webgrad' });
  const { name, software } = await describeAdapter(adapter);
  return { adapter, device, adapterName: name, software: software !== undefined };
}

/** Requests an adapter; throws an Error that says why there is none. */
export async function requestAdapter(gpu: GPU, powerPreference?: GPUPowerPreference): Promise<GPUAdapter> {
  const adapter = await gpu.requestAdapter(powerPreference ? { powerPreference } : {});
  if (adapter) return adapter;
  throw new Error('webgpu: no adapter: requestAdapter() returned null (no GPU or software driver is available; in Node on Linux install chromium and libvulkan1 for SwiftShader)');
}
