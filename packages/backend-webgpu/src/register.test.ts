// The automatic choice on fake adapters: webgpu on a hardware adapter that starts, else the next
// best ('wasm' here); a software adapter (isFallbackAdapter, or SwiftShader/llvmpipe by name) is
// used only when named. The backend's module is imported only once an adapter is chosen.
/// <reference types="@webgpu/types" />
import type * as Tensor from '@webgrad/tensor';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Register from './register-webgpu.js';

let wg: typeof Tensor;
let register: typeof Register;
/** How often the backend module was imported (it is mocked unless a test unmocks it). */
let imports = 0;

interface FakeAdapter {
  info?: Partial<GPUAdapterInfo> & { isFallbackAdapter?: boolean };
  requestAdapterInfo?: () => Promise<Partial<GPUAdapterInfo>>;
  requestDevice?: () => Promise<GPUDevice>;
}

/** A GPU object whose requestAdapter resolves to `adapter` (with empty limits and features). */
function fakeGpu(adapter: FakeAdapter): GPU & { requestAdapter: ReturnType<typeof vi.fn> } {
  const full = { limits: {}, features: new Set(), requestDevice: () => Promise.reject(new Error('no device in this fake')), ...adapter };
  return { requestAdapter: vi.fn(async () => full) } as unknown as GPU & { requestAdapter: ReturnType<typeof vi.fn> };
}

const HARDWARE = { vendor: 'nvidia', architecture: 'ampere', description: 'NVIDIA GeForce RTX 3060' };
const SWIFTSHADER = { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader Device (Subzero)' };

/** A fresh registry with a stand-in 'wasm' (priority 2) and 'webgpu' on `gpu`. */
async function load(gpu: GPU, mockBackend = true): Promise<void> {
  vi.resetModules();
  vi.doUnmock('./backend.js');
  if (mockBackend) {
    vi.doMock('./backend.js', async () => {
      imports++;
      const tensor = await import('@webgrad/tensor');
      return { createWebGPUBackend: async () => tensor.createJsBackend({ name: 'webgpu' }) };
    });
  }
  wg = await import('@webgrad/tensor');
  register = await import('./register-webgpu.js');
  wg.registerBackend('wasm', () => wg.createJsBackend({ name: 'wasm' }), 2);
  register.registerWebGPU({ gpu });
}

beforeEach(() => {
  imports = 0;
});

describe('the automatic choice and webgpu', () => {
  it('picks webgpu on a hardware adapter, requesting nothing and importing nothing before', async () => {
    const gpu = fakeGpu({ info: HARDWARE });
    await load(gpu);
    expect(gpu.requestAdapter).not.toHaveBeenCalled();
    expect(imports).toBe(0);
    expect((await wg.ready()).name).toBe('webgpu');
    expect(gpu.requestAdapter).toHaveBeenCalledTimes(1);
    expect(imports).toBe(1);
    expect(wg.backendInfo()).toEqual({ name: 'webgpu', chosenBy: 'auto', reason: 'webgpu started', tried: [{ name: 'webgpu', outcome: 'started' }] });
  });

  it('skips SwiftShader (named in adapter.info) for wasm without loading the backend, and uses it when named', async () => {
    await load(fakeGpu({ info: SWIFTSHADER }));
    expect((await wg.ready()).name).toBe('wasm');
    expect(imports).toBe(0);
    expect(wg.backendInfo()).toEqual({
      name: 'wasm',
      chosenBy: 'auto',
      reason: 'webgpu skipped: software adapter (SwiftShader); wasm started',
      tried: [{ name: 'webgpu', outcome: 'skipped', reason: 'software adapter (SwiftShader)' }, { name: 'wasm', outcome: 'started' }],
    });
    await wg.setBackend('webgpu'); // a skip is not remembered as a failure
    expect(wg.getBackend()).toBe('webgpu');
    expect(wg.backendInfo()).toEqual({ name: 'webgpu', chosenBy: 'name', reason: "setBackend('webgpu')", tried: [] });
    expect(await wg.setBestBackend()).toBe('wasm'); // started by name, still passed by unasked
  });

  it('passes by a software instance first started by name', async () => {
    await load(fakeGpu({ info: SWIFTSHADER }));
    await wg.setBackend('webgpu');
    expect(await wg.setBestBackend()).toBe('wasm');
    expect(wg.backendInfo()!.reason).toBe('webgpu skipped: software adapter (SwiftShader); wasm started');
  });

  it('skips an adapter that says isFallbackAdapter', async () => {
    await load(fakeGpu({ info: { vendor: 'acme', architecture: 'cpu', isFallbackAdapter: true } }));
    expect(await wg.setBestBackend()).toBe('wasm');
    expect(wg.backendInfo()!.tried[0]).toEqual({ name: 'webgpu', outcome: 'skipped', reason: 'software adapter (isFallbackAdapter: acme cpu)' });
  });

  it('asks requestAdapterInfo() where adapter.info is missing (older Chrome): llvmpipe is software', async () => {
    await load(fakeGpu({ requestAdapterInfo: async () => ({ vendor: 'mesa', architecture: '', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' }) }));
    expect((await wg.ready()).name).toBe('wasm');
    expect(wg.backendInfo()!.reason).toBe('webgpu skipped: software adapter (llvmpipe); wasm started');
  });

  it('falls back to wasm when a hardware adapter fails to give a device, saying why', async () => {
    const requestDevice = vi.fn(() => Promise.reject(new Error('requestDevice: out of memory')));
    await load(fakeGpu({ info: HARDWARE, requestDevice }), false);
    expect((await wg.ready()).name).toBe('wasm');
    expect(requestDevice).toHaveBeenCalledTimes(1);
    expect(wg.backendInfo()!.tried).toEqual([
      { name: 'webgpu', outcome: 'failed', reason: 'requestDevice: out of memory' },
      { name: 'wasm', outcome: 'started' },
    ]);
    await expect(wg.setBackend('webgpu')).rejects.toThrow("setBackend: backend 'webgpu' failed to start: requestDevice: out of memory");
  });

  it('skips, unasked, a runtime without navigator.gpu; by name it says why', async () => {
    await load(undefined as unknown as GPU);
    expect((await wg.ready()).name).toBe('wasm');
    expect(wg.backendInfo()!.reason).toBe('webgpu skipped: no WebGPU in this runtime (navigator.gpu is undefined); wasm started');
    await expect(wg.setBackend('webgpu')).rejects.toThrow('no WebGPU in this runtime (navigator.gpu is undefined)');
  });

  it('allowSoftware lets the automatic choice take a software adapter', async () => {
    await load(fakeGpu({ info: SWIFTSHADER }));
    register.registerWebGPU({ gpu: fakeGpu({ info: SWIFTSHADER }), allowSoftware: true });
    expect((await wg.ready()).name).toBe('webgpu');
  });
});
