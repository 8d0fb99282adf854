// The elements bundle imported from another origin, as from a CDN: a page on localhost:4173
// imports http://127.0.0.1:4173/embed/webgrad-elements.js, which vite preview serves with CORS
// headers as a CDN would. Browsers refuse cross-origin worker scripts, so the training worker
// starts through a same-origin blob: module (src/worker-start.ts); its .wasm loads from the CDN.
import { expect, test } from '@playwright/test';
import config from '../../playwright.config.js';
import { readPlayground } from './embedded-playground.js';

// The test serves the embedding page itself (route), and Chromium would refuse such a page the
// loopback address the preview listens on, as it would a public site.
const launch = config.use!.launchOptions!;
test.use({ launchOptions: { ...launch, args: [...launch.args!, '--disable-features=LocalNetworkAccessChecks'] } });

test('the elements load from another origin and train on wasm', async ({ page, baseURL }) => {
  const html = `<!doctype html><script type="module" src="${baseURL}/embed/webgrad-elements.js"></script>
    <webgrad-playground id="playground" config='{"dataset": "circle", "hidden": [8], "backend": "wasm"}'></webgrad-playground>`;
  await page.route('http://localhost:4173/embedder.html', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto('http://localhost:4173/embedder.html');
  await expect.poll(async () => {
    const r = await readPlayground(page);
    return r.error ?? r.state;
  }, { timeout: 30_000 }).toBe('idle');
  await page.locator('#playground').getByTestId('step-ten').click();
  await expect.poll(async () => (await readPlayground(page)).step).toBe(10);
  expect((await readPlayground(page)).backend).toBe('wasm');
});

test('the library from another origin runs wasm on threads in a cross-origin-isolated page', async ({ page, baseURL }) => {
  // The thread workers come from the CDN's origin too: they start through a blob: module
  // (packages/backend-wasm/src/threads.ts), or the wasm backend could not start at all here.
  const html = `<!doctype html><script type="module">
    import * as wg from '${baseURL}/cdn/webgrad.js';
    try {
      await wg.setBackend('wasm');
      const a = wg.ones([256, 256]);
      const v = await a.matmul(a).data();
      const { threads } = await wg.getBackendInstance('wasm');
      window.result = { isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency, threads, first: v[0], last: v[v.length - 1] };
    } catch (e) {
      window.result = { error: String(e) };
    }
  </script>`;
  const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  await page.route('http://localhost:4173/isolated-embedder.html', (route) => route.fulfill({ contentType: 'text/html', headers: isolation, body: html }));
  await page.goto('http://localhost:4173/isolated-embedder.html');
  await expect.poll(() => page.evaluate(() => (window as unknown as { result?: unknown }).result), { timeout: 30_000 }).toBeTruthy();
  const result = (await page.evaluate(() => (window as unknown as { result: Record<string, unknown> }).result)) as { isolated: boolean; cores: number; threads: number; first: number; last: number; error?: string };
  expect(result.error).toBeUndefined();
  expect(result.isolated).toBe(true);
  // 'auto' threads: one per core (two on CI's machines).
  expect(result.threads).toBe(result.cores);
  expect([result.first, result.last]).toEqual([256, 256]);
});
