// The embeddable builds as a page without a bundler uses them: /embed-example/ loads
// /embed/webgrad-elements.js with one module script and configures the three elements by
// attributes; /embed-example/library.html imports /cdn/webgrad.js. Screenshot in test-results/e2e.
import { expect, test } from '@playwright/test';
import { readPlayground } from './embedded-playground.js';

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

test('the elements bundle: the playground trains, the chart draws its data, the graph steps through backward', async ({ page }) => {
  const failures: string[] = [];
  page.on('pageerror', (e) => failures.push(e.message));
  await page.goto('/embed-example/');

  // <webgrad-playground config='{...}'>: the attribute reached the worker, which loaded the wasm kernels.
  const playground = page.locator('#playground');
  await expect.poll(async () => {
    const r = await readPlayground(page);
    return r.error ?? r.state;
  }, { timeout: 30_000 }).toBe('idle');
  const opened = await readPlayground(page);
  expect(opened.config).toMatchObject({ dataset: { kind: 'spirals' }, lr: 0.02, backend: 'wasm' });
  await playground.getByTestId('play').click();
  await expect.poll(async () => (await readPlayground(page)).step, { timeout: 60_000 }).toBeGreaterThanOrEqual(300);
  await playground.getByTestId('play').click();
  const trained = await readPlayground(page);
  expect(trained.error).toBeUndefined();
  expect(trained.backend).toBe('wasm');
  expect(mean(trained.losses.slice(-20))).toBeLessThan(mean(trained.losses.slice(0, 20)) * 0.8);
  // Embedded by attribute, it leaves the page's URL alone.
  expect(new URL(page.url()).hash).toBe('');
  // Hidden layers of 16 units are past what the neuron view draws: it says so instead of waiting.
  await expect(playground.getByText('drawn for small networks: hidden layers of at most 10 units')).toBeVisible();

  // <webgrad-chart data='{...}'>: every row of the attribute's data, one line per column.
  const chart = page.locator('#chart');
  expect(await chart.evaluate((el) => (el as unknown as { drawnPoints: number }).drawnPoints)).toBe(8);
  await expect(chart.locator('.u-legend .u-series')).toHaveText([/step/, /train/, /validation/]);
  expect(await chart.evaluate((el) => (el as unknown as { series: string[] }).series)).toEqual(['train', 'validation']);

  // <webgrad-graph expression="tanh(w * x + b)">: its nodes, then the replay into the backward pass.
  const graph = page.locator('#graph');
  const nodes = graph.locator('g[data-node]');
  await expect(nodes).toHaveCount(6);
  for (const name of ['w', 'x', 'b']) await expect(graph.locator(`g[data-node="${name}"]`)).toHaveCount(1);
  await expect(graph.getByTestId('graph-phase')).toContainText('forward');
  for (let i = 0; i < 6; i++) await graph.getByTestId('graph-next').click();
  await expect(graph.getByTestId('graph-phase')).toContainText('backward');
  // The output's gradient is 1; then, one node back, tanh's local derivative 1 − tanh².
  await expect(graph.getByTestId('graph-formula')).toContainText('gradient here: 1.00');
  for (let i = 0; i < 5; i++) await graph.getByTestId('graph-next').click();
  await expect(graph.getByTestId('graph-phase')).toContainText('backward pass · node w');

  expect(failures).toEqual([]);
  await page.screenshot({ path: 'test-results/e2e/embed-example.png', fullPage: true });
});

test('attributes set later take effect; a bad config is shown and the last good one stays', async ({ page }) => {
  await page.goto('/embed-example/');
  await expect.poll(async () => (await readPlayground(page)).state, { timeout: 30_000 }).toBe('idle');
  const playground = page.locator('#playground');
  await playground.evaluate((el) => el.setAttribute('config', '{"dataset": "circle", "hidden": [4], "backend": "js"}'));
  await expect.poll(async () => (await readPlayground(page)).backend).toBe('js');
  expect((await readPlayground(page)).config).toMatchObject({ dataset: { kind: 'circle' }, hidden: [4] });
  await playground.evaluate((el) => el.setAttribute('config', '{"dataset": circle}'));
  await expect(playground.getByRole('alert')).toContainText('the config attribute is not valid JSON');
  await playground.evaluate((el) => el.setAttribute('config', '{"learningRate": 1}'));
  await expect(playground.getByRole('alert')).toContainText("unknown config key 'learningRate'");
  expect((await readPlayground(page)).config).toMatchObject({ dataset: { kind: 'circle' } });

  const chart = page.locator('#chart');
  await chart.evaluate((el) => el.setAttribute('data', '{"accuracy": [0.5, 0.7,'));
  await expect(chart.getByRole('alert')).toContainText('webgrad-chart: the data attribute is not valid JSON');
  await chart.evaluate((el) => el.setAttribute('data', '{"accuracy": [0.5, 0.7, 0.8, 0.85, 0.9]}'));
  await expect(chart.getByRole('alert')).toHaveCount(0);
  await expect(chart.locator('.u-legend .u-series')).toHaveText([/step/, /accuracy/]);
  expect(await chart.evaluate((el) => (el as unknown as { drawnPoints: number }).drawnPoints)).toBe(5);

  const graph = page.locator('#graph');
  await graph.evaluate((el) => {
    el.setAttribute('inputs', '{"x": -2, "y": 5, "z": -4}');
    el.setAttribute('expression', '(x + y) * z');
  });
  await expect(graph.locator('g[data-node]')).toHaveCount(5);
  await graph.evaluate((el) => el.setAttribute('inputs', '{"x": -2,'));
  await expect(graph.getByRole('alert')).toContainText('graph: the inputs attribute is not valid JSON');
  await graph.evaluate((el) => el.setAttribute('inputs', '{"x": -2, "y": 5, "z": -4}'));
  await expect(graph.locator('g[data-node]')).toHaveCount(5);
  await graph.evaluate((el) => el.setAttribute('expression', 'tanh(w * '));
  await expect(graph.getByRole('alert')).toContainText('expression: expected');
});

test('the single-file library build trains on wasm in a page', async ({ page }) => {
  await page.goto('/embed-example/library.html');
  const result = await page.waitForFunction(() => (window as unknown as { libraryResult?: unknown }).libraryResult, undefined, { timeout: 60_000 });
  const r = (await result.jsonValue()) as { error?: string; backend: string; threads: number; product: number[]; lossBefore: number; lossAfter: number };
  expect(r.error).toBeUndefined();
  expect(r.backend).toBe('wasm');
  expect(r.product).toEqual([7, 10, 15, 22]);
  expect(r.lossAfter).toBeLessThan(r.lossBefore * 0.2);
  // The preview is cross-origin isolated: the backend started its helper threads from the bundle's worker file.
  const cores = await page.evaluate(() => (crossOriginIsolated ? navigator.hardwareConcurrency : 1));
  if (cores > 1) expect(r.threads).toBeGreaterThan(1);
});
