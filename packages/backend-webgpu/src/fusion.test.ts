// Elementwise fusion on Node's Dawn: chains of elementwise ops run as one generated kernel,
// give the reference backend's values, and keep storages alive exactly as long as a pending
// op reads them. Dispatches are counted from the backend's stats around each case.
import { variable } from '@webgrad/autograd';
import { optim } from '@webgrad/nn';
import { createJsBackend, fromValues, keep, scope, where, type Backend, type DType, type Tensor } from '@webgrad/tensor';
import { describe, expect, it } from 'vitest';
import type { WebGPUBackend } from './backend.js';
import { testGpu } from './testing/gpu.js';
import { rng } from '@webgrad/tensor/testing';

const { backend, reason } = await testGpu();
const unfused = (await testGpu('auto', false)).backend;
const js = createJsBackend();

/** Values of `shape` from a seeded generator, scaled; ints when dtype is int32. */
function values(shape: number[], seed: number, dtype: DType = 'float32'): number[] {
  const r = rng(seed);
  const n = shape.reduce((p, q) => p * q, 1);
  return Array.from({ length: n }, () => (dtype === 'int32' ? Math.floor(r() * 10) - 5 : dtype === 'bool' ? Number(r() > 0.5) : r() * 4 - 2));
}

type Inputs = { shape: number[]; seed: number; dtype?: DType }[];

/**
 * Runs `f` in a scope (its intermediates are freed, as in real code) on both backends; returns
 * webgpu's and the reference's values and webgpu's dispatch count.
 */
async function both(inputs: Inputs, f: (...xs: Tensor[]) => Tensor): Promise<{ got: number[]; want: number[]; dispatches: number }> {
  const make = (be: Backend): Tensor[] => inputs.map((x) => fromValues(values(x.shape, x.seed, x.dtype), x.shape, x.dtype ?? 'float32', be));
  const want = Array.from(await scope(() => f(...make(js))).data());
  const gpu = backend!;
  const xs = make(gpu);
  const before = gpu.stats().dispatches;
  const y = scope(() => f(...xs));
  const got = Array.from(await y.data());
  const dispatches = gpu.stats().dispatches - before;
  y.dispose();
  for (const x of xs) x.dispose();
  return { got, want, dispatches };
}

