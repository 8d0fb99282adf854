// Runs a built app in the system Chromium: a static server over its output folder (with COOP/COEP,
// so the wasm backend starts its worker threads, and with CORS) that records every path requested, and a page
// that waits for the app's window.result.
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import config from '../../playwright.config.js';

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
// Isolated pages, and files other origins may load, as a CDN sends them.
const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Access-Control-Allow-Origin': '*' };

/** A static server over `dir`; `requests` lists every path asked for, found or not. */
export async function serve(dir: string): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
    requests.push(path);
    const file = join(dir, normalize(path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dir) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The system Chromium, launched as the e2e tests launch it. */
export function launchChromium(): Promise<Browser> {
  const { executablePath, args } = config.use!.launchOptions!;
  return chromium.launch({ executablePath, args, headless: true });
}

/** What the consumer app (test/build/app/src/main.js) reports. */
export interface AppResult {
  backend: string;
  threads: number;
  grad: number[];
  lossBefore: number;
  lossAfter: number;
  error?: string;
}

/** Opens `dir`'s index.html in `browser`; returns the app's result and the paths requested. */
export async function runApp(browser: Browser, dir: string): Promise<{ result: AppResult; requests: string[] }> {
  const server = await serve(dir);
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(server.url);
    const handle = await page.waitForFunction(() => (globalThis as { result?: unknown }).result, undefined, { timeout: 60_000 }).catch(() => undefined);
    const result = handle ? ((await handle.jsonValue()) as AppResult) : { error: `no result; page errors: ${errors.join('; ')}` } as AppResult;
    return { result, requests: server.requests };
  } finally {
    await page.close();
    await server.close();
  }
}
