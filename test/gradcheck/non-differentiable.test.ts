// The ops the gradient table marks 'not-differentiable': each is either piecewise constant on
// floats (its true derivative is 0 almost everywhere, checked here by central differences) or
// has a bool/int32 result that the tape never records.
import { describe, expect, it } from 'vitest';
import { fromValues, opNames, runOp, scope, type OpName, type Tensor } from '@webgrad/tensor';
import { grad, gradRules, variable } from '@webgrad/autograd';
import { checkGradients, Gen, useFloat64Backend } from './harness.js';

useFloat64Backend();

/** Float inputs between the op's jumps: integers +- [0.1, 0.4] (round jumps at k + 0.5), or away from 0 for sign. */
const piecewiseConstant: Partial<Record<OpName, (g: Gen) => Tensor>> = {
  sign: (g) => g.awayFromZero([3, 4]),
  floor: (g) => offInteger(g),
  ceil: (g) => offInteger(g),
  round: (g) => offInteger(g),
};

function offInteger(g: Gen): Tensor {
  const k = Array.from(g.indices([3, 4], 7).dataSync(), (v) => v - 3);
  const off = Array.from(g.awayFromZero([3, 4], 0.1, 0.4).dataSync());
  return fromValues(k.map((v, i) => v + off[i]!), [3, 4], 'float32');
}

/** Ops whose results are bool or int32: nothing to differentiate. */
const discreteResults: readonly OpName[] = ['logicalNot', 'logicalAnd', 'logicalOr', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'argmax', 'argmin'];

const marked = opNames.filter((op) => gradRules[op] === 'not-differentiable');

describe('ops marked not-differentiable', () => {
  it('are each classified here: piecewise constant or with a discrete result', () => {
    const unclassified = marked.filter((op) => !piecewiseConstant[op] && !discreteResults.includes(op));
    expect(unclassified, 'classify each new non-differentiable op in test/gradcheck/non-differentiable.test.ts').toEqual([]);
    expect([...Object.keys(piecewiseConstant), ...discreteResults].filter((op) => !marked.includes(op as OpName))).toEqual([]);
  });

  it.each(Object.keys(piecewiseConstant) as OpName[])('%s has a zero gradient, as central differences agree', (op) => {
    scope(() => {
      const x = piecewiseConstant[op]!(new Gen(5));
      const [report] = checkGradients((v) => runOp(op, [v], {}), [x], { expectSignal: false });
      expect(report!.worst.analytic).toBe(0);
    });
  });

  it.each(discreteResults)('%s leaves nothing on the tape', (op) => {
    scope(() => {
      const x = variable(new Gen(9).float([2, 3]));
      const b = x.gt(0);
      const inputs: Record<string, Tensor[]> = { logicalNot: [b], logicalAnd: [b, b], logicalOr: [b, b], argmax: [x], argmin: [x] };
      const attrs = op === 'argmax' || op === 'argmin' ? { axis: 1, keepdims: false } : {};
      const out = runOp(op, inputs[op] ?? [x, x], attrs as never);
      expect(out.dtype).not.toBe('float32');
      expect(out.requiresGrad).toBe(false);
    });
  });

  it('a function of x through them alone has a zero gradient', () => {
    scope(() => {
      const g = grad((v: Tensor) => v.gt(0).cast('float32').add(v.argmax().cast('float32')).sum())(new Gen(3).float([4]));
      expect(Array.from(g.dataSync())).toEqual([0, 0, 0, 0]);
    });
  });
});
