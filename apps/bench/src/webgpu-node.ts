// The WebGPU comparison in Node: webgrad 'webgpu' (with and without elementwise fusion) against
// TF.js 'webgpu' and jax-js 'webgpu', all on Dawn's one adapter (SwiftShader on machines with
// no GPU). The peers look for navigator.gpu and the GPU* globals a browser has; Dawn gives both.
import { nodeGPU } from '@webgrad/backend-webgpu/node';
import type { Batch } from './data.js';
import { jax } from './frameworks/jax.js';
import { tfjs } from './frameworks/tfjs.js';
import { webgradWebgpu } from './frameworks/webgrad-webgpu.js';
import type { Framework } from './harness.js';
import type { Row } from './report.js';
import { measure, webgpuWorkloads } from './suite.js';

/** Frameworks that could not start are reported, not fatal. */
async function tryStart(start: () => Promise<Framework>, failed: Record<string, string>, name: string): Promise<Framework[]> {
  try {
    return [await start()];
  } catch (e) {
    failed[name] = (e as Error).message.split('\n')[0]!;
    console.error(`${name} did not start: ${failed[name]}`);
    return [];
  }
}

/** Runs the webgpu workloads in this Node process; rows, the frameworks, the adapter, and peers that failed to start. */
export async function runNodeWebgpu(batch: Batch, quick: boolean): Promise<{ adapter: string; frameworks: Record<string, string>; failed: Record<string, string>; rows: Row[] }> {
  const gpu = await nodeGPU();
  const { globals } = (await import('webgpu')) as unknown as { globals: Record<string, unknown> };
  Object.assign(globalThis, globals);
  Object.defineProperty(globalThis, 'navigator', { value: { gpu, userAgent: 'node' }, configurable: true });
  const failed: Record<string, string> = {};
  const wg = await webgradWebgpu({ gpu });
  const frameworks: Framework[] = [
    wg,
    ...(await tryStart(() => webgradWebgpu({ gpu, fusion: false }), failed, 'webgrad webgpu unfused')),
    ...(await tryStart(() => tfjs({ threads: 1, backend: 'webgpu' }), failed, 'tfjs webgpu')),
    ...(await tryStart(() => jax('webgpu'), failed, 'jax-js webgpu')),
  ];
  const rows: Row[] = [];
  for (const w of webgpuWorkloads(batch, quick)) {
    rows.push(await measure(w, frameworks, wg.backend));
    console.error(`node webgpu: done ${w.name}`);
  }
  return { adapter: wg.backend.adapterName, frameworks: Object.fromEntries(frameworks.map((f) => [f.name, f.describe()])), failed, rows };
}