function expectClose(got: number[], want: number[]): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => {
    if (Number.isNaN(want[i]!)) expect(g, `element ${i}`).toBeNaN();
    else expect(Math.abs(g - want[i]!), `element ${i}: ${g} vs ${want[i]}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(want[i]!)));
  });
}

/** Dispatches of one optimiser step (after the one that creates its slots) over a small MLP's parameters, and the values after it. */
async function optimiserStep(be: WebGPUBackend, make: () => optim.Optimizer): Promise<{ dispatches: number; submits: number; values: number[][] }> {
  const shapes = [[20, 16], [16], [16, 4], [4]];
  const named = shapes.map((shape, i): [string, Tensor] => [`p${i}`, keep(variable(fromValues(values(shape, 40 + i), shape, 'float32', be)))]);
  const opt = make();
  const step = (seed: number): void => {
    for (const [, p] of named) p.grad = fromValues(values([...p.shape], seed), p.shape, 'float32', be);
    opt.step(named);
    optim.zeroGrad(named.map(([, p]) => p));
  };
  step(50);
  await be.flush();
  const before = be.stats();
  step(51);
  await be.flush();
  const after = be.stats();
  const out = await Promise.all(named.map(async ([, p]) => Array.from(await p.data())));
  for (const [, p] of named) p.dispose();
  opt.dispose();
  return { dispatches: after.dispatches - before.dispatches, submits: after.submits - before.submits, values: out };
}

describe.runIf(backend)('elementwise fusion', () => {
  const gpu = (): WebGPUBackend => backend!;

  it('relu(x @ w + b) is the matmul plus one dispatch', async () => {
    const r = await both([{ shape: [6, 5], seed: 1 }, { shape: [5, 7], seed: 2 }, { shape: [7], seed: 3 }], (x, w, b) => x.matmul(w).add(b).relu());
    expectClose(r.got, r.want);
    expect(r.dispatches).toBe(2);
  });

  it('a shared subexpression is computed once per element, in one kernel', async () => {
    const r = await both([{ shape: [33], seed: 4 }], (x) => {
      const y = x.mul(2).sub(1);
      return y.exp().add(y).mul(y);
    });
    expectClose(r.got, r.want);
    expect(r.dispatches).toBe(1);
  });

  it('broadcasts compose through inlined ops: repeat, strided and scalar operands', async () => {
    const r = await both([{ shape: [3, 1], seed: 5 }, { shape: [4], seed: 6 }, { shape: [2, 3, 4], seed: 7 }, { shape: [2, 1, 1], seed: 8 }], (a, b, c, d) =>
      a.add(b).mul(c).sub(d.mul(a)).maximum(0.5).add(b.sigmoid()),
    );
    expectClose(r.got, r.want);
    expect(r.dispatches).toBe(1);
  });

  it('bool and int32 chains: comparisons, logical ops, where and casts', async () => {
    const ints = await both([{ shape: [4, 5], seed: 9, dtype: 'int32' }, { shape: [5], seed: 10, dtype: 'int32' }], (a, b) =>
      where(a.gt(b).logicalAnd(a.lt(3)).logicalOr(b.eq(0).logicalNot()), a.mul(b).sub(2), a.neg().abs()).cast('float32').mul(0.5),
    );
    expectClose(ints.got, ints.want);
    expect(ints.dispatches).toBe(1);
    const bools = await both([{ shape: [17], seed: 11, dtype: 'bool' }, { shape: [17], seed: 12 }], (m, x) => m.logicalNot().cast('int32').add(x.cast('int32')).cast('bool'));
    expectClose(bools.got, bools.want);
  });

  it('an input freed before the chain is computed stays intact (not handed out again meanwhile)', async () => {
    const be = gpu();
    const x = fromValues([1, 2, 3, 4], [4], 'float32', be);
    const y = x.mul(10).add(1);
    x.dispose();
    const others = Array.from({ length: 8 }, (_, i) => fromValues([i, i, i, i], [4], 'float32', be));
    expect(Array.from(await y.data())).toEqual([11, 21, 31, 41]);
    y.dispose();
    for (const o of others) o.dispose();
  });

  it('a pending value read twice is computed once', async () => {
    const be = gpu();
    const x = fromValues([1, -2, 3], [3], 'float32', be);
    const before = be.stats();
    const y = x.neg().exp();
    const [a, b] = await Promise.all([y.data(), y.data()]);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(await y.data())).toEqual(Array.from(a));
    expect(be.stats().fusedKernels - before.fusedKernels).toBe(1);
    x.dispose();
    y.dispose();
  });

  it('a pending value freed unread is never computed', async () => {
    const be = gpu();
    const x = fromValues([1, 2], [2], 'float32', be);
    await be.flush();
    const before = be.stats();
    const a = x.add(1);
    const b = a.mul(3);
    a.dispose();
    b.dispose();
    await be.flush();
    expect(be.stats().dispatches - before.dispatches).toBe(0);
    expect(be.stats().fusedDropped - before.fusedDropped).toBe(2);
    x.dispose();
  });

  it('a deep chain is split at the depth limit and stays exact', async () => {
    const be = gpu();
    let x = fromValues([0, 1, 2], [3], 'float32', be);
    const before = be.stats();
    for (let i = 0; i < 200; i++) {
      const next = x.add(1);
      x.dispose();
      x = next;
    }
    expect(Array.from(await x.data())).toEqual([200, 201, 202]);
    const kernels = be.stats().fusedKernels - before.fusedKernels;
    expect(kernels).toBeGreaterThan(1);
    expect(kernels).toBeLessThan(20);
    x.dispose();
  });

  it('many distinct inputs are split to fit the storage-buffer limit', async () => {
    const inputs = Array.from({ length: 20 }, (_, i) => ({ shape: [5], seed: 20 + i }));
    const r = await both(inputs, (...xs) => xs.reduce((acc, x, i) => (i % 2 ? acc.add(x) : acc.mul(x.tanh()))));
    expectClose(r.got, r.want);
    expect(r.dispatches).toBeGreaterThan(1);
    expect(r.dispatches).toBeLessThan(6);
  });

  it('a live intermediate is written by the kernel that computes its consumer', async () => {
    const be = gpu();
    const x = fromValues([1, 2, 3], [3], 'float32', be);
    const before = be.stats().dispatches;
    const m = x.mul(2);
    const p = m.add(1).sqrt();
    expect(Array.from(await p.data())).toEqual([3, 5, 7].map(Math.sqrt).map(Math.fround));
    expect(Array.from(await m.data())).toEqual([2, 4, 6]);
    expect(be.stats().dispatches - before).toBe(1);
    for (const t of [x, m, p]) t.dispose();
  });

  it.each([
    ['adam', () => optim.adam({ lr: 0.01 }), 4],
    ['momentum', () => optim.momentum({ lr: 0.1, momentum: 0.9 }), 4],
    ['adam, clipNorm and weight decay', () => optim.adam({ lr: 0.01, clipNorm: 1, weightDecay: 0.01 }), 16],
  ] as const)('an optimiser step (%s) takes far fewer kernels than unfused, same values', async (_name, make, most) => {
    const fused = await optimiserStep(gpu(), make);
    const plain = await optimiserStep(unfused!, make);
    expect(fused.dispatches).toBeLessThanOrEqual(most);
    expect(plain.dispatches).toBeGreaterThan(3 * fused.dispatches);
    expect(fused.submits).toBe(1);
    fused.values.forEach((v, i) => expectClose(v, plain.values[i]!));
  });

  it('reshape shares its input\'s buffer: no dispatch of its own, even after the input is freed', async () => {
    const r = await both([{ shape: [4, 6], seed: 60 }, { shape: [3, 8], seed: 61 }], (x, w) => x.mul(2).reshape([8, 3]).matmul(w.reshape([3, 8])).reshape([2, 32]).add(1));
    expectClose(r.got, r.want);
    expect(r.dispatches).toBe(3); // x*2, the matmul, +1
    const be = gpu();
    const x = fromValues([1, 2, 3, 4, 5, 6], [2, 3], 'float32', be);
    const y = x.reshape([3, 2]).reshape([6]);
    x.dispose();
    const others = Array.from({ length: 8 }, () => fromValues([9, 9, 9, 9, 9, 9], [6], 'float32', be));
    expect(Array.from(await y.data())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(await y.add(others[0]!).data())).toEqual([10, 11, 12, 13, 14, 15]);
    y.dispose();
    for (const o of others) o.dispose();
  });

  it('broadcastTo fuses into its consumer', async () => {
    const r = await both([{ shape: [3, 1], seed: 62 }, { shape: [2, 3, 4], seed: 63 }], (a, b) => a.broadcastTo([2, 3, 4]).mul(b).exp());
    expectClose(r.got, r.want);
    expect(r.dispatches).toBe(1);
  });

  it('an op needing more than 8 axes fails at the op, with the unfused kernels\' message', () => {
    const be = gpu();
    const a = fromValues(new Array(512).fill(1), [2, 2, 2, 2, 2, 2, 2, 2, 2], 'float32', be);
    const b = fromValues(new Array(32).fill(1), [2, 1, 2, 1, 2, 1, 2, 1, 2], 'float32', be);
    expect(() => a.add(b)).toThrow('add: the webgpu kernels index at most 8 axes after merging contiguous ones, this needs 9');
    a.dispose();
    b.dispose();
  });

  it('every generated shader compiled without errors', async () => {
    expect(await gpu().fusedShaderErrors()).toEqual([]);
  });
});

if (!backend) {
  describe('elementwise fusion', () => it.skip(`not run: ${reason}`, () => {}));
}
