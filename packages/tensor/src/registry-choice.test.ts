// How the registry's choice is reported and where a factory may skip: backendInfo() for each way
// of choosing, a BackendSkipped that is not remembered, and a start by name while an automatic
// one that skips is in flight.
import type * as Wg from '@webgrad/tensor';
import { beforeEach, describe, expect, it, vi } from 'vitest';

let wg: typeof Wg;

beforeEach(async () => {
  vi.resetModules();
  wg = await import('@webgrad/tensor');
});

describe('backendInfo', () => {
  it('is undefined before any choice, then says js was the default for an early op', () => {
    expect(wg.backendInfo()).toBeUndefined();
    wg.tensor([1]);
    expect(wg.backendInfo()).toMatchObject({ name: 'js', chosenBy: 'default', tried: [] });
    expect(wg.backendInfo()!.reason).toContain('an op ran before ready()');
  });

  it('reports a choice by name, and the attempts of an automatic one', async () => {
    wg.registerBackend('gpu', () => Promise.reject(new Error('gpu: no adapter')), 3);
    wg.registerBackend('simd', ({ byName }) => {
      if (!byName) throw new wg.BackendSkipped('only by name');
      return wg.createJsBackend({ name: 'simd' });
    }, 2);
    await wg.ready();
    expect(wg.backendInfo()).toEqual({
      name: 'js',
      chosenBy: 'auto',
      reason: 'gpu failed: no adapter; simd skipped: only by name; js started',
      tried: [
        { name: 'gpu', outcome: 'failed', reason: 'no adapter' },
        { name: 'simd', outcome: 'skipped', reason: 'only by name' },
        { name: 'js', outcome: 'started' },
      ],
    });
    await wg.setBackend('simd');
    expect(wg.backendInfo()).toEqual({ name: 'simd', chosenBy: 'name', reason: "setBackend('simd')", tried: [] });
  });

  it('a start by name during an automatic start that skips starts anew, by name', async () => {
    const requests: boolean[] = [];
    wg.registerBackend('gpu', async ({ byName }) => {
      requests.push(byName);
      await new Promise((r) => setTimeout(r, 10));
      if (!byName) throw new wg.BackendSkipped('software adapter (SwiftShader)');
      return wg.createJsBackend({ name: 'gpu' });
    }, 3);
    const auto = wg.ready();
    const named = wg.getBackendInstance('gpu');
    expect((await auto).name).toBe('js');
    expect((await named).name).toBe('gpu');
    expect(requests).toEqual([false, true]);
  });
});
