// The umbrella in Node: importing it registers webgpu, wasm and js but loads nothing (no kernels
// read or compiled, nothing fetched); `await ready()` then picks wasm and says why. A separate
// Node process importing only 'webgradjs' (its built files) gets 'wasm' too.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => vi.restoreAllMocks());

describe('webgradjs picks its backend', () => {
  it('loads no backend before the first use, then ready() starts wasm', async () => {
    const compile = vi.spyOn(WebAssembly, 'compile');
    const instantiate = vi.spyOn(WebAssembly, 'instantiate');
    const fetch = vi.spyOn(globalThis, 'fetch');
    vi.resetModules();
    const wg = await import('webgradjs');
    expect(wg.listBackends()).toEqual(['webgpu', 'wasm', 'js']);
    expect(wg.backendInfo()).toBeUndefined();
    expect([compile.mock.calls.length, instantiate.mock.calls.length, fetch.mock.calls.length]).toEqual([0, 0, 0]);
    expect((await wg.ready()).name).toBe('wasm');
    expect(compile.mock.calls.length + instantiate.mock.calls.length).toBeGreaterThan(0);
    expect(wg.backendInfo()).toEqual({
      name: 'wasm',
      chosenBy: 'auto',
      reason: 'webgpu skipped: no WebGPU in this runtime (navigator.gpu is undefined); wasm started',
      tried: [{ name: 'webgpu', outcome: 'skipped', reason: 'no WebGPU in this runtime (navigator.gpu is undefined)' }, { name: 'wasm', outcome: 'started' }],
    });
    expect(await wg.tensor([1, 2]).mul(3).data()).toEqual(new Float32Array([3, 6]));
  });

  it('a webgpu or wasm registered before the umbrella is imported is kept, not replaced by its lazy one', async () => {
    vi.resetModules();
    const tensor = await import('@webgrad/tensor');
    const mine = async () => tensor.createJsBackend({ name: 'webgpu' });
    tensor.registerBackend('webgpu', mine, 3);
    tensor.registerBackend('wasm', async () => tensor.createJsBackend({ name: 'wasm' }), 2);
    const wg = await import('webgradjs');
    // Standing in for Dawn's registerNodeWebGPU(): the umbrella's navigator.gpu factory would reject here.
    await wg.setBackend('webgpu');
    expect(wg.backendInfo()).toMatchObject({ name: 'webgpu', chosenBy: 'name' });
  });

  it('an op before ready() runs on js, and ready() keeps it (tensors never change backend)', async () => {
    vi.resetModules();
    const wg = await import('webgradjs');
    expect(wg.tensor([1]).backend.name).toBe('js');
    expect(wg.backendInfo()?.chosenBy).toBe('default');
    expect((await wg.ready()).name).toBe('js');
  });

  it("a Node program that imports only 'webgradjs' trains on wasm after ready()", () => {
    const program = `import * as wg from 'webgradjs';
      await wg.ready();
      const x = wg.variable(wg.tensor([1, 2]));
      x.mul(x).sum().backward();
      console.log(JSON.stringify({ name: wg.getBackend(), grad: Array.from(await x.grad.data()) }));`;
    // From the package's own folder, 'webgradjs' resolves to its built dist/ (a self-reference).
    const cwd = fileURLToPath(new URL('..', import.meta.url));
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', program], { cwd, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ name: 'wasm', grad: [2, 4] });
  });
});
