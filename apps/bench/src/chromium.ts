// Runs the benchmark page (dist/browser, built by `vite build`) in the system's headless
// Chromium through Playwright, from a small server that sends COOP/COEP headers when the page
// is to be cross-origin isolated (threads), and serves the image batch at /batch.bin.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import type { PageReport } from './browser.js';
import type { Batch } from './data.js';

const root = fileURLToPath(new URL('../dist/browser/', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

/** One page run: its thread count, whether the page was cross-origin isolated, and whether it runs the WebGPU comparison. */
export interface PageRun {
  threads: number;
  isolated: boolean;
  webgpu?: boolean;
}

function serve(batch: Batch): Promise<{ server: Server; origin: string }> {
  const body = Buffer.from(new Float32Array([...batch.x, ...batch.onehot]).buffer);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Every response may be embedded by an isolated page; only an isolated page's document opts in.
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (url.pathname === '/batch.bin') return res.end(body);
    const path = url.pathname === '/' ? 'index.html' : normalize(url.pathname).replace(/^[/\\]+/, '');
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file)) return res.writeHead(404).end();
    if (path === 'index.html' && url.searchParams.has('isolated')) res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (path === 'index.html' && !url.searchParams.has('isolated')) res.removeHeader('Cross-Origin-Embedder-Policy');
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address() as { port: number };
    resolve({ server, origin: `http://127.0.0.1:${address.port}` });
  }));
}

/** Runs the page once per entry of `runs` in headless Chromium; the reports in order. */
export async function runChromium(batch: Batch, runs: readonly PageRun[], quick: boolean): Promise<(PageReport & PageRun)[]> {
  if (!existsSync(join(root, 'index.html'))) throw new Error(`bench: ${root}index.html is missing; run \`vite build\` in apps/bench first (pnpm bench does)`);
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const { server, origin } = await serve(batch);
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  try {
    const reports: (PageReport & PageRun)[] = [];
    for (const run of runs) {
      const page = await browser.newPage();
      page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
      const query = `?threads=${run.threads}${run.isolated ? '&isolated' : ''}${run.webgpu ? '&webgpu' : ''}${quick ? '&quick' : ''}`;
      await page.goto(`${origin}/${query}`);
      await page.waitForFunction(() => {
        const w = window as unknown as { benchResult?: unknown; benchError?: string };
        return w.benchResult ?? w.benchError;
      }, undefined, { timeout: 20 * 60_000, polling: 1000 });
      const { result, error } = await page.evaluate(() => {
        const w = window as unknown as { benchResult?: PageReport; benchError?: string };
        return { result: w.benchResult, error: w.benchError };
      });
      if (!result) throw new Error(`bench: the page with ${query} failed: ${error}`);
      reports.push({ ...result, ...run });
      await page.close();
    }
    return reports;
  } finally {
    await browser.close();
    server.close();
  }
}
