// The three lessons as a teacher uses them, in headless Chromium: run each one and check what it
// teaches really happens (numbers read from the page's data-* attributes, computed live), with
// no long main-thread task. Screenshots land in test-results/lessons for a person to look at.
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { expectResponsiveWhile } from './main-thread.js';

/** Opens a lesson page; a page error fails the test. */
async function openLesson(page: Page, path: string): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(path);
  expect(errors).toEqual([]);
}

/**
 * Presses the lesson's play and expects the page to stay responsive for the first seconds of
 * training (traced; see main-thread.ts), then waits until the lesson is done.
 */
async function playResponsively(browser: Browser, page: Page, lesson: Locator, timeout: number): Promise<void> {
  await expectResponsiveWhile(browser, page, async () => {
    await lesson.getByTestId('play').click();
    await page.waitForTimeout(4000);
  });
  await expect(lesson).toHaveAttribute('data-state', 'done', { timeout });
}

/** A number from the lesson element's data-* attribute. */
async function num(el: Locator, name: string): Promise<number> {
  return Number(await el.getAttribute(`data-${name}`));
}

test('the playground links to the lessons, and the index lists all three', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('lessons-link').click();
  await expect(page).toHaveURL(/\/lessons\/index\.html$/);
  const links = page.getByTestId('lessons').locator('a');
  await expect(links).toHaveCount(3);
  for (const [i, href] of ['./linear-regression.html', './learning-rate.html', './overfitting.html'].entries()) await expect(links.nth(i)).toHaveAttribute('href', href);
  await links.nth(2).click();
  await expect(page.locator('h1')).toHaveText('Overfitting and its cures');
  await page.goto('/lessons/index.html');
  await page.screenshot({ path: 'test-results/lessons/index.png', fullPage: true });
});

test('linear regression: gradient descent reaches the least-squares line', async ({ page, browser }) => {
  await openLesson(page, '/lessons/linear-regression.html');
  const lesson = page.locator('lesson-linear-regression');
  await expect(lesson).toHaveAttribute('data-step', '0');
  // One step at a time first: the line starts moving from the flat line through zero.
  await lesson.getByTestId('step').click();
  await expect(lesson).toHaveAttribute('data-step', '1');
  expect(await num(lesson, 'slope')).toBeGreaterThan(0);
  // Reset goes back to the flat line at step 0.
  await lesson.getByTestId('reset').click();
  await expect(lesson).toHaveAttribute('data-step', '0');
  await expect(lesson).toHaveAttribute('data-slope', '0');
  await lesson.getByTestId('speed').selectOption('16');
  await playResponsively(browser, page, lesson, 60_000);
  const [slope, intercept, exactSlope, exactIntercept] = await Promise.all(['slope', 'intercept', 'exact-slope', 'exact-intercept'].map((n) => num(lesson, n)));
  expect(await num(lesson, 'step')).toBe(1000);
  expect(Math.abs(slope - exactSlope)).toBeLessThan(0.01);
  expect(Math.abs(intercept - exactIntercept)).toBeLessThan(0.05);
  expect(await lesson.getByTestId('loss-chart').evaluate((el) => (el as unknown as { drawnPoints: number }).drawnPoints)).toBeGreaterThan(100);
  await page.screenshot({ path: 'test-results/lessons/linear-regression.png', fullPage: true });
});

test('learning rate: too small falls slowly, about right falls most, too large diverges and says so', async ({ page, browser }) => {
  await openLesson(page, '/lessons/learning-rate.html');
  const lesson = page.locator('lesson-learning-rate');
  await playResponsively(browser, page, lesson, 60_000);
  const runs = lesson.getByTestId('run');
  const read = async (name: string) => {
    const run = runs.and(page.locator(`[data-name="${name}"]`));
    return { first: await num(run, 'first-loss'), last: await num(run, 'loss'), step: await num(run, 'step'), divergedAt: await run.getAttribute('data-diverged-at'), run };
  };
  const [small, right, large] = [await read('too small'), await read('about right'), await read('too large')];
  // Too small: it falls, but ends far above the right rate's loss.
  expect(small.step).toBe(300);
  expect(small.last).toBeLessThan(small.first);
  expect(small.last).toBeGreaterThan(2 * right.last);
  // About right: falls most, to near the least-squares minimum.
  expect(right.last).toBeLessThan(small.last);
  expect(right.last).toBeLessThan(right.first / 100);
  // Too large: the loss rose, training stopped there, and the page says it diverged.
  expect(Number(large.divergedAt)).toBeGreaterThan(0);
  expect(large.step).toBe(Number(large.divergedAt));
  expect(large.last > large.first || Number.isNaN(large.last)).toBe(true);
  await expect(large.run.getByTestId('diverged')).toContainText(/Diverged at step \d+/);
  await expect(small.run.getByTestId('diverged')).toHaveCount(0);
  await expect(right.run.getByTestId('diverged')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/lessons/learning-rate.png', fullPage: true });
});

test('overfitting: unregularised validation loss ends far above training loss; L2 and dropout narrow the gap', async ({ page, browser }) => {
  // 3 × 2,000 steps of a 2,500-weight network on the reference backend: slow on a busy machine.
  test.setTimeout(300_000);
  await openLesson(page, '/lessons/overfitting.html');
  const lesson = page.locator('lesson-overfitting');
  await playResponsively(browser, page, lesson, 280_000);
  expect(await num(lesson, 'step')).toBe(2000);
  const gap = async (cure: string) => {
    const row = lesson.locator(`[data-testid="result"][data-cure="${cure}"]`);
    const [train, validation] = [await num(row, 'train'), await num(row, 'validation')];
    return { train, validation, gap: validation - train };
  };
  const [none, l2, dropout] = [await gap('none'), await gap('l2'), await gap('dropout')];
  // Memorised: near-zero training loss, validation far above it.
  expect(none.train).toBeLessThan(0.02);
  expect(none.gap).toBeGreaterThan(0.3);
  // Each cure at least halves the gap.
  expect(l2.gap).toBeLessThan(none.gap / 2);
  expect(dropout.gap).toBeLessThan(none.gap / 2);
  expect(l2.validation).toBeLessThan(none.validation);
  expect(dropout.validation).toBeLessThan(none.validation);
  await page.screenshot({ path: 'test-results/lessons/overfitting.png', fullPage: true });
});

test('overfitting: step, reset and step again give the same numbers (seeded, in the worker)', async ({ page }) => {
  await openLesson(page, '/lessons/overfitting.html');
  const lesson = page.locator('lesson-overfitting');
  const stepTwenty = async () => {
    for (const target of ['10', '20']) {
      await lesson.getByTestId('step-ten').click();
      await expect(lesson).toHaveAttribute('data-step', target, { timeout: 30_000 });
    }
    const rows = lesson.getByTestId('result');
    await expect(rows.first()).not.toHaveAttribute('data-train', 'NaN');
    return rows.evaluateAll((els) => els.map((e) => [e.getAttribute('data-train'), e.getAttribute('data-validation')]));
  };
  const first = await stepTwenty();
  await lesson.getByTestId('reset').click();
  await expect(lesson).toHaveAttribute('data-step', '0');
  await expect(lesson.getByTestId('result').first()).toHaveAttribute('data-train', 'NaN');
  expect(await stepTwenty()).toEqual(first);
});
