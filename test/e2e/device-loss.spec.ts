// A lost GPU in the browser: the playground trains on WebGPU (SwiftShader here), the test
// destroys the worker's GPUDevice (captured from inside the worker, as a driver reset would take
// it), and the run goes on on wasm from its in-memory checkpoint, saying so on the page.
import { expect, test, type Worker } from '@playwright/test';

type Controller = { state?: { step: number; state: string; backend: string }; error?: string };

async function read(page: import('@playwright/test').Page): Promise<{ step: number; state: string; backend: string; error?: string }> {
  return page.evaluate(() => {
    const t = (document.querySelector('webgrad-playground') as unknown as { training: Controller }).training;
    return { step: t.state?.step ?? 0, state: t.state?.state ?? 'none', backend: t.state?.backend ?? '', error: t.error };
  });
}

test('the GPU is lost while training: the run resumes on wasm from its checkpoint and trains on', async ({ page }) => {
  const workers: Worker[] = [];
  page.on('worker', (w) => workers.push(w));
  await page.goto('/#dataset=circle&samples=200&backend=webgpu&hidden=8&batchSize=16&lr=0.03');
  await expect.poll(async () => {
    const r = await read(page);
    return r.error ?? `${r.state} ${r.backend}`;
  }, { timeout: 60_000 }).toMatch(/idle webgpu|webgpu/);
  const opened = await read(page);
  test.skip(opened.backend !== 'webgpu', `no WebGPU adapter in this browser: ${opened.error ?? opened.backend}`); // reason: given as the message
  const trainer = workers.find((w) => /training-worker/.test(w.url()));
  expect(trainer, `training worker among ${workers.map((w) => w.url()).join(', ')}`).toBeDefined();
  // Remember the device the backend uses the next time it records work.
  await trainer!.evaluate(() => {
    type Device = { createCommandEncoder(...args: unknown[]): unknown };
    const scope = globalThis as unknown as { GPUDevice: { prototype: Device }; trainingDevice?: Device };
    const original = scope.GPUDevice.prototype.createCommandEncoder;
    scope.GPUDevice.prototype.createCommandEncoder = function (this: Device, ...args: unknown[]) {
      scope.trainingDevice = this;
      return original.apply(this, args);
    };
  });
  await page.getByTestId('play').click();
  // Past the first in-memory checkpoint interval (3 s) after training got going (the first
  // WebGPU steps compile shaders, slowly on a busy machine), so that the resume is not from step 0.
  await expect.poll(async () => (await read(page)).step, { timeout: 60_000 }).toBeGreaterThan(0);
  await page.waitForTimeout(4000);
  const before = await read(page);
  expect(before).toMatchObject({ state: 'playing', backend: 'webgpu' });
  const lostAt = Date.now();
  await trainer!.evaluate(() => (globalThis as unknown as { trainingDevice: { destroy(): void } }).trainingDevice.destroy());

  const notice = page.getByTestId('notice');
  await expect(notice).toContainText(/GPU lost at step \d+; resumed on wasm from step \d+/, { timeout: 20_000 });
  const resumedAfter = Date.now() - lostAt;
  const [, lost, resumed] = /GPU lost at step (\d+); resumed on wasm from step (\d+)/.exec((await notice.textContent())!)!.map(Number);
  expect(resumed).toBeGreaterThan(0);
  expect(lost).toBeGreaterThanOrEqual(before.step);
  // It goes on training, on wasm, with no error shown.
  await expect.poll(async () => (await read(page)).step, { timeout: 30_000 }).toBeGreaterThan(resumed! + 50);
  const after = await read(page);
  expect(after).toMatchObject({ state: 'playing', backend: 'wasm' });
  expect(after.error).toBeUndefined();
  await page.getByTestId('play').click();
  await expect.poll(async () => (await read(page)).state).toBe('paused');
  console.log(`device loss in Chromium: lost at step ${lost}, resumed on wasm from step ${resumed} (${lost! - resumed!} steps lost), notice shown ${resumedAfter} ms after destroy()`);
});
