// The 'webgpu' backend's machinery on Node's Dawn: registration, limits, the buffer pool,
// command batching (one submit per read, reads batched), GPU errors, lost devices, and shader
// compile errors located in the .wgsl files.
import { fromValues, listBackends, type Tensor } from '@webgrad/tensor';
import { describe, expect, it } from 'vitest';
import { createWebGPUBackend } from './backend.js';
import { BufferUsage } from './gpu-flags.js';
import './index.js';
import { shaderUsers } from './kernels/index.js';
import { nodeGPU } from './node.js';
import { sizeClass } from './pool.js';
import { originOf, ShaderLibrary } from './shader-library.js';
import { shaders } from './shaders.generated.js';
import { testGpu } from './testing/gpu.js';

const { backend, reason } = await testGpu();

describe('webgpu backend without a device', () => {
  it("importing the package registers 'webgpu' above 'wasm' and 'js'", () => {
    const names = listBackends();
    expect(names[0]).toBe('webgpu');
    expect(names.indexOf('webgpu')).toBeLessThan(names.indexOf('js'));
  });
  it('size classes: powers of two to 1 KiB, then quarter octaves', () => {
    expect([1, 16, 17, 600, 1024, 1025, 1300, 5000].map((b) => sizeClass(b))).toEqual([16, 16, 32, 1024, 1024, 1280, 1536, 5120]);
  });
  it('maps a line of a bundled shader to its .wgsl file, includes too', () => {
    const code = shaders.unary.code.split('\n');
    const inMath = code.findIndex((l) => l.startsWith('fn log1p_f32')) + 1;
    expect(originOf(shaders.unary, inMath).file).toBe('shaders/common/math.wgsl');
    const inOps = code.findIndex((l) => l.startsWith('fn unary_f32')) + 1;
    expect(originOf(shaders.unary, inOps).file).toBe('shaders/common/unary-ops.wgsl');
    const inUnary = code.findIndex((l) => l.startsWith('fn main')) + 1;
    expect(originOf(shaders.unary, inUnary).file).toBe('shaders/unary.wgsl');
  });
});

describe.runIf(backend)('webgpu backend on a device', () => {
  const b = backend!;
  const t = (values: number[]): Tensor => fromValues(values, [values.length], 'float32', b);

  it('has no readSync (reads never block on the GPU)', () => {
    expect(b.readSync).toBeUndefined();
  });

  it('a tensor larger than the binding limit fails with a clear error', () => {
    const max = b.device.limits.maxStorageBufferBindingSize;
    expect(() => b.alloc('float32', Math.floor(max / 4) + 1)).toThrow(/float32 tensor of \d+ elements: needs a buffer of \d+ bytes; this device binds at most \d+ bytes.*maxStorageBufferBindingSize/);
  });

  it('reuses freed buffers of the same size class (pool hits)', () => {
    const before = b.stats();
    const s = b.alloc('float32', 1000);
    b.free(s, 'float32', 1000);
    const again = b.alloc('float32', 999);
    b.free(again, 'float32', 999);
    const after = b.stats();
    expect(again).toBe(s);
    expect(after.poolHits - before.poolHits).toBeGreaterThanOrEqual(1);
  });

  it('records many ops into one submit, and reads asked for together share it', async () => {
    const x = t([1, 2, 3, 4, 5]);
    await x.data();
    const before = b.stats();
    let y = x;
    for (let i = 0; i < 20; i++) y = y.add(x);
    const z = y.mul(x);
    const [ys, zs] = await Promise.all([y.data(), z.data()]);
    const after = b.stats();
    expect(Array.from(ys)).toEqual([21, 42, 63, 84, 105]);
    expect(Array.from(zs)).toEqual([21, 84, 189, 336, 525]);
    // 21 ops; fused, the live intermediates are written by shared kernels (as many as bindings allow).
    expect(after.dispatches - before.dispatches).toBeLessThanOrEqual(21);
    expect(after.submits - before.submits).toBe(1);
  });

  it('uncaptured GPU errors raise an event and reject the next read', async () => {
    const seen: Error[] = [];
    const listener = (e: Event & { error?: Error }): void => void seen.push(e.error!);
    b.addEventListener('gpuerror', listener);
    b.device.createBuffer({ size: 16, usage: BufferUsage.MAP_READ | BufferUsage.STORAGE, label: 'deliberately invalid' });
    await new Promise((r) => setTimeout(r, 50));
    await expect(t([1]).data()).rejects.toThrow(/GPU error.*deliberately invalid/s);
    b.removeEventListener('gpuerror', listener);
    expect(seen.length).toBe(1);
    expect(Array.from(await t([2]).data())).toEqual([2]);
  });

  it('a shader that fails to compile names its ops and the .wgsl line', async () => {
    const broken = { code: 'fn ok() {}\nfn main( {\n', origin: [[1, 'unary.wgsl', 1]] as const, constants: {} };
    const library = new ShaderLibrary(b.device, { unary: broken });
    await expect(library.check(shaderUsers)).rejects.toThrow(/shaders\/unary\.wgsl \(ops neg, abs, .*\) failed to compile:\nshaders\/unary\.wgsl:2:\d+ error: .*\n {4}\| fn main\( \{/);
  });
});

describe.runIf(backend)('webgpu device loss', () => {
  it('raises devicelost, marks the backend unavailable, and errors say to switch backend', async () => {
    const lost: Error[] = [];
    const own = await createWebGPUBackend({ gpu: await nodeGPU(), onDeviceLost: (e) => lost.push(e) });
    const event = new Promise<Event & { error?: Error }>((resolve) => own.addEventListener('devicelost', resolve));
    const x = fromValues([1, 2], [2], 'float32', own);
    own.destroy();
    expect((await event).error?.message).toMatch(/^webgpu: the GPU device was lost \(destroyed: /);
    expect(own.available).toBe(false);
    expect(lost.length).toBe(1);
    expect(() => own.alloc('float32', 4)).toThrow(/^webgpu: cannot allocate a float32 tensor of 4 elements: the GPU device was lost \(destroyed: .*\); start the backend again with setBackend\('webgpu'\) or use another backend$/);
    await expect(x.data()).rejects.toThrow(/^webgpu: cannot read a tensor: the GPU device was lost/);
  });
});

if (!backend) {
  describe('webgpu backend on a device', () => it.skip(`not run: ${reason}`, () => {}));
}
