// Test support: one 'webgpu' backend per test file on Node's Dawn, or the reason there is none
// (reported by the tests as a skipped case naming it, never skipped silently).
import { createWebGPUBackend, type WebGPUBackend } from '../backend.js';
import { nodeGPU, nodeUnavailableReason } from '../node.js';

/** The backend, or why it could not start. */
export interface TestGpu {
  backend?: WebGPUBackend;
  reason?: string;
}

const started = new Map<string, Promise<TestGpu>>();

/** Starts (once per `gemm`, `fusion` and `subgroups` choice) a backend on the Node GPU. */
export function testGpu(gemm: 'tiled' | 'direct' | 'auto' = 'auto', fusion = true, subgroups = true): Promise<TestGpu> {
  const key = `${gemm}/${fusion}/${subgroups}`;
  let s = started.get(key);
  if (!s) {
    s = (async () => {
      const reason = await nodeUnavailableReason();
      if (reason) return { reason };
      try {
        return { backend: await createWebGPUBackend({ gpu: await nodeGPU(), gemm, fusion, subgroups }) };
      } catch (e) {
        return { reason: (e as Error).message };
      }
    })();
    started.set(key, s);
  }
  return s;
}
