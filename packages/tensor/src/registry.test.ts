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

describe('a backend whose device is lost', () => {
  /** A reference backend under `name` whose `lost` resolves when `lose(reason)` is called. */
  function losable(name: string): { backend: Wg.Backend; lose: (reason: string) => void } {
    let lose!: (reason: string) => void;
    const lost = new Promise<string>((resolve) => (lose = resolve));
    return { backend: Object.assign(wg.createJsBackend({ name }), { lost }), lose };
  }

  /** Registers `name` with a factory that makes a new losable instance per start. */
  function register(name: string, priority: number) {
    const started: ReturnType<typeof losable>[] = [];
    const factory = vi.fn(() => {
      const b = losable(name);
      started.push(b);
      return b.backend;
    });
    wg.registerBackend(name, factory, priority);
    return { started, factory };
  }

  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('is forgotten and reported to onBackendLost; setBackend starts a new instance', async () => {
    const gpu = register('gpu', 3);
    const heard: [string, string][] = [];
    const off = wg.onBackendLost((name, reason) => heard.push([name, reason]));
    await wg.setBackend('gpu');
    const dead = wg.backend();
    gpu.started[0]!.lose('destroyed: device was destroyed');
    await settle();
    expect(heard).toEqual([['gpu', 'destroyed: device was destroyed']]);
    // backend() still answers with the dead instance until something switches
    expect(wg.backend()).toBe(dead);
    expect(wg.getBackend()).toBe('gpu');
    await wg.setBackend('gpu');
    expect(gpu.factory).toHaveBeenCalledTimes(2);
    expect(wg.backend()).not.toBe(dead);
    expect(await wg.getBackendInstance('gpu')).toBe(wg.backend());
    off();
    gpu.started[1]!.lose('unknown');
    await settle();
    expect(heard.length).toBe(1); // removed listeners hear nothing
  });

  it('setBestBackend starts a new one in place of the lost instance, or falls back when that fails', async () => {
    let starts = 0;
    let lose!: (reason: string) => void;
    wg.registerBackend('gpu', () => {
      if (++starts > 2) throw new Error('no adapter');
      const b = losable('gpu');
      lose = b.lose;
      return b.backend;
    }, 3);
    await wg.setBackend('gpu');
    const first = wg.backend();
    lose('destroyed');
    await settle();
    expect(await wg.setBestBackend()).toBe('gpu');
    const second = wg.backend();
    expect(second).not.toBe(first);
    lose('destroyed');
    await settle();
    expect(await wg.setBestBackend()).toBe('js');
    expect(wg.backend().name).toBe('js');
  });

  it('ready() does not return a lost current backend: it starts the best again', async () => {
    const gpu = register('gpu', 3);
    const first = await wg.ready();
    expect(await wg.ready()).toBe(first);
    gpu.started[0]!.lose('destroyed');
    await settle();
    const second = await wg.ready();
    expect(second.name).toBe('gpu');
    expect(second).not.toBe(first);
    expect(wg.backend()).toBe(second);
  });

  it('a loss of an instance already replaced does not forget its successor', async () => {
    const gpu = register('gpu', 3);
    await wg.setBackend('gpu');
    gpu.started[0]!.lose('destroyed');
    await settle();
    await wg.setBackend('gpu');
    gpu.started[0]!.lose('again'); // a promise resolves once: nothing happens
    await settle();
    expect(await wg.getBackendInstance('gpu')).toBe(gpu.started[1]!.backend);
    expect(gpu.factory).toHaveBeenCalledTimes(2);
  });

  it('starts asked for at once share one instance (one device, not two)', async () => {
    const gpu = register('gpu', 3);
    const [a, b] = await Promise.all([wg.getBackendInstance('gpu'), wg.getBackendInstance('gpu')]);
    expect(a).toBe(b);
    expect(gpu.factory).toHaveBeenCalledTimes(1);
  });

  it('a throwing listener does not keep the others from hearing', async () => {
    const gpu = register('gpu', 3);
    const heard: string[] = [];
    const errors: unknown[] = [];
    const onError = (e: unknown) => void errors.push(e);
    process.on('uncaughtException', onError);
    wg.onBackendLost(() => {
      throw new Error('listener bug');
    });
    wg.onBackendLost((name) => heard.push(name));
    await wg.setBackend('gpu');
    gpu.started[0]!.lose('destroyed');
    await settle();
    process.off('uncaughtException', onError);
    expect(heard).toEqual(['gpu']);
    expect((errors[0] as Error | undefined)?.message).toBe('listener bug');
  });

  it('DeviceLostError names the backend, the reason and what to do', () => {
    const e = new wg.DeviceLostError('webgpu', 'destroyed', 'read a tensor');
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.backend, e.reason]).toEqual(['DeviceLostError', 'webgpu', 'destroyed']);
    expect(e.message).toBe("webgpu: cannot read a tensor: the GPU device was lost (destroyed); start the backend again with setBackend('webgpu') or use another backend");
    expect(new wg.DeviceLostError('webgpu', 'destroyed').message).toBe("webgpu: the GPU device was lost (destroyed); start the backend again with setBackend('webgpu') or use another backend");
  });
});
