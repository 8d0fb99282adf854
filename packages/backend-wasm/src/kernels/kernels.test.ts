// Every op of the 'wasm' backend against the reference backend, case by case (cases in
// src/testing/), on a backend that poisons new memory so a kernel that skips an output fails.
import { opNames, type OpName } from '@webgrad/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWasmBackend, type WasmBackend } from '../index.js';
import { cases, type OpCase } from '../testing/cases.js';
import { compareOp, mismatch } from '@webgrad/tensor/testing';

let backend: WasmBackend;
beforeAll(async () => {
  backend = await createWasmBackend({ poison: true });
});

describe.each(opNames)('wasm kernel %s matches the reference', (op) => {
  const list = cases[op] as OpCase<OpName>[];
  it('has test cases', () => expect(list.length).toBeGreaterThan(0));
  it.each(list.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { got, want } = await compareOp(backend, op, c.inputs, c.attrs);
    const i = mismatch(got, want, c.rtol ?? 0, c.atol ?? 0, { signedZeros: true });
    expect(i, `first difference at ${i}: wasm ${got[i]}, reference ${want[i]}`).toBe(-1);
    expect(got.constructor).toBe(want.constructor);
  });
});

describe('wasm kernel errors', () => {
  it('gather names an index out of range', async () => {
    await expect(compareOp(backend, 'gather', [{ shape: [3, 2] }, { shape: [2], dtype: 'int32', values: [1, 3] }], { axis: 0 })).rejects.toThrow('gather: index 3 is out of range for axis 0 of extent 3');
  });
  it('scatterAdd names an index out of range', async () => {
    await expect(compareOp(backend, 'scatterAdd', [{ shape: [2], dtype: 'int32', values: [-1, 0] }, { shape: [2, 2] }], { axis: 0, size: 4 })).rejects.toThrow('scatterAdd: index -1 is out of range for axis 0 of extent 4');
  });
});
