// withBackend: the backend new tensors go to for one synchronous call, restored afterwards
// (after a throw too, and when nested), and refused for a function that returns a promise.
import type * as Wg from '@webgrad/tensor';
import { beforeEach, describe, expect, it, vi } from 'vitest';

let wg: typeof Wg;
let other: Wg.Backend;

beforeEach(async () => {
  vi.resetModules();
  wg = await import('@webgrad/tensor');
  wg.registerBackend('other', () => wg.createJsBackend({ name: 'other' }), 0);
  other = await wg.getBackendInstance('other');
});

describe('withBackend', () => {
  it('makes new tensors on the given backend for the call, then restores the current one', () => {
    expect(wg.getBackend()).toBe('js');
    const [inside, name] = wg.withBackend(other, () => [wg.zeros([2]), wg.getBackend()] as const);
    expect([inside.backend.name, name]).toEqual(['other', 'other']);
    expect(wg.getBackend()).toBe('js');
    expect(wg.tensor([1]).backend.name).toBe('js');
  });

  it('restores the backend when fn throws, and nests', async () => {
    await wg.setBackend('other');
    const js = await wg.getBackendInstance('js');
    expect(() => wg.withBackend(js, () => {
      throw new Error('boom');
    })).toThrow('boom');
    expect(wg.getBackend()).toBe('other');
    const seen = wg.withBackend(js, () => [wg.getBackend(), wg.withBackend(other, () => wg.getBackend()), wg.getBackend()]);
    expect(seen).toEqual(['js', 'other', 'js']);
    expect(wg.getBackend()).toBe('other');
  });

  it('before any backend is chosen, restores "none chosen" so js is still picked lazily', () => {
    wg.withBackend(other, () => undefined);
    expect(wg.getBackend()).toBe('js');
  });

  it('refuses an async fn, naming the backend, and still restores the current one', () => {
    expect(() => wg.withBackend(other, async () => 1)).toThrow("withBackend: fn must be synchronous, but it returned a promise; backend 'other' was current only until its first await");
    expect(wg.getBackend()).toBe('js');
  });
});
