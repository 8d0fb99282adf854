// The digits examples reach their bounds on the held-out test split: the MLP on the reference
// backend, the CNN on the wasm backend (so both backends train a real model in CI).
import '@webgrad/backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { setBackend } from 'webgradjs';
import { trainDigits } from './digits.js';

describe('digits examples', () => {
  afterAll(() => setBackend('js'));

  it('an MLP reaches ≥ 95 % test accuracy on js', async () => {
    await setBackend('js');
    const { testAccuracy } = await trainDigits('mlp', { epochs: 15 });
    expect(testAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('a small CNN reaches ≥ 95 % test accuracy on wasm', async () => {
    await setBackend('wasm');
    const { testAccuracy, steps } = await trainDigits('cnn', { epochs: 15 });
    expect(steps).toBe(15 * 45);
    expect(testAccuracy).toBeGreaterThanOrEqual(0.95);
  });
});
