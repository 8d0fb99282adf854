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
