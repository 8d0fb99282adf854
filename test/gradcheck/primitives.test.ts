// Central differences in float64 against autograd for every differentiable primitive in the op
// table. An op that gains a grad rule but no case here fails the coverage test.
import { describe, expect, it } from 'vitest';
import { backend, opNames, scope, type OpName } from '@webgrad/tensor';
import { grad, gradRules } from '@webgrad/autograd';
import type { OpCase } from './case-table.js';
import { cases, knownGaps, opFunction, rowsOf } from './cases.js';
import { checkGradients, Gen, seedOf, useFloat64Backend, weightedLoss } from './harness.js';

useFloat64Backend();

const differentiable = opNames.filter((op) => gradRules[op] !== 'not-differentiable');
const checked = differentiable.filter((op) => cases[op]);

describe('the gradient-check table', () => {
  it('has a case or a known gap for every differentiable op in the op table', () => {
    const missing = differentiable.filter((op) => !cases[op]?.length && !knownGaps[op]);
    expect(missing, 'differentiable ops with no gradient check: add cases in test/gradcheck/cases-*.ts').toEqual([]);
  });

  it('lists only differentiable ops, and no op both as checked and as a gap', () => {
    const listed = [...Object.keys(cases), ...Object.keys(knownGaps)] as OpName[];
    expect(listed.filter((op) => !differentiable.includes(op))).toEqual([]);
    expect(Object.keys(knownGaps).filter((op) => op in cases)).toEqual([]);
  });

  it('runs on the float64 reference backend', () => {
    expect(backend().name).toBe('js64');
    expect(backend().float64).toBe(true);
  });
});

describe.each(checked)('%s', (op) => {
  it.each(rowsOf(op))('%s', (name, c: OpCase<OpName>) => {
    scope(() => {
      const inputs = c.inputs(new Gen(seedOf(`${op}/${name}`)));
      const reports = checkGradients(opFunction(op, c.attrs), inputs, { wrt: c.wrt });
      expect(reports.length).toBeGreaterThan(0);
    });
  });
});

describe.each(Object.keys(knownGaps) as OpName[])('known gap: %s', (op) => {
  const gap = knownGaps[op]!;

  it(`gives a reason (${gap.reason.slice(0, 40)}...)`, () => {
    expect(gap.reason.length).toBeGreaterThan(20);
    expect(gradRules[op]).not.toBe('not-differentiable');
  });

  it('runs forward, and taking its gradient throws a clear error', () => {
    const c = gap.example as OpCase<OpName>;
    scope(() => {
      const inputs = c.inputs(new Gen(seedOf(`${op}/${c.name}`)));
      const f = opFunction(op, c.attrs);
      const loss = weightedLoss(f, inputs, 7);
      // If this stops throwing, the gap is closed: move the example into the case table.
      expect(() => grad(loss, [0, 1])(...inputs)).toThrow(gap.error);
    });
  });
});
