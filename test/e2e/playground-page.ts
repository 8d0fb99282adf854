// Drives the playground page (index.html) for the e2e specs: open it at a hash, read its
// controller, train for some steps, and compare what its views show with the worker's model.
import { expect, type Page } from '@playwright/test';

/** Saves a checkpoint with the page's button; returns the path of the downloaded file. */
export async function saveCheckpoint(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'save checkpoint' }).click();
  return (await download).path();
}

/** Reads the dashboard's controller state from the page. */
export async function read(page: Page) {
  return page.evaluate(() => {
    const el = document.querySelector('webgrad-playground') as unknown as {
      training: { state?: { step: number; state: string; backend: string }; history: { length: number; column(n: string): Float64Array }; error?: string };
    };
    const t = el.training;
    return {
      step: t.state?.step ?? 0,
      state: t.state?.state ?? 'none',
      backend: t.state?.backend ?? '',
      error: t.error,
      steps: Array.from(t.history.column('step')),
      losses: Array.from(t.history.column('loss')),
    };
  });
}

/** Opens the playground at `hash` and waits until its run is ready or refused with a message. */
export async function openPlayground(page: Page, hash: string): Promise<void> {
  await page.goto(`/${hash}`);
  // Ready, or refused with a message (a backend this browser cannot start).
  await expect.poll(async () => {
    const r = await read(page);
    return r.error ? 'error' : r.state;
  }, { timeout: 30_000 }).toMatch(/idle|paused|error/);
}

/** Presses play, waits for `steps` steps, presses pause and waits until the worker has paused. */
export async function trainFor(page: Page, steps: number): Promise<void> {
  const play = page.getByTestId('play');
  await play.click();
  await expect.poll(async () => (await read(page)).step, { timeout: 60_000 }).toBeGreaterThanOrEqual(steps);
  await play.click();
  await expect.poll(async () => (await read(page)).state).toBe('paused');
  await expect(play).toHaveText(/play/);
}

/**
 * Whether the views show the worker's model as it is now: the parameters behind the inspector,
 * histograms and neuron edges equal a fresh snapshot (values, gradients, frozen flags), and the
 * decision boundary a fresh one, value for value. Why not, when they do not.
 */
export async function viewsFollowModel(page: Page): Promise<string> {
  return page.evaluate(async () => {
    type Snapshot = { path: string; values: Float32Array; grad?: Float32Array; frozen: boolean };
    const el = document.querySelector('webgrad-playground') as unknown as {
      parameters: Snapshot[];
      boundary?: { values: Float32Array };
      neurons: unknown[];
      training: { state?: { inputs?: number }; requests: { request: (f: (id: number) => unknown, t: string) => Promise<any> } };
    };
    const r = el.training.requests;
    const same = (a?: Float32Array, b?: Float32Array) => a === b || (!!a && !!b && a.length === b.length && a.every((v, i) => Object.is(v, b[i])));
    const { parameters } = await r.request((id) => ({ type: 'snapshot', id }), 'snapshot');
    const shown = el.parameters;
    if (shown.length !== parameters.length) return `the views show ${shown.length} parameters, the model has ${parameters.length}`;
    for (const [i, p] of (parameters as Snapshot[]).entries()) {
      const s = shown[i]!;
      if (s.path !== p.path || !same(s.values, p.values) || !same(s.grad, p.grad) || s.frozen !== p.frozen) return `the views show another ${p.path}`;
    }
    if (el.training.state?.inputs === 2) {
      const { values } = await r.request((id) => ({ type: 'boundary', id, resolution: 48 }), 'boundary');
      if (!el.boundary) return 'no boundary is shown';
      if (!same(el.boundary.values, values)) return 'the boundary shown is not the model\'s';
    }
    return 'follows';
  });
}

/** Waits until the views show the model as it is now. */
export async function expectViewsFollowModel(page: Page): Promise<void> {
  await expect.poll(() => viewsFollowModel(page), { timeout: 10_000 }).toBe('follows');
}
