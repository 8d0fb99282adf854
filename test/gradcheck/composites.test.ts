// Central differences for the composite ops (softmax, gelu, variance, ...): they have no rules
// of their own, so this checks that differentiating through their primitives is right,
// including the detached max-shift inside softmax and logSumExp.
import { describe, expect, it } from 'vitest';
import {
  clip, concat, elu, fromValues, gelu, leakyRelu, logSoftmax, logSumExp, matmul, mean, scope, softmax, softplus, split,
  square, stack, variance, type Tensor,
} from '@webgrad/tensor';
import { grad } from '@webgrad/autograd';
import { checkGradients, Gen, seedOf, useFloat64Backend } from './harness.js';

useFloat64Backend();

interface CompositeCase {
  name: string;
  f: (...xs: Tensor[]) => Tensor;
  inputs: (g: Gen) => Tensor[];
}

const S = [3, 5];

/** Each composite with inputs on its smooth domain (away from the kinks of elu, clip, ...). */
const cases: CompositeCase[] = [
  { name: 'softmax, last axis', f: (x) => softmax(x), inputs: (g) => [g.float(S, -2, 2)] },
  { name: 'softmax, axis 0 of rank 3', f: (x) => softmax(x, 0), inputs: (g) => [g.float([3, 2, 4], -2, 2)] },
  { name: 'softmax of large logits (shift matters)', f: (x) => softmax(x), inputs: (g) => [g.float(S, 40, 44)] },
  { name: 'logSoftmax, last axis', f: (x) => logSoftmax(x), inputs: (g) => [g.float(S, -2, 2)] },
  { name: 'logSoftmax, axis 1 of rank 3', f: (x) => logSoftmax(x, 1), inputs: (g) => [g.float([2, 4, 3], -2, 2)] },
  { name: 'logSumExp, axis 1', f: (x) => logSumExp(x, 1), inputs: (g) => [g.float(S, -2, 2)] },
  { name: 'logSumExp, all axes, keepdims', f: (x) => logSumExp(x, undefined, true), inputs: (g) => [g.float(S, -2, 2)] },
  { name: 'mean, axes [0,2]', f: (x) => mean(x, [0, 2]), inputs: (g) => [g.float([2, 3, 4])] },
  { name: 'mean, all', f: (x) => mean(x), inputs: (g) => [g.float(S)] },
  { name: 'variance, axis 1, population', f: (x) => variance(x, 1), inputs: (g) => [g.float(S)] },
  { name: 'variance, axis 0, Bessel correction, keepdims', f: (x) => variance(x, 0, true, 1), inputs: (g) => [g.float(S)] },
  { name: 'gelu (exact)', f: (x) => gelu(x), inputs: (g) => [g.float(S, -3, 3)] },
  { name: 'gelu, tanh approximation', f: (x) => gelu(x, { approximate: 'tanh' }), inputs: (g) => [g.float(S, -3, 3)] },
  { name: 'elu, alpha 1.5 (both branches, away from 0)', f: (x) => elu(x, 1.5), inputs: (g) => [g.awayFromZero(S, 0.1, 2)] },
  { name: 'leakyRelu, alpha 0.1', f: (x) => leakyRelu(x, 0.1), inputs: (g) => [g.awayFromZero(S, 0.1, 2)] },
  { name: 'softplus', f: (x) => softplus(x), inputs: (g) => [g.awayFromZero(S, 0.1, 4)] },
  { name: 'square', f: (x) => square(x), inputs: (g) => [g.float(S)] },
  // Inputs on both sides of [lo, hi] and inside it, none within 0.05 of either bound.
  {
    name: 'clip to [-0.5, 0.5]',
    f: (x) => clip(x, -0.5, 0.5),
    inputs: () => [fromValues([-1.2, -0.7, -0.4, -0.1, 0.05, 0.3, 0.45, 0.6, 0.9, 1.5], [2, 5], 'float32')],
  },
  { name: 'matmul of two vectors (a dot product)', f: (a, b) => matmul(a, b), inputs: (g) => [g.float([4]), g.float([4])] },
  { name: 'matmul of a vector and a batch of matrices', f: (a, b) => matmul(a, b), inputs: (g) => [g.float([3]), g.float([2, 3, 4])] },
  { name: 'stack on a new middle axis', f: (a, b) => stack([a, b], 1), inputs: (g) => [g.float(S), g.float(S)] },
  { name: 'split into unequal parts, re-joined with weights', f: (x) => concat(split(x, [1, 4], 1).map((p, i) => p.mul(i + 2)), 1), inputs: (g) => [g.float(S)] },
  {
    name: 'a two-layer network with cross-entropy',
    f: (x, w1, w2) => {
      const logits = matmul(matmul(x, w1).tanh(), w2);
      const targets = fromValues([1, 0, 0, 0, 0, 1, 0, 1, 0], [3, 3], 'float32');
      return logSoftmax(logits).mul(targets).sum(1).neg().mean();
    },
    inputs: (g) => [g.float([3, 4]), g.float([4, 5]), g.float([5, 3])],
  },
];

describe('composites', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    scope(() => {
      const inputs = c.inputs(new Gen(seedOf(`composite/${name}`)));
      const reports = checkGradients(c.f, inputs);
      expect(reports.length).toBe(inputs.length);
    });
  });

  it('softmax rows sum to one, so the gradient of sum(softmax(x)) is zero', () => {
    scope(() => {
      const x = new Gen(1).float(S, -2, 2);
      const g = grad((y: Tensor) => softmax(y).sum())(x);
      for (const v of g.dataSync()) expect(Math.abs(v)).toBeLessThan(1e-15);
    });
  });
});
