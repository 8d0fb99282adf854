// The page tells the user what the worker reports: notices (a recovery, a warning) in a banner
// that can be dismissed (role="status"), errors apart from them (role="alert"); a run that
// diverges while playing stops, says so and shows ▶ again; a later good command clears the error.
import { expect, test, type Page } from '@playwright/test';
import { expectViewsFollowModel, openPlayground, read } from './playground-page.js';

/** Delivers an event to the page as if its training worker had sent it (through the real client). */
function fromWorker(page: Page, event: unknown): Promise<void> {
  return page.evaluate((data) => {
    const el = document.querySelector('webgrad-playground') as unknown as { training: { worker: Worker } };
    el.training.worker.dispatchEvent(new MessageEvent('message', { data }));
  }, event);
}

test('notices show in a banner apart from errors, once each, until dismissed or a new run', async ({ page }) => {
  await openPlayground(page, '#dataset=circle&hidden=4&backend=js');
  const notices = page.getByRole('status');
  await fromWorker(page, { type: 'notice', level: 'warning', message: 'loss rose to 1200 times its first value at step 40' });
  await expect(notices).toHaveCount(1);
  await expect(notices.first()).toContainText('loss rose to 1200 times');
  await expect(notices.first()).toHaveClass(/warning/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await fromWorker(page, { type: 'notice', level: 'info', message: 'GPU lost at step 12; resumed on wasm from step 10' });
  // The same warning again is not a second notice.
  await fromWorker(page, { type: 'notice', level: 'info', message: 'GPU lost at step 12; resumed on wasm from step 10' });
  await expect(notices).toHaveCount(2);
  await expect(notices.nth(1)).toHaveClass(/info/);
  await notices.first().getByRole('button', { name: 'dismiss' }).click();
  await expect(notices).toHaveCount(1);
  await expect(notices.first()).toContainText('GPU lost at step 12');
  // Training goes on under a notice; a new run forgets the old run's notices.
  await page.getByTestId('step-ten').click();
  await expect.poll(async () => (await read(page)).step).toBe(10);
  await expect(notices).toHaveCount(1);
  await page.getByTestId('reset').click();
  await expect.poll(async () => (await read(page)).step).toBe(0);
  await expect(notices).toHaveCount(0);
});

test('an error while playing: the page shows it, play shows ▶ again, and the next good command clears it', async ({ page }) => {
  await openPlayground(page, '#dataset=circle&hidden=4&backend=js');
  const play = page.getByTestId('play');
  const state = await page.evaluate(() => (document.querySelector('webgrad-playground') as unknown as { training: { state: object } }).training.state);
  // What the worker sends when a step fails in play: the error, then a state event, paused.
  await fromWorker(page, { ...state, state: 'playing' });
  await expect(play).toHaveText(/pause/);
  await fromWorker(page, { type: 'error', command: 'play', message: 'diverged at step 7: loss is NaN (epoch 1, batch 3)' });
  await fromWorker(page, { ...state, state: 'paused', step: 7 });
  await expect(page.getByRole('alert')).toHaveText('play: diverged at step 7: loss is NaN (epoch 1, batch 3)');
  await expect(play).toHaveText(/play/);
  // A real step: the error goes, the run goes on.
  await page.getByTestId('step-once').click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect.poll(async () => (await read(page)).step).toBe(1);
});

test('a run that diverges in play stops and says so, with a warning first; reset and a new load clear the error', async ({ page }) => {
  // SGD at the largest learning rate allowed on a regression with targets in the thousands: the
  // loss grows past the warning factor, then goes non-finite, within a few steps.
  await openPlayground(page, '#dataset=circle&hidden=8&backend=js&optimizer=sgd&lr=10&validation=0');
  const csv = ['x,y', ...Array.from({ length: 64 }, (_, i) => `${i},${i * 100 + 0.5}`)].join('\n');
  await page.locator('wg-controls input[name="csv"]').setInputFiles({ name: 'line.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect.poll(async () => (await read(page)).state).toBe('idle');
  const play = page.getByTestId('play');
  const alert = page.getByRole('alert');
  await play.click();
  await expect(alert).toContainText(/^play: diverged at step \d+: loss is/, { timeout: 30_000 });
  await expect(page.getByRole('status').first()).toHaveClass(/warning/);
  await expect.poll(async () => (await read(page)).state).toBe('paused');
  await expect(play).toHaveText(/play/);
  const stopped = (await read(page)).step;
  // Stopped for good, and the views show the model where it stopped (nothing hangs on its NaN).
  await expect.poll(async () => (await read(page)).step).toBe(stopped);
  await expectViewsFollowModel(page);

  // Reset: a fresh run of the same configuration, no error; it diverges again as it did.
  await page.getByTestId('reset').click();
  await expect(alert).toHaveCount(0);
  await expect.poll(async () => (await read(page)).step).toBe(0);
  await play.click();
  await expect(alert).toContainText(/diverged at step \d+/, { timeout: 30_000 });
  await expect(play).toHaveText(/play/);

  // A new configuration: the error goes; with a sane learning rate, training works.
  await page.locator('wg-controls select[name="dataset"]').selectOption('circle');
  await expect(alert).toHaveCount(0);
  await expect.poll(async () => (await read(page)).step).toBe(0);
  const lr = page.locator('wg-controls input[name="lr"]');
  await lr.fill('0.01');
  await lr.dispatchEvent('change');
  await page.getByTestId('step-ten').click();
  await expect.poll(async () => (await read(page)).step).toBe(10);
  expect((await read(page)).error).toBeUndefined();
});

test('a refused checkpoint shows an error; the next step clears it', async ({ page }) => {
  await openPlayground(page, '#dataset=circle&hidden=4&backend=js');
  await page.getByTestId('upload').setInputFiles({ name: 'bad.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from('not a checkpoint') });
  await expect(page.getByRole('alert')).toContainText('loadCheckpoint');
  await page.getByTestId('step-once').click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect.poll(async () => (await read(page)).step).toBe(1);
});
