// Test support: one 'webgpu' backend per test file on Node's Dawn, or the reason there is none
// (reported by the tests as a skipped case naming it, never skipped silently).
import { createWebGPUBackend, type WebGPUBackend } from '../backend.js';
import { nodeGPU, nodeUnavailableReason } from '../node.js';

/** The backend, or why it could not start. */
export interface TestGpu {
  backend?: WebGPUBackend;
  reason?: string;
}

let started: Promise<TestGpu> | undefined;

/** Starts (once) a backend on the Node GPU. */
export function testGpu(): Promise<TestGpu> {
  started ??= (async () => {
    const reason = await nodeUnavailableReason();
    if (reason) return { reason };
    try {
      return { backend: await createWebGPUBackend({ gpu: await nodeGPU() }) };
    } catch (e) {
      return { reason: (e as Error).message };
    }
  })();
  return started;
}
