// The playground's 'auto' backend in headless Chromium, whose only WebGPU adapter is SwiftShader:
// ready()'s rule skips the software adapter and the run trains on wasm.
import { expect, test } from '@playwright/test';

test("auto trains on wasm when WebGPU's adapter is software (SwiftShader)", async ({ page }) => {
  await page.goto('/#dataset=circle&samples=100&hidden=4&backend=auto');
  await expect.poll(async () => page.evaluate(() => {
    const t = (document.querySelector('webgrad-playground') as unknown as { training: { state?: { backend: string; backendReason?: string }; error?: string } }).training;
    return t.error ?? `${t.state?.backend}: ${t.state?.backendReason}`;
  }), { timeout: 60_000 }).toBe('wasm: webgpu skipped: software adapter (SwiftShader); wasm started');
});
