// The suite has teeth: its comparison catches NaN, infinity-sign, signed-zero and tolerance
// differences, and the case table catches deliberately broken kernels ("mutants") of each kind.
import { describe, expect, it } from 'vitest';
import { createJsBackend, type Backend, type Kernel, type Kernels, type OpName, type TypedArray } from '@webgrad/tensor';
import { casesOf } from './cases.js';
import { compareValues, createOracle, stillDiffers } from './harness.js';
import { f32, materialise } from './spec.js';

const float = { dtype: 'float32', shape: [4], tol: { rtol: 1e-5, atol: 1e-6 }, signedZero: false } as const;

describe('compareValues', () => {
  it('accepts values within atol + rtol * |expected|', () => {
    expect(compareValues([1, 100, 0, -3], [1 + 9e-6, 100.0009, 9e-7, -3.00003], float)).toEqual([]);
  });

  it('rejects a value just outside the tolerance and says where', () => {
    expect(compareValues([1, 2, 3, 4], [1, 2, 3.0001, 4], float)).toEqual(['at [2]: expected 3, got 3.0001']);
  });

  it('matches NaN positions exactly', () => {
    expect(compareValues([NaN, 1, 2, 3], [NaN, 1, 2, 3], float)).toEqual([]);
    expect(compareValues([NaN, 1, 2, 3], [0, NaN, 2, 3], float)).toHaveLength(2);
  });

  it('matches the sign of infinities exactly, and no finite value matches one', () => {
    expect(compareValues([Infinity, -Infinity, 1, 1], [Infinity, Infinity, 1, 1], float)).toEqual(['at [1]: expected -Infinity, got Infinity']);
    expect(compareValues([Infinity, 0, 0, 0], [3.4e38, 0, 0, 0], float)).toHaveLength(1);
  });

  it('rounds the oracle to float32 first, so an overflow to Infinity matches', () => {
    expect(compareValues([1e39, -1e39, 1e-50, 0.1], [Infinity, -Infinity, 0, Math.fround(0.1)], { ...float, tol: { rtol: 0, atol: 0 } })).toEqual([]);
  });

  it('checks the sign of zero only where asked', () => {
    expect(compareValues([-0, 0, 1, 1], [0, -0, 1, 1], float)).toEqual([]);
    expect(compareValues([-0, 0, 1, 1], [0, -0, 1, 1], { ...float, signedZero: true })).toEqual(['at [0]: expected -0, got 0', 'at [1]: expected 0, got -0']);
  });

  it('compares int32 exactly and names multi-axis positions', () => {
    expect(compareValues([1, 2, 3, 4], [1, 2, 3, 5], { ...float, dtype: 'int32', shape: [2, 2] })).toEqual(['at [1,1]: expected 4, got 5']);
  });

  it('reports the first few differences and counts the rest', () => {
    const problems = compareValues(new Array(20).fill(0), new Array(20).fill(1), { ...float, shape: [20] });
    expect(problems).toHaveLength(7);
    expect(problems[6]).toBe('... 14 more of 20 elements differ');
  });
});

describe('materialise', () => {
  it('is deterministic per seed, rounds floats to float32 and checks lengths and dtypes', () => {
    const spec = f32([5]);
    expect(materialise(spec, 'a')).toEqual(materialise(spec, 'a'));
    expect(materialise(spec, 'a')).not.toEqual(materialise(spec, 'b'));
    expect(materialise(f32([1], [0.1]), 's')).toEqual([Math.fround(0.1)]);
    expect(() => materialise(f32([2, 2], [1, 2, 3]), 's')).toThrow(/3 values do not fill shape \[2,2\]/);
    expect(() => materialise({ shape: [1], dtype: 'int32', values: [0.5] }, 's')).toThrow(/0.5 is not a int32 value/);
    expect(() => materialise({ shape: [1], dtype: 'bool', values: [2] }, 's')).toThrow(/2 is not a bool value/);
  });
});

type Mutant = { [K in OpName]?: Kernel<K, TypedArray> };

/** A reference backend with some kernels replaced by broken ones. */
function mutant(replace: (js: Kernels<TypedArray>) => Mutant): Backend {
  const base = createJsBackend({ name: 'mutant' });
  return { ...base, kernels: { ...base.kernels, ...replace(base.kernels) } };
}

