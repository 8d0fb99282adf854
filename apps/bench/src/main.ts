// `pnpm bench`: webgrad's wasm backend against TF.js wasm and jax-js wasm, in Node (one thread
// each, plus webgrad on every core) and in headless Chromium (a page on one thread, and a
// cross-origin-isolated page where every framework uses its threads): matmul GFLOP/s, two MLP
// train steps and a conv layer; then webgrad's webgpu backend against TF.js webgpu and jax-js
// webgpu in Node on one adapter (webgpu-node.ts) and in a Chromium page, with dispatches and
// submits per step. Medians
// after warm-up, results cross-checked against webgrad's. Prints tables and JSON. Options:
// --quick (fewer runs), --threads=N (default: cores), --no-browser (Node only),
// --only=wasm|webgpu (one part), --json=FILE (also write the JSON there).
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { runChromium } from './chromium.js';
import { fashionBatch } from './fashion.js';
import { jax } from './frameworks/jax.js';
import { tfjs } from './frameworks/tfjs.js';
import { webgrad } from './frameworks/webgrad.js';
import type { Framework } from './harness.js';
import { printTable, type Row } from './report.js';
import { measure, workloads } from './suite.js';
import { runNodeWebgpu } from './webgpu-node.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jsonPath = args.find((a) => a.startsWith('--json='))?.slice(7);
const threads = Number(args.find((a) => a.startsWith('--threads='))?.slice(10) ?? availableParallelism());
const only = args.find((a) => a.startsWith('--only='))?.slice(7);
if (only !== undefined && only !== 'wasm' && only !== 'webgpu') throw new Error(`bench: --only must be wasm or webgpu, got ${only}`);

async function runNode(batch: ReturnType<typeof fashionBatch>): Promise<{ frameworks: Record<string, string>; rows: Row[] }> {
  const wg = await webgrad(1);
  const frameworks: Framework[] = [wg, await tfjs({ threads: 1 }), await jax()];
  if (threads > 1) frameworks.push(await webgrad(threads));
  const rows: Row[] = [];
  for (const w of workloads(batch, quick)) {
    rows.push(await measure(w, frameworks, wg.backend));
    console.error(`node: done ${w.name}`);
  }
  return { frameworks: Object.fromEntries(frameworks.map((f) => [f.name, f.describe()])), rows };
}

async function main(): Promise<void> {
  const batch = fashionBatch(100);
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, date: new Date().toISOString(), loadAverage: loadavg().map((l) => Number(l.toFixed(2))), data: batch.source };
  const node = only === 'webgpu' ? undefined : await runNode(batch);
  if (node) printTable(`Node ${machine.node}`, machine, node.frameworks, node.rows);
  let chromium: Awaited<ReturnType<typeof runChromium>> | { failed: string } | undefined;
  if (!args.includes('--no-browser') && only !== 'webgpu') {
    try {
      chromium = await runChromium(batch, [{ threads: 1, isolated: false }, { threads, isolated: true }], quick);
      for (const page of chromium) printTable(`Chromium, ${page.isolated ? `cross-origin isolated, ${page.threads} threads` : 'one thread'}`, { ...machine, browser: page.machine.userAgent }, page.frameworks, page.rows);
    } catch (e) {
      chromium = { failed: (e as Error).message };
      console.log(`Chromium rows not measured: ${(e as Error).message}\n`);
    }
  }
  let webgpu: Awaited<ReturnType<typeof runNodeWebgpu>> | { failed: string } | undefined;
  if (only !== 'wasm') {
    try {
      webgpu = await runNodeWebgpu(batch, quick);
      printTable(`Node ${machine.node}, WebGPU (Dawn) on ${webgpu.adapter}`, machine, webgpu.frameworks, webgpu.rows);
      for (const [name, why] of Object.entries(webgpu.failed)) console.log(`${name} not measured: ${why}`);
    } catch (e) {
      webgpu = { failed: (e as Error).message };
      console.log(`WebGPU rows not measured: ${(e as Error).message}\n`);
    }
  }
  let chromiumWebgpu: Awaited<ReturnType<typeof runChromium>>[number] | { failed: string } | undefined;
  if (only !== 'wasm' && !args.includes('--no-browser')) {
    try {
      const [page] = await runChromium(batch, [{ threads: 1, isolated: false, webgpu: true }], quick);
      chromiumWebgpu = page!;
      printTable('Chromium, WebGPU', { ...machine, browser: page!.machine.userAgent }, page!.frameworks, page!.rows);
    } catch (e) {
      chromiumWebgpu = { failed: (e as Error).message };
      console.log(`Chromium WebGPU rows not measured: ${(e as Error).message}\n`);
    }
  }
  const json = JSON.stringify({ machine, node, chromium, webgpu, chromiumWebgpu }, null, 2);
  console.log(json);
  if (jsonPath) writeFileSync(jsonPath, json);
}

await main();
// Dawn (webgpu) and worker threads keep Node alive: leave once stdout has taken the report.
await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
process.exit(0);
