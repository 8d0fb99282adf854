// Gradients of gradients: for every primitive case, central differences of autograd's gradient
// against autograd's gradient of that gradient. This checks that each rule is itself built from
// differentiable ops with correct rules (conv's rules are convs, slice's is sliceGrad, ...).
import { describe, expect, it } from 'vitest';
import { concat, opNames, scope, type OpName, type Tensor } from '@webgrad/tensor';
import { grad, gradRules } from '@webgrad/autograd';
import type { OpCase } from './case-table.js';
import { cases, opFunction, rowsOf } from './cases.js';
import { checkGradients, floatInputs, Gen, seedOf, useFloat64Backend, weightedLoss } from './harness.js';

useFloat64Backend();

/** Ops whose first derivative is checked but whose second is not implemented, and why (none today). */
const secondOrderGaps: { readonly [K in OpName]?: { reason: string; error: RegExp } } = {};

/** The gradient of sum(f(xs) * R) with respect to `wrt`, flattened into one vector. */
function gradientVector(f: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], wrt: readonly number[]): (...xs: Tensor[]) => Tensor {
  const loss = weightedLoss(f, inputs, 11);
  return (...xs) => concat(grad(loss, [...wrt])(...xs).map((g) => g.reshape([g.size])), 0);
}

const differentiable = opNames.filter((op) => gradRules[op] !== 'not-differentiable' && cases[op]);

describe.each(differentiable.filter((op) => !secondOrderGaps[op]))('%s', (op) => {
  it.each(rowsOf(op))('%s', (name, c: OpCase<OpName>) => {
    scope(() => {
      const inputs = c.inputs(new Gen(seedOf(`${op}/${name}`)));
      const wrt = c.wrt ?? floatInputs(inputs);
      // Linear ops have a zero second derivative: checking that it is zero is the point there.
      const reports = checkGradients(gradientVector(opFunction(op, c.attrs), inputs, wrt), inputs, { wrt, expectSignal: false, seed: 13 });
      expect(reports.length).toBe(wrt.length);
    });
  });
});

describe.each(Object.keys(secondOrderGaps) as OpName[])('second-order gap: %s', (op) => {
  it('throws a clear error rather than a wrong value', () => {
    const gap = secondOrderGaps[op]!;
    expect(gap.reason.length).toBeGreaterThan(20);
    const [name, c] = rowsOf(op)[0]!;
    scope(() => {
      const inputs = c.inputs(new Gen(seedOf(`${op}/${name}`)));
      const g = gradientVector(opFunction(op, c.attrs), inputs, floatInputs(inputs));
      expect(() => grad((...xs: Tensor[]) => g(...xs).sum(), 0)(...inputs)).toThrow(gap.error);
    });
  });
});

describe('second derivatives that are not zero', () => {
  // A guard on the check above: for these ops the second derivative is clearly non-zero, so a
  // rule that silently cut the tape (returning constants) would show here as a mismatch.
  it.each<OpName>(['mul', 'div', 'exp', 'sigmoid', 'matmul', 'conv2d', 'prod', 'pow', 'dense', 'softmax', 'logSoftmax'])('%s', (op) => {
    const [name, c] = rowsOf(op)[0]!;
    scope(() => {
      const inputs = c.inputs(new Gen(seedOf(`${op}/${name}`)));
      const wrt = floatInputs(inputs);
      const reports = checkGradients(gradientVector(opFunction(op, c.attrs), inputs, wrt), inputs, { wrt, seed: 13 });
      expect(reports.length).toBe(wrt.length);
    });
  });
});
