// A link the validator refuses (the issue's `/#schedule=bogus`, which used to brick the session
// on play): the page says what was wrong, keeps the URL as it was, and trains the defaults.
import { expect, test } from '@playwright/test';

test('a refused link is named, leaves the URL alone, and the defaults train', async ({ page }) => {
  await page.goto('/#schedule=bogus&lr=0.05');
  await expect(page.getByRole('alert')).toContainText('configuration: schedule must be one of constant, step, exponential, cosine, warmup, got "bogus"');
  const step = () => page.evaluate(() => (document.querySelector('webgrad-playground') as unknown as { training: { state?: { step: number } } }).training.state?.step ?? 0);
  await page.getByTestId('play').click();
  await expect.poll(step, { timeout: 60_000 }).toBeGreaterThan(20);
  await page.getByTestId('play').click();
  expect(new URL(page.url()).hash).toBe('#schedule=bogus&lr=0.05');
  const config = await page.evaluate(() => (document.querySelector('webgrad-playground') as unknown as { config: { schedule: string; lr: number } }).config);
  expect(config).toMatchObject({ schedule: 'constant', lr: 0.01 });
});
