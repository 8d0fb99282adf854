// The views follow the model: the decision boundary, neuron view, histograms and inspector show
// the worker's model as it is after every change (first load, a link, a reload, a short play, a
// step, an edit, a freeze, a checkpoint, a backend switch, a reset, a new configuration), not
// only while playing; and their requests never pile up.
import { expect, test, type Page } from '@playwright/test';
import { expectViewsFollowModel, openPlayground, read, saveCheckpoint, trainFor } from './playground-page.js';

const row = (page: Page, path: string) => page.locator(`wg-inspector tr[data-path="${path}"]`);

/** Whether the boundary canvas has been painted (a blank one is all transparent). */
function boundaryPainted(page: Page): Promise<boolean> {
  return page.locator('wg-boundary').evaluate((el) => {
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
    return false;
  });
}

test('on first load, from a shared link and after a reload, the views show the model before any step', async ({ page }) => {
  await openPlayground(page, '#dataset=circle&hidden=4&seed=3&backend=js');
  expect((await read(page)).step).toBe(0);
  await expectViewsFollowModel(page);
  await expect(row(page, 'layers.0.weight')).toContainText('[2,4]');
  await expect.poll(() => boundaryPainted(page)).toBe(true);
  // One canvas per input, per hidden unit and per output.
  await expect.poll(() => page.locator('wg-neurons canvas').count()).toBe(2 + 4 + 2);
  await expect(page.locator('wg-histograms svg')).toHaveCount(4);
  await page.reload();
  await expect.poll(async () => (await read(page)).state).toBe('idle');
  await expectViewsFollowModel(page);
  await expect.poll(() => boundaryPainted(page)).toBe(true);
});

test('after a short play, a step and step ×10 the views are the model at that step', async ({ page }) => {
  await openPlayground(page, '#dataset=xor&hidden=4&backend=js');
  // Far shorter than the half second the views used to wait for while playing.
  await trainFor(page, 1);
  await expectViewsFollowModel(page);
  const before = (await read(page)).step;
  await page.getByTestId('step-once').click();
  await expect.poll(async () => (await read(page)).step).toBe(before + 1);
  await expectViewsFollowModel(page);
  await page.getByTestId('step-ten').click();
  await expect.poll(async () => (await read(page)).step).toBe(before + 11);
  await expectViewsFollowModel(page);
});

test('while playing the views move with the model', async ({ page }) => {
  await openPlayground(page, '#dataset=circle&hidden=4&backend=js');
  const shown = () => page.evaluate(() => Array.from((document.querySelector('webgrad-playground') as unknown as { parameters: { values: Float32Array }[] }).parameters[0]?.values ?? []));
  await expect.poll(shown).not.toEqual([]);
  await page.getByTestId('play').click();
  let last = await shown();
  for (let i = 0; i < 3; i++) {
    await expect.poll(shown, { timeout: 10_000 }).not.toEqual(last);
    last = await shown();
  }
  expect((await read(page)).state).toBe('playing');
  await page.getByTestId('play').click();
  await expect.poll(async () => (await read(page)).state).toBe('paused');
  await expectViewsFollowModel(page);
});

test('a freeze, an edit, a checkpoint and a backend switch show at once, without a step', async ({ page }) => {
  await openPlayground(page, '#dataset=blobs&hidden=4&backend=js');
  await trainFor(page, 10);
  const inspector = page.locator('wg-inspector');
  await inspector.locator('#glob').fill('layers.0.*');
  await inspector.getByRole('button', { name: 'freeze', exact: true }).click();
  await expect(row(page, 'layers.0.weight')).toContainText('frozen');
  await expectViewsFollowModel(page);

  await row(page, 'layers.2.bias').click();
  const first = inspector.locator('.values input').first();
  await first.fill('2.5');
  await first.dispatchEvent('change');
  await expect.poll(() => first.inputValue()).toBe('2.5000');
  await expectViewsFollowModel(page);

  const savedAt = (await read(page)).step;
  const file = await saveCheckpoint(page);
  await trainFor(page, savedAt + 20);
  await page.getByTestId('upload').setInputFiles(file);
  await expect.poll(async () => (await read(page)).step).toBe(savedAt);
  await expectViewsFollowModel(page);
  await expect.poll(() => first.inputValue()).toBe('2.5000');

  await page.locator('wg-controls select[name="backend"]').selectOption('wasm');
  await expect.poll(async () => (await read(page)).backend).toBe('wasm');
  await expectViewsFollowModel(page);
});

test('a reset and a new configuration clear the old run\'s views and show the new run', async ({ page }) => {
  await openPlayground(page, '#dataset=circle&hidden=8&backend=js');
  await trainFor(page, 30);
  await page.getByTestId('reset').click();
  await expect.poll(async () => (await read(page)).step).toBe(0);
  await expectViewsFollowModel(page);

  const hidden = page.locator('wg-controls input[name="hidden"]');
  await hidden.fill('3');
  await hidden.dispatchEvent('change');
  await expect(row(page, 'layers.0.weight')).toContainText('[2,3]');
  await expectViewsFollowModel(page);
  await expect.poll(() => page.locator('wg-neurons canvas').count()).toBe(2 + 3 + 2);

  // Digits: 64 inputs, no plane to draw; the inspector shows the new model only.
  await page.locator('wg-controls select[name="dataset"]').selectOption('digits');
  await expect(row(page, 'layers.0.weight')).toContainText('[64,3]');
  await expect(page.locator('wg-boundary')).toHaveCount(0);
  await expectViewsFollowModel(page);
  expect((await read(page)).error).toBeUndefined();
});

test('the views never have more than one fetch in flight, however fast the changes come', async ({ page }) => {
  await openPlayground(page, '#dataset=circle&hidden=4&backend=js');
  await page.evaluate(() => {
    const el = document.querySelector('webgrad-playground') as unknown as { training: { requests: { request: (...a: unknown[]) => Promise<unknown> } } };
    const client = el.training.requests;
    const request = client.request.bind(client);
    const w = window as unknown as { fetches: { inFlight: number; most: number; total: number }; stopCounting: () => void };
    w.fetches = { inFlight: 0, most: 0, total: 0 };
    w.stopCounting = () => (client.request = request);
    client.request = (...a: unknown[]) => {
      if (a[1] !== 'snapshot') return request(...a);
      w.fetches.total++;
      w.fetches.most = Math.max(w.fetches.most, ++w.fetches.inFlight);
      return request(...a).finally(() => w.fetches.inFlight--);
    };
  });
  // Forty changes as fast as the page takes them: each step answers with a state event.
  for (let i = 0; i < 40; i++) await page.getByTestId('step-once').click({ delay: 0 });
  await expect.poll(async () => (await read(page)).step).toBe(40);
  await expect.poll(() => page.evaluate(() => (window as unknown as { fetches: { inFlight: number } }).fetches.inFlight)).toBe(0);
  // The check below makes requests of its own: they are not the page's.
  const fetches = await page.evaluate(() => {
    const w = window as unknown as { fetches: { most: number; total: number }; stopCounting: () => void };
    w.stopCounting();
    return w.fetches;
  });
  await expectViewsFollowModel(page);
  expect(fetches.most).toBe(1);
  expect(fetches.total).toBeGreaterThan(0);
});
