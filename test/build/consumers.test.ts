// webgrad as a user outside the monorepo gets it: every package packed and installed with npm into
// one scratch project (test/build/scratch.ts), then the app built by each bundler and run in the
// system Chromium, a Node program, and the consumer type checks. One packing, one install.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type Bundler } from './bundlers.js';
import { makeScratchProject, root } from './scratch.js';
import { launchChromium, runApp, serve } from './serve.js';

let dir: string;

/** Which of the package's kernel files has the bytes of `file` (bundlers rename them). */
function kernelVariant(file: string): string | undefined {
  const kernels = join(dir, 'node_modules/@webgrad/backend-wasm/dist');
  const bytes = readFileSync(file);
  return readdirSync(kernels).find((f) => f.endsWith('.wasm') && readFileSync(join(kernels, f)).equals(bytes));
}
let browser: Browser;

beforeAll(async () => {
  dir = makeScratchProject();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each<Bundler>(['vite', 'webpack', 'esbuild', 'rollup'])('an app built by %s', (bundler) => {
  it('trains on wasm, keeps backward() and fetches one kernel variant and its worker', async () => {
    const out = await buildApp(bundler, dir);
    const { result, requests } = await runApp(browser, out);
    expect(result.error).toBeUndefined();
    expect(result.backend).toBe('wasm');
    // backward() survived tree-shaking: d(sum(x·w))/dw for x = [[1, 2], [3, 4]].
    expect(result.grad).toEqual([4, 6]);
    expect(result.lossAfter).toBeLessThan(result.lossBefore * 0.2);
    // The page is cross-origin isolated: one shared-memory variant, and helper threads, which
    // start only from the bundled worker script.
    const wasm = requests.filter((p) => p.endsWith('.wasm'));
    expect(wasm).toHaveLength(1);
    expect(kernelVariant(join(out, wasm[0]))).toMatch(/^kernels-shared/);
    expect(result.threads).toBeGreaterThan(1);
  }, 120_000);
});

describe('the single-file build (webgradjs/dist/cdn) copied to another origin', () => {
  it('trains on wasm in a plain page that imports it with <script type="module">', async () => {
    const cdn = join(dir, 'cdn-site');
    cpSync(join(dir, 'node_modules/webgradjs/dist/cdn'), join(cdn, 'webgrad'), { recursive: true });
    const page = join(dir, 'page');
    mkdirSync(page);
    cpSync(join(dir, 'src/check.js'), join(page, 'check.js'));
    const server = await serve(cdn);
    try {
      writeFileSync(join(page, 'index.html'), `<!doctype html><script type="module">
        import * as wg from '${server.url}webgrad/webgrad.js';
        import { report } from './check.js';
        report(wg);
      </script>`);
      const { result } = await runApp(browser, page);
      expect(result.error).toBeUndefined();
      expect(result.backend).toBe('wasm');
      expect(result.grad).toEqual([4, 6]);
      expect(result.lossAfter).toBeLessThan(result.lossBefore * 0.2);
      expect(result.threads).toBeGreaterThan(1);
      const wasm = server.requests.filter((p) => p.endsWith('.wasm'));
      expect(wasm).toHaveLength(1);
      expect(kernelVariant(join(cdn, wasm[0]))).toMatch(/^kernels-shared/);
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('the packed custom elements (@webgrad/elements)', () => {
  it('ship one module that keeps Lit\'s and uPlot\'s licence notices', () => {
    const code = readFileSync(join(dir, 'node_modules/@webgrad/elements/dist/webgrad-elements.js'), 'utf8');
    expect(code.startsWith('/*!')).toBe(true);
    expect(code).toMatch(/lit [\d.]+ \(BSD-3-Clause\)[^]*Google LLC/);
    expect(code).toMatch(/uplot [\d.]+ \(MIT\)[^]*Leon Sorokin/);
  });
});

describe('a bundle that imports autograd only for its effect', () => {
  it('keeps backward() after tree-shaking', async () => {
    const out = join(dir, 'out-backward.mjs');
    await esbuild.build({ absWorkingDir: dir, entryPoints: ['src/backward.js'], bundle: true, format: 'esm', platform: 'node', minify: true, treeShaking: true, outfile: out, logLevel: 'silent' });
    expect(execFileSync(process.execPath, [out], { encoding: 'utf8' }).trim()).toBe('[2,4,6]');
  });
});

describe('a Node consumer', () => {
  it('gets wasm from the umbrella alone', () => {
    const out = execFileSync(process.execPath, ['node-consumer.mjs'], { cwd: dir, encoding: 'utf8' });
    // The umbrella alone registers wasm, and ready() picks it in Node (no WebGPU there).
    expect(JSON.parse(out.trim()).backend).toBe('wasm');
  });
});

describe.each(['dom', 'node'])('the packed .d.ts, strict with skipLibCheck false (%s)', (lib) => {
  it('type-check in a consumer', () => {
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', `tsconfig.${lib}.json`], { cwd: dir, encoding: 'utf8' });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout);
    }
    expect(output).toBe('');
  }, 60_000);
});
