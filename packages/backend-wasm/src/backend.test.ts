// The 'wasm' backend as a whole: registration, tensors through the frontend, memory that runs
// out and recovers, and a training step that stops allocating after warm-up.
import { getBackendInstance, listBackends, matmul, memory, scope, setBackend, tensor, type Tensor } from '@webgrad/tensor';
import { describe, expect, it } from 'vitest';
import { createWasmBackend, hasRelaxedSimd } from './index.js';
import { compareOp, mismatch } from '@webgrad/tensor/testing';

describe('the wasm backend', () => {
  it('registers as wasm with priority above js', async () => {
    expect(listBackends().indexOf('wasm')).toBeLessThan(listBackends().indexOf('js'));
    await setBackend('wasm');
    const y = tensor([[1, 2], [3, 4]]).matmul(tensor([[1], [1]])).relu().sum();
    expect(Array.from(await y.data())).toEqual([10]);
    expect(y.backend.name).toBe('wasm');
  });

  it('probes relaxed SIMD and loads the matching kernels', async () => {
    const b = await getBackendInstance('wasm');
    expect((b as { relaxedSimd?: boolean }).relaxedSimd).toBe(hasRelaxedSimd());
  });

  it('throws naming the bytes requested and live past its memory, and recovers once tensors are freed', async () => {
    const b = await createWasmBackend({ maxMemoryBytes: 8 << 20, initialMemoryBytes: 1 << 20 });
    const held: number[] = [];
    const mb = (1 << 20) / 4;
    let error: Error | undefined;
    try {
      for (let i = 0; i < 16; i++) held.push(b.alloc('float32', mb));
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(/^wasm: out of memory: cannot allocate 1048576 bytes \(size class 1048576\); \d+ bytes are live, .* can grow to at most 8388608 bytes/);
    for (const ptr of held) b.free(ptr, 'float32', mb);
    // A different size than those freed: the pool gives its cache back to the arena.
    const values = new Float32Array(3 * mb).fill(2);
    const w = b.write(values, 'float32');
    expect((await b.read(w, 'float32', 3 * mb)).every((v) => v === 2)).toBe(true);
    b.free(w, 'float32', 3 * mb);
  });

  it('keeps computing right after its memory grows (views and parameters follow the new buffer)', async () => {
    const b = await createWasmBackend({ initialMemoryBytes: 64 << 10 });
    const before = b.stats().memoryBytes;
    const check = async (): Promise<void> => {
      const { got, want } = await compareOp(b, 'add', [{ shape: [3, 5] }, { shape: [5] }], {});
      expect(mismatch(got, want, 1e-5, 1e-6, { signedZeros: true })).toBe(-1);
    };
    await check();
    const big = b.alloc('float32', 8 << 20);
    expect(b.stats().memoryBytes).toBeGreaterThan(before);
    await check();
    b.free(big, 'float32', 8 << 20);
  });

  it('allocates nothing new in a training step after warm-up', async () => {
    await setBackend('wasm');
    // A two-layer MLP with its gradients written out, so this test needs no autograd.
    const x = tensor(Array.from({ length: 32 * 20 }, (_, i) => Math.sin(i))).reshape([32, 20]);
    let w1: Tensor = tensor(Array.from({ length: 20 * 16 }, (_, i) => Math.cos(i) / 4)).reshape([20, 16]);
    let w2: Tensor = tensor(Array.from({ length: 16 * 3 }, (_, i) => Math.sin(i * 3) / 4)).reshape([16, 3]);
    const step = (): void => {
      const [n1, n2] = scope(() => {
        const h = matmul(x, w1);
        const a = h.relu();
        const y = matmul(a, w2);
        const dy = y.mul(2 / y.size);
        const dw2 = matmul(a, dy, { transposeA: true });
        const da = matmul(dy, w2, { transposeB: true }).mul(h.gt(0).cast('float32'));
        const dw1 = matmul(x, da, { transposeA: true });
        return [w1.sub(dw1.mul(0.1)), w2.sub(dw2.mul(0.1))];
      });
      w1.dispose();
      w2.dispose();
      [w1, w2] = [n1, n2];
    };
    for (let i = 0; i < 3; i++) step();
    const before = memory();
    for (let i = 0; i < 5; i++) step();
    const after = memory();
    expect(after.backend).toBe('wasm');
    expect(after.poolMisses).toBe(before.poolMisses);
    expect(after.poolHits).toBeGreaterThan(before.poolHits);
    expect(after.reservedBytes).toBe(before.reservedBytes);
  });
});
