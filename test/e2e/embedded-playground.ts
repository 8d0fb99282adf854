// Reads an embedded <webgrad-playground> from a page, for the embed e2e specs.
import type { Page } from '@playwright/test';

/** The state of the page's <webgrad-playground id="playground">: its config and its controller's. */
export async function readPlayground(page: Page) {
  return page.evaluate(() => {
    const el = document.getElementById('playground') as unknown as {
      config: { dataset: { kind: string }; lr: number; backend: string };
      training?: { state?: { step: number; state: string; backend: string }; history: { column(n: string): Float64Array }; error?: string };
    };
    const t = el.training;
    // Not upgraded yet: the elements bundle is still loading.
    if (!t) return { config: el.config, step: 0, state: 'none', backend: '', error: undefined, losses: [] };
    return { config: el.config, step: t.state?.step ?? 0, state: t.state?.state ?? 'none', backend: t.state?.backend ?? '', error: t.error, losses: Array.from(t.history.column('loss')) };
  });
}