/** Map each output element through `f` after the real kernel ran. */
function after<K extends OpName>(kernel: Kernel<K, TypedArray>, f: (v: number, i: number) => number): Kernel<K, TypedArray> {
  return (args) => {
    kernel(args);
    args.out.storage.forEach((v, i) => (args.out.storage[i] = f(v, i)));
  };
}

const oracle = createOracle();

describe('the case table catches broken kernels', () => {
  const mutants: [string, OpName, Mutant | ((js: Kernels<TypedArray>) => Mutant)][] = [
    ['exp off by one part in 1000', 'exp', (js) => ({ exp: after(js.exp, (v) => v * 1.001) })],
    ['relu that maps NaN to 0', 'relu', (js) => ({ relu: after(js.relu, (v) => (Number.isNaN(v) ? 0 : v)) })],
    ['neg as 0 - x, which loses -0', 'neg', { neg: ({ inputs: [x], out }) => x!.storage.forEach((v, i) => (out.storage[i] = 0 - v)) }],
    ['reciprocal with the wrong infinity for -0', 'reciprocal', (js) => ({ reciprocal: after(js.reciprocal, (v) => (v === -Infinity ? Infinity : v)) })],
    ['round half away from zero', 'round', { round: ({ inputs: [x], out }) => x!.storage.forEach((v, i) => (out.storage[i] = Math.sign(v) * Math.round(Math.abs(v)))) }],
    ['a kernel that drops the tail past 64 elements', 'add', (js) => ({ add: after(js.add, (v, i) => (i >= 64 ? 0 : v)) })],
    ['sum that skips the last element of a long axis', 'sum', (js) => ({ sum: (args) => {
      const x = args.inputs[0]!;
      const shape = x.shape.length === 1 && x.shape[0]! > 64 ? [x.shape[0]! - 1] : x.shape;
      js.sum({ ...args, inputs: [{ ...x, shape, storage: x.storage.subarray(0, shape.reduce((p, q) => p * q, 1)) }] });
    } })],
    ['matmul that ignores transposeB', 'matmul', (js) => ({ matmul: (args) => js.matmul({ ...args, attrs: { ...args.attrs, transposeB: false } }) })],
    ['argmax that takes the last of tied maxima', 'argmax', (js) => ({ argmax: (args) => {
      js.argmax(args);
      const x = args.inputs[0]!.storage;
      if (args.inputs[0]!.shape.length === 2 && args.attrs.axis === 1) {
        const w = args.inputs[0]!.shape[1]!;
        args.out.storage.forEach((best, row) => {
          for (let j = w - 1; j > best; j--) if (x[row * w + j] === x[row * w + best]) return void (args.out.storage[row] = j);
        });
      }
    } })],
    ['avgPool2d that takes countIncludePad the wrong way round', 'avgPool2d', (js) => ({ avgPool2d: (args) => {
      js.avgPool2d({ ...args, attrs: { ...args.attrs, countIncludePad: !args.attrs.countIncludePad } });
    } })],
    ['a kernel that scribbles on its input', 'transpose', (js) => ({ transpose: (args) => {
      js.transpose(args);
      if (args.inputs[0]!.storage.length > 0) args.inputs[0]!.storage[0] = 42;
    } })],
    ['cast to int32 that rounds instead of truncating', 'cast', (js) => ({ cast: (args) => {
      js.cast(args);
      if (args.out.dtype === 'int32' && args.inputs[0]!.dtype === 'float32') args.inputs[0]!.storage.forEach((v, i) => { if (Number.isFinite(v) && Math.abs(v) < 2e9) args.out.storage[i] = Math.round(v); });
    } })],
  ];

  it.each(mutants)('%s', async (_name, op, replace) => {
    const backend = mutant(typeof replace === 'function' ? replace : () => replace);
    expect(await stillDiffers(op, casesOf(op), backend, oracle)).toBe(true);
  });

  it('passes the unbroken reference kernels, so the failures above are the mutations', async () => {
    const backend = mutant(() => ({}));
    for (const [, op] of mutants) expect(await stillDiffers(op, casesOf(op), backend, oracle)).toBe(false);
  });
});
