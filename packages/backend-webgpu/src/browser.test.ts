// The 'webgpu' backend in a real browser: the system Chromium, headless with WebGPU enabled
// (SwiftShader), runs the first case of every op against the reference backend in the page.
// Without /usr/bin/chromium (or CHROMIUM_PATH) one skipped test names the reason.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { build, type Rollup } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserReport } from './testing/browser-entry.js';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const flags = ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];
const entry = fileURLToPath(new URL('./testing/browser-entry.ts', import.meta.url));

async function bundle(): Promise<string> {
  const out = (await build({
    configFile: false, logLevel: 'silent', resolve: { conditions: ['@webgrad/source'] },
    build: { write: false, minify: false, lib: { entry, formats: ['es'], fileName: 'entry' } },
  })) as Rollup.RollupOutput[];
  return out[0]!.output[0].code;
}

function serve(script: string): Promise<Server> {
  const page = `<!doctype html><meta charset="utf-8"><script type="module">${script.replace(/<\/script/g, '<\\/script')}</script>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let browser: Browser | undefined;
let server: Server | undefined;
afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe.runIf(existsSync(executablePath))('webgpu in headless Chromium', () => {
  it('every op matches the reference in the page', async () => {
    server = await serve(await bundle());
    browser = await chromium.launch({ executablePath, args: flags });
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => 'runWebgpuTests' in globalThis);
    const report = await page.evaluate(() => (globalThis as unknown as { runWebgpuTests: () => Promise<BrowserReport> }).runWebgpuTests());
    expect(report.failures, `on ${report.adapter}`).toEqual([]);
    expect(report.checked).toBeGreaterThan(40);
    expect(report.adapter).not.toBe('');
  }, 120_000);
});

if (!existsSync(executablePath)) {
  describe('webgpu in headless Chromium', () => it.skip(`not run: no Chromium at ${executablePath} (set CHROMIUM_PATH)`, () => {}));
}
