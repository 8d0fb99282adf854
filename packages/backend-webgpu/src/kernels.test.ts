// Every op of the 'webgpu' backend against the reference backend, case by case (cases in
// src/testing/cases.ts), on Node's Dawn with SwiftShader; without an adapter, one skipped test
// names the reason.
import { opNames, type OpName } from '@webgrad/tensor';
import { describe, expect, it } from 'vitest';
import { shaderUsers } from './kernels/index.js';
import { cases, type OpCase } from './testing/cases.js';
import { testGpu } from './testing/gpu.js';
import { compareOp, mismatch } from '@webgrad/tensor/testing';

const { backend, reason } = await testGpu();
// Both GEMM paths, whichever 'auto' picks on this adapter: tiled (real GPUs) and direct (CPU adapters).
const gemmPaths = [['tiled', (await testGpu('tiled')).backend], ['direct', (await testGpu('direct')).backend]] as const;
const GEMM_OPS: readonly OpName[] = ['matmul', 'conv2d', 'conv2dInputGrad', 'conv2dFilterGrad'];
// Elementwise ops, reshape and broadcastTo fuse by default; without fusion each runs its own shader.
const unfused = (await testGpu('auto', false)).backend;
const FUSIBLE: readonly OpName[] = [...shaderUsers.unary, ...shaderUsers.binary, 'where', 'cast', 'reshape', 'broadcastTo'];

describe.runIf(backend)('webgpu kernels match the reference', () => {
  describe.each(opNames)('%s', (op) => {
    const list = cases[op] as OpCase<OpName>[];
    it('has test cases', () => expect(list.length).toBeGreaterThan(0));
    it.each(list.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const { got, want } = await compareOp(backend!, op, c.inputs, c.attrs);
      const i = mismatch(got, want, c.rtol ?? 0, c.atol ?? 0);
      expect(i, `first difference at ${i}: webgpu ${got[i]}, reference ${want[i]}`).toBe(-1);
      expect(got.constructor).toBe(want.constructor);
    });
  });

  describe.each(gemmPaths)('%s GEMM', (_path, gemmBackend) => {
    describe.each(GEMM_OPS)('%s', (op) => {
      it.each((cases[op] as OpCase<OpName>[]).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
        const { got, want } = await compareOp(gemmBackend!, op, c.inputs, c.attrs);
        const i = mismatch(got, want, c.rtol ?? 0, c.atol ?? 0);
        expect(i, `first difference at ${i}: webgpu ${got[i]}, reference ${want[i]}`).toBe(-1);
      });
    });
  });

  describe.each(FUSIBLE)('%s without fusion', (op) => {
    it.each((cases[op] as OpCase<OpName>[]).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const { got, want } = await compareOp(unfused!, op, c.inputs, c.attrs);
      const i = mismatch(got, want, c.rtol ?? 0, c.atol ?? 0);
      expect(i, `first difference at ${i}: webgpu ${got[i]}, reference ${want[i]}`).toBe(-1);
    });
  });

  it('gather names an index out of range', async () => {
    await expect(compareOp(backend!, 'gather', [{ shape: [3, 2] }, { shape: [2], dtype: 'int32', values: [1, 3] }], { axis: 0 })).rejects.toThrow('gather: index 3 is out of range for axis 0 of extent 3');
  });
  it('scatterAdd names an index out of range', async () => {
    await expect(compareOp(backend!, 'scatterAdd', [{ shape: [2], dtype: 'int32', values: [-1, 0] }, { shape: [2, 2] }], { axis: 0, size: 4 })).rejects.toThrow('scatterAdd: index -1 is out of range for axis 0 of extent 4');
  });
});

if (!backend) {
  describe('webgpu kernels', () => it.skip(`not run: ${reason}`, () => {}));
}
