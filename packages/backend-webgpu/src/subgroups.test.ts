// Reductions with and without subgroups on Node's Dawn (SwiftShader offers `subgroups`, with
// subgroups of 4): the feature gate, and long reductions (the workgroup path, where subgroup
// builtins are used) against the reference, NaN, infinities, ties and int32 included.
import type { OpName } from '@webgrad/tensor';
import { describe, expect, it } from 'vitest';
import { testGpu } from './testing/gpu.js';
import { compareOp, mismatch, rng, type Input } from '@webgrad/tensor/testing';

const { backend, reason } = await testGpu();
const withoutSubgroups = (await testGpu('auto', true, false)).backend;

/** `n` values with NaN, ±Infinity and repeated extremes sprinkled in at fixed places. */
function edgy(n: number, seed: number): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => (i % 97 === 13 ? NaN : i % 89 === 7 ? Infinity : i % 83 === 5 ? -Infinity : i % 50 === 3 ? 9 : Math.round((r() - 0.5) * 16)));
}

const long: [string, Input[], number][] = [
  ['[3,1000] float32', [{ shape: [3, 1000] }], 1e-4],
  ['[2,700] float32 with ties', [{ shape: [2, 700], values: Array.from({ length: 1400 }, (_, i) => (i * 37) % 11) }], 1e-5],
  ['[2,300] int32', [{ shape: [2, 300], dtype: 'int32' }], 0],
  ['[2,500] all -Infinity', [{ shape: [2, 500], values: new Array(1000).fill(-Infinity) }], 0],
];
const edges: [string, Input[], number][] = [['[2,1000] NaN, ±Infinity, ties', [{ shape: [2, 1000], values: edgy(2000, 3) }], 0]];
const FOLDS = ['sum', 'max', 'min'] as const;
const ARGS = ['argmax', 'argmin'] as const;

describe.runIf(backend)('subgroup reductions', () => {
  it('the feature gate: subgroups where the device has the feature, unless turned off', () => {
    expect(backend!.subgroups).toBe(backend!.device.features.has('subgroups'));
    expect(withoutSubgroups!.subgroups).toBe(false);
  });

  const paths = [['subgroups', backend], ['workgroup tree only', withoutSubgroups]] as const;
  describe.each(paths)('%s', (_path, be) => {
    const check = async (op: OpName, inputs: Input[], attrs: object, tol: number): Promise<void> => {
      const { got, want } = await compareOp(be!, op, inputs, attrs as never);
      const i = mismatch(got, want, tol, tol);
      expect(i, `first difference at ${i}: webgpu ${got[i]}, reference ${want[i]}`).toBe(-1);
    };
    it.each(FOLDS.flatMap((op) => [...long, ...edges].map(([name, inputs, tol]) => [op, name, inputs, tol] as const)))('%s %s', (op, _name, inputs, tol) =>
      check(op, inputs, { axes: [1], keepdims: false }, tol));
    it.each(ARGS.flatMap((op) => [...long, ...edges].map(([name, inputs]) => [op, name, inputs] as const)))('%s %s', (op, _name, inputs) =>
      check(op, inputs, { axis: 1, keepdims: false }, 0));
    it('prod [2,400] of values near 1', () =>
      check('prod', [{ shape: [2, 400], values: Array.from({ length: 800 }, (_, i) => 1 + ((i % 7) - 3) / 400) }], { axes: [1], keepdims: false }, 1e-5));
  });
});

if (!backend) {
  describe('subgroup reductions', () => it.skip(`not run: ${reason}`, () => {}));
}
