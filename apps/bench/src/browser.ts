// The benchmark in a browser page: `?threads=N` picks webgrad's thread count (more than 1 needs
// a cross-origin-isolated page, where jax-js also uses its workers), `?quick` fewer runs,
// `?webgpu` the WebGPU comparison instead of the wasm one. The images come from the
// driver at /batch.bin when it serves them. The report lands in window.benchResult.
/// <reference types="vite/client" />
import tfWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import tfSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import tfThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { syntheticBatch, type Batch } from './data.js';
import { jax } from './frameworks/jax.js';
import { tfjs } from './frameworks/tfjs.js';
import { webgradWebgpu } from './frameworks/webgrad-webgpu.js';
import { webgrad } from './frameworks/webgrad.js';
import type { Framework } from './harness.js';
import type { Row } from './report.js';
import { measure, webgpuWorkloads, workloads } from './suite.js';

/** What the page reports. */
export interface PageReport {
  machine: { userAgent: string; crossOriginIsolated: boolean; cores: number };
  frameworks: Record<string, string>;
  rows: Row[];
}

async function loadBatch(size: number): Promise<Batch> {
  const response = await fetch('/batch.bin');
  if (!response.ok) return syntheticBatch(size);
  const values = new Float32Array(await response.arrayBuffer());
  return { x: values.slice(0, size * 784), onehot: values.slice(size * 784), size, source: 'served by the driver' };
}

/** The WebGPU comparison on navigator.gpu: webgrad (fused and not), TF.js webgpu, jax-js webgpu. */
async function runWebgpu(params: URLSearchParams): Promise<PageReport> {
  const wg = await webgradWebgpu();
  const frameworks: Framework[] = [wg, await webgradWebgpu({ fusion: false }), await tfjs({ threads: 1, backend: 'webgpu' }), await jax('webgpu')];
  const rows: Row[] = [];
  const out = document.getElementById('out')!;
  for (const w of webgpuWorkloads(await loadBatch(100), params.has('quick'))) {
    rows.push(await measure(w, frameworks, wg.backend));
    out.textContent = `done: ${rows.map((r) => r.workload).join(', ')}`;
  }
  return {
    machine: { userAgent: `${navigator.userAgent}; adapter ${wg.backend.adapterName}`, crossOriginIsolated, cores: navigator.hardwareConcurrency },
    frameworks: Object.fromEntries(frameworks.map((f) => [f.name, f.describe()])),
    rows,
  };
}

async function run(): Promise<PageReport> {
  const params = new URLSearchParams(location.search);
  if (params.has('webgpu')) return runWebgpu(params);
  const threads = Number(params.get('threads') ?? 1);
  const wg = await webgrad(threads);
  const wasmPaths = { 'tfjs-backend-wasm.wasm': tfWasm, 'tfjs-backend-wasm-simd.wasm': tfSimd, 'tfjs-backend-wasm-threaded-simd.wasm': tfThreaded };
  // TF.js stays on one thread: its threaded build's emscripten worker fails once bundled by Vite
  // (ReferenceError inside WasmBackendModuleThreadedSimd), so no multi-thread TF.js row here.
  const frameworks: Framework[] = [wg, await tfjs({ threads: 1, wasmPaths }), await jax()];
  const rows: Row[] = [];
  const out = document.getElementById('out')!;
  for (const w of workloads(await loadBatch(100), params.has('quick'))) {
    rows.push(await measure(w, frameworks, wg.backend));
    out.textContent = `done: ${rows.map((r) => r.workload).join(', ')}`;
  }
  return {
    machine: { userAgent: navigator.userAgent, crossOriginIsolated, cores: navigator.hardwareConcurrency },
    frameworks: Object.fromEntries(frameworks.map((f) => [f.name, f.describe()])),
    rows,
  };
}

const page = window as unknown as { benchResult?: PageReport; benchError?: string };
run().then(
  (report) => (page.benchResult = report),
  (e: Error) => (page.benchError = `${e.message}\n${e.stack ?? ''}`),
);
