// The fused ops on 'webgpu': dense on both GEMM paths (tiled and direct) against the reference,
// and dense forward, softmax and logSoftmax each recorded as exactly one dispatch.
import { dense, fromValues, logSoftmax, softmax, type Tensor } from '@webgrad/tensor';
import { describe, expect, it } from 'vitest';
import { cases } from './testing/cases.js';
import { testGpu } from './testing/gpu.js';
import { compareOp, mismatch } from '@webgrad/tensor/testing';

const { backend, reason } = await testGpu();
const gemmPaths = [['tiled', (await testGpu('tiled')).backend], ['direct', (await testGpu('direct')).backend]] as const;

describe.runIf(backend)('fused ops on webgpu', () => {
  describe.each(gemmPaths)('dense on the %s GEMM', (_path, gemmBackend) => {
    it.each(cases.dense.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const { got, want } = await compareOp(gemmBackend!, 'dense', c.inputs, c.attrs);
      const i = mismatch(got, want, c.rtol ?? 0, c.atol ?? 0);
      expect(i, `first difference at ${i}: webgpu ${got[i]}, reference ${want[i]}`).toBe(-1);
    });
  });

  it.each<[string, (x: Tensor, w: Tensor, b: Tensor) => Tensor]>([
    ['dense with bias and relu', (x, w, b) => dense(x, w, b, { activation: 'relu' })],
    ['softmax', (x) => softmax(x)],
    ['logSoftmax along axis 0', (x) => logSoftmax(x, 0)],
  ])('%s is one dispatch', async (_name, f) => {
    const make = (shape: number[]): Tensor => fromValues(Array.from({ length: shape[0]! * shape[1]! }, (_, i) => Math.sin(i)), shape, 'float32', backend!);
    const [x, w, b] = [make([6, 5]), make([5, 7]), fromValues([1, -1, 2, 0, 0.5, -0.5, 3], [7], 'float32', backend!)];
    await Promise.all([x.data(), w.data(), b.data()]);
    const before = backend!.stats().dispatches;
    const y = f(x, w, b);
    await y.data();
    expect(backend!.stats().dispatches - before).toBe(1);
    [x, w, b, y].forEach((t) => t.dispose());
  });
});

// Reported as skipped only where there is no adapter, with the reason.
if (!backend) describe('fused ops on webgpu', () => it.skip(`not run: no WebGPU adapter: ${reason}`, () => {}));
