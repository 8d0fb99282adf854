// The backend registry: names in priority order, setBackend and its errors, and ready() picking
// the best backend that starts. Each test imports a fresh copy of the package, so the registry
// starts with only 'js' and no backend chosen.
import type * as Wg from '@webgrad/tensor';
import { beforeEach, describe, expect, it, vi } from 'vitest';

let wg: typeof Wg;

beforeEach(async () => {
  vi.resetModules();
  wg = await import('@webgrad/tensor');
});

/** A reference backend under another name, as a stand-in for wasm or webgpu. */
const named = (name: string) => () => wg.createJsBackend({ name });

describe('the registry', () => {
  it('starts with js, used synchronously before any choice', () => {
    expect(wg.listBackends()).toEqual(['js']);
    expect(wg.getBackend()).toBe('js');
    expect(wg.tensor([1]).backend.name).toBe('js');
  });

  it('lists backends best first by priority', () => {
    wg.registerBackend('low', named('low'), 0);
    wg.registerBackend('high', named('high'), 5);
    wg.registerBackend('mid', named('mid'), 2);
    expect(wg.listBackends()).toEqual(['high', 'mid', 'js', 'low']);
  });

  it('names the registered backends when asked for an unknown one', async () => {
    wg.registerBackend('wasm', named('wasm'), 2);
    await expect(wg.setBackend('webgpu')).rejects.toThrow("setBackend: unknown backend 'webgpu' (registered: wasm, js)");
    await expect(wg.getBackendInstance('nope')).rejects.toThrow("setBackend: unknown backend 'nope' (registered: wasm, js)");
  });

  it('switches backends with setBackend; new tensors go there', async () => {
    wg.registerBackend('other', named('other'), 0);
    await wg.setBackend('other');
    expect(wg.getBackend()).toBe('other');
    expect(wg.tensor([1, 2]).backend.name).toBe('other');
    expect(wg.memory().backend).toBe('other');
    await wg.setBackend('js');
    expect(wg.tensor([1]).backend.name).toBe('js');
  });

  it('starts each backend once and reuses the instance', async () => {
    const factory = vi.fn(named('once'));
    wg.registerBackend('once', factory, 0);
    const a = await wg.getBackendInstance('once');
    await wg.setBackend('once');
    expect(await wg.getBackendInstance('once')).toBe(a);
    expect(wg.backend()).toBe(a);
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it('reports a factory that throws, and remembers the failure without retrying', async () => {
    const factory = vi.fn((): Wg.Backend => {
      throw new Error('no adapter');
    });
    wg.registerBackend('broken', factory, 3);
    await expect(wg.setBackend('broken')).rejects.toThrow("setBackend: backend 'broken' failed to start: no adapter");
    await expect(wg.setBackend('broken')).rejects.toThrow("setBackend: backend 'broken' failed to start: no adapter");
    expect(factory).toHaveBeenCalledTimes(1);
    expect(wg.getBackend()).toBe('js');
  });
});

describe('ready', () => {
  it('starts the highest-priority backend', async () => {
    wg.registerBackend('wasm', named('wasm'), 2);
    wg.registerBackend('webgpu', async () => wg.createJsBackend({ name: 'webgpu' }), 3);
    const b = await wg.ready();
    expect(b.name).toBe('webgpu');
    expect(wg.getBackend()).toBe('webgpu');
  });

  it('falls back to the next best when a factory throws or rejects', async () => {
    wg.registerBackend('webgpu', async () => {
      throw new Error('no adapter');
    }, 3);
    wg.registerBackend('wasm', () => {
      throw new Error('no SIMD');
    }, 2);
    wg.registerBackend('fallback', named('fallback'), 1.5);
    expect((await wg.ready()).name).toBe('fallback');
    expect(wg.tensor([1]).backend.name).toBe('fallback');
  });

  it('returns the chosen backend without starting others once one is set', async () => {
    const better = vi.fn(named('better'));
    wg.registerBackend('better', better, 9);
    await wg.setBackend('js');
    expect((await wg.ready()).name).toBe('js');
    expect(better).not.toHaveBeenCalled();
  });

  it('rejects naming the registered backends when none starts', async () => {
    wg.registerBackend('js', () => {
      throw new Error('broken');
    }, 1);
    await expect(wg.ready()).rejects.toThrow('ready: no backend could start (registered: js)');
  });
});

describe('setBestBackend', () => {
  it('moves to the best backend that starts even after js was used, skipping one that fails', async () => {
    expect(wg.tensor([1]).backend.name).toBe('js');
    wg.registerBackend('broken', () => {
      throw new Error('no adapter');
    }, 9);
    wg.registerBackend('good', named('good'), 5);
    expect(await wg.setBestBackend()).toBe('good');
    expect(wg.getBackend()).toBe('good');
  });
});
