// Test support, bundled for a real browser by browser.test.ts: runs the first case of every op
// on a 'webgpu' backend over navigator.gpu against the reference backend, in the page.
import { opNames, type OpName } from '@webgrad/tensor';
import { createWebGPUBackend } from '../backend.js';
import { cases, type OpCase } from './cases.js';
import { compareOp, mismatch } from '@webgrad/tensor/testing';

/** What the page reports back. */
export interface BrowserReport {
  adapter: string;
  checked: number;
  failures: string[];
  submits: number;
}

async function run(): Promise<BrowserReport> {
  const backend = await createWebGPUBackend();
  const failures: string[] = [];
  let checked = 0;
  for (const op of opNames) {
    const c = (cases[op] as OpCase<OpName>[])[0]!;
    try {
      const { got, want } = await compareOp(backend, op, c.inputs, c.attrs);
      const i = mismatch(got, want, c.rtol ?? 0, c.atol ?? 0);
      if (i >= 0) failures.push(`${op} ${c.name}: at ${i} webgpu ${got[i]}, reference ${want[i]}`);
    } catch (e) {
      failures.push(`${op} ${c.name}: ${(e as Error).message}`);
    }
    checked++;
  }
  return { adapter: backend.adapterName, checked, failures, submits: backend.stats().submits };
}

(globalThis as { runWebgpuTests?: () => Promise<BrowserReport> }).runWebgpuTests = run;
