// matmul, dense, convolution and large elementwise ops split across two threads (a worker sharing
// the memory) give the reference's results, whether a product is split by columns or, for narrow
// products, by rows, and whatever share of an elementwise op each thread gets (the memory is
// poisoned, so a share left unwritten shows up as NaN). The helper workers also start from a
// `node --input-type=module -e` script, whose flags a worker must not inherit.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Conv2dAttrs, OpName } from '@webgrad/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWasmBackend, type WasmBackend } from './index.js';
import type { OpCase } from './testing/cases.js';
import { compareOp, mismatch } from '@webgrad/tensor/testing';

let backend: WasmBackend;
beforeAll(async () => {
  backend = await createWasmBackend({ threads: 2, poison: true });
});
afterAll(() => backend.dispose());

const conv: Conv2dAttrs = { stride: [1, 1], padding: [1, 1, 1, 1], dilation: [1, 1], groups: 1 };
const TOL = { rtol: 1e-4, atol: 1e-4 };
const CASES: [OpName, OpCase<OpName>][] = [
  ['matmul', { name: 'split by columns', inputs: [{ shape: [130, 300] }, { shape: [300, 70] }], attrs: { transposeA: false, transposeB: false }, ...TOL }],
  ['matmul', { name: 'split by rows, transposed', inputs: [{ shape: [300, 601] }, { shape: [10, 300] }], attrs: { transposeA: true, transposeB: true }, ...TOL }],
  ['matmul', { name: 'batched', inputs: [{ shape: [3, 64, 200] }, { shape: [200, 96] }], attrs: { transposeA: false, transposeB: false }, ...TOL }],
  // dense: each thread applies bias and activation to its own share (offset bias columns when split by columns).
  ['dense', { name: 'relu, split by columns', inputs: [{ shape: [130, 300] }, { shape: [300, 70] }, { shape: [70] }], attrs: { activation: 'relu' }, ...TOL }],
  ['dense', { name: 'tanh, split by columns, ragged share', inputs: [{ shape: [2, 65, 257] }, { shape: [257, 77] }, { shape: [77] }], attrs: { activation: 'tanh' }, ...TOL }],
  ['dense', { name: 'sigmoid, split by rows', inputs: [{ shape: [601, 300] }, { shape: [300, 10] }, { shape: [10] }], attrs: { activation: 'sigmoid' }, ...TOL }],
  ['conv2d', { name: 'conv2d', inputs: [{ shape: [3, 16, 20, 20] }, { shape: [32, 16, 3, 3] }], attrs: conv, ...TOL }],
  ['conv2dInputGrad', { name: 'conv2dInputGrad', inputs: [{ shape: [3, 32, 20, 20] }, { shape: [32, 16, 3, 3] }], attrs: { ...conv, inputShape: [3, 16, 20, 20] }, ...TOL }],
  ['conv2dFilterGrad', { name: 'conv2dFilterGrad', inputs: [{ shape: [3, 16, 20, 20] }, { shape: [3, 32, 20, 20] }], attrs: { ...conv, filterShape: [32, 16, 3, 3] }, ...TOL }],
  // Elementwise ops of 2^16 elements or more: contiguous shares, the last one ragged.
  ['exp', { name: 'exp, odd length', inputs: [{ shape: [70001] }], attrs: {}, ...TOL }],
  ['sigmoid', { name: 'sigmoid, 2-D', inputs: [{ shape: [300, 257] }], attrs: {}, ...TOL }],
  ['add', { name: 'add, same shapes', inputs: [{ shape: [300, 257] }, { shape: [300, 257] }], attrs: {}, ...TOL }],
  ['mul', { name: 'mul by a scalar', inputs: [{ shape: [100003] }, { shape: [1] }], attrs: {}, ...TOL }],
  ['sub', { name: 'scalar minus a tensor', inputs: [{ shape: [] }, { shape: [65537] }], attrs: {}, ...TOL }],
  ['div', { name: 'div, same shapes', inputs: [{ shape: [66000] }, { shape: [66000] }], attrs: {}, ...TOL }],
  ['maximum', { name: 'maximum with a broadcast row (not flat: one thread)', inputs: [{ shape: [400, 200] }, { shape: [200] }], attrs: {}, ...TOL }],
];

describe('the wasm backend on two threads', () => {
  it('runs two threads', () => expect(backend.threads).toBe(2));
  it.each(CASES.map(([op, c]) => [`${op}: ${c.name}`, op, c] as const))('%s matches the reference', async (_name, op, c) => {
    const { got, want } = await compareOp(backend, op, c.inputs, c.attrs);
    const i = mismatch(got, want, c.rtol, c.atol, { signedZeros: true });
    expect(i, `first difference at ${i}: wasm ${got[i]}, reference ${want[i]}`).toBe(-1);
  });
});

describe('thread workers in a node -e script', () => {
  // `--input-type` refuses a worker's file entry point, so a worker inheriting the parent's
  // execArgv failed to start; `--import tsx --conditions=@webgrad/source` runs this package's sources.
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const script = [
    "const { createWasmBackend } = await import('@webgrad/backend-wasm');",
    'const b = await createWasmBackend({ threads: 2 });',
    "const t = await import('@webgrad/tensor');",
    "await t.setBackend('wasm');",
    'console.log(JSON.stringify({ threads: b.threads, current: t.getBackend() }));',
    'b.dispose();',
  ].join(' ');
  it('starts two threads with --input-type=module -e', async () => {
    const args = ['--import', 'tsx', '--conditions=@webgrad/source', '--input-type=module', '-e', script];
    const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number }>((resolve) => {
      execFile(process.execPath, args, { cwd: root, timeout: 30_000 }, (error, stdout, stderr) => resolve({ stdout, stderr, code: error ? Number(error.code ?? 1) : 0 }));
    });
    expect(stderr.split('\n').filter((l) => /Error/.test(l)), stderr).toEqual([]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim())).toEqual({ threads: 2, current: 'wasm' });
  });
});
