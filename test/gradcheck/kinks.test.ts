// Derivatives exactly at kinks, ties and special values, against PyTorch 1.13's (CPU): where a
// smooth function is built from kinked pieces, the pieces must not split or drop the slope there.
import { describe, expect, it } from 'vitest';
import { clip, elu, fromValues, leakyRelu, logSoftmax, logSumExp, maxPool2d, prod, scope, softmax, softplus, type Tensor } from '@webgrad/tensor';
import { grad } from '@webgrad/autograd';
import { useFloat64Backend } from './harness.js';

useFloat64Backend();

const vec = (values: readonly number[], shape = [values.length]): Tensor => fromValues(values, shape, 'float32');
const read = (t: Tensor): number[] => Array.from(t.dataSync());

/** The gradient of sum(f(x)) at `at`. */
function slope(f: (x: Tensor) => Tensor, at: readonly number[], shape?: number[]): number[] {
  return scope(() => read(grad((x: Tensor) => f(x).sum())(vec(at, shape))));
}

/** Close to torch's float32 values (exact where they are exact). */
function expectTorch(got: readonly number[], want: readonly number[]): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => {
    if (!Number.isFinite(want[i]!)) expect(g, `entry ${i}`).toBe(want[i]);
    else expect(Math.abs(g - want[i]!), `entry ${i}: got ${g}, want ${want[i]}`).toBeLessThan(1e-6);
  });
}

describe('activations at their kinks (torch.nn.functional)', () => {
  it.each<[string, (x: Tensor) => Tensor, number[], number[]]>([
    ['softplus at 0, ±1e4, ±Inf', (x) => softplus(x), [0, 1e4, -1e4, Infinity, -Infinity], [0.5, 1, 0, 1, 0]],
    ['elu at 0 has slope alpha', (x) => elu(x), [0, -1e4, 1e4], [1, 0, 1]],
    ['elu, alpha 2, at 0', (x) => elu(x, 2), [0, -1e4, 1e4], [2, 0, 1]],
    ['leakyRelu, alpha 0.2, at 0', (x) => leakyRelu(x, 0.2), [0, -1, 1], [0.2, 0.2, 1]],
    ['clip has slope 1 on its bounds (torch.clamp)', (x) => clip(x, -0.5, 0.5), [-0.5, 0.5, -1, 1, 0], [1, 1, 0, 0, 1]],
    ['clip to one point', (x) => clip(x, 2, 2), [1, 2, 3], [0, 1, 0]],
    ['clip passes dy at NaN (torch: 0)', (x) => clip(x, -1, 1), [NaN], [1]],
    ['relu passes dy at NaN (torch: 1)', (x) => x.relu(), [NaN, 0, -1, 2], [1, 0, 0, 1]],
    ['abs has slope sign(NaN) = NaN at NaN (torch: 0)', (x) => x.abs(), [NaN, 0, -2], [NaN, 0, -1]],
  ])('%s', (_name, f, at, want) => {
    expectTorch(slope(f, at), want);
  });

  it("softplus''(0) is sigmoid'(0) = 0.25", () => {
    scope(() => expectTorch(read(grad((x: Tensor) => grad((y: Tensor) => softplus(y).sum())(x).sum())(vec([0]))), [0.25]));
  });
});

describe('ties of a max do not change smooth functions', () => {
  const w = (): Tensor => vec([1, 2, 3]);
  it.each<[string, (x: Tensor) => Tensor, number[], number[]]>([
    ['logSumExp of equal values', (x) => logSumExp(x, 0), [2, 2, 2], [1 / 3, 1 / 3, 1 / 3]],
    ['logSoftmax with a tied maximum', (x) => logSoftmax(x, 0).mul(w()), [1, 1, 0], [-1.5339128971099854, -0.5339128971099854, 2.0678255558013916]],
    ['softmax with a tied maximum', (x) => softmax(x, 0).mul(w()), [1, 1, 0], [-0.3095781207084656, 0.11274068057537079, 0.1968373954296112]],
  ])('%s', (_name, f, at, want) => {
    expectTorch(slope(f, at), want);
  });
});

describe('prod at exact zeros (torch.prod)', () => {
  it('gives the product of the others: at a lone zero, 0 elsewhere, 0 with two zeros', () => {
    expectTorch(slope((x) => prod(x, 1), [2, 0, 3, 0, 0, 5, 1, 2, 3], [3, 3]), [0, 6, 0, 0, 0, 0, 6, 3, 2]);
    expectTorch(slope((x) => prod(x, 0), [2, 0, 0, 0, 4, 3], [3, 2]), [0, 0, 8, 0, 0, 0]);
  });
});

describe('pow at IEEE 754 special points', () => {
  it('1^±Inf, 1^NaN, (-1)^±Inf, NaN^0 and 0^0 are 1, with torch base gradients and finite exponent gradients', () => {
    const a = [1, 1, 1, -1, -1, NaN, 0];
    const b = [Infinity, -Infinity, NaN, Infinity, -Infinity, 0, 0];
    scope(() => {
      const [x, y] = [vec(a), vec(b)];
      expect(read(x.pow(y))).toEqual([1, 1, 1, 1, 1, 1, 1]);
      const [da, db] = grad((p: Tensor, q: Tensor) => p.pow(q).sum(), [0, 1])(x, y);
      expect(read(da!)).toEqual([Infinity, -Infinity, NaN, Infinity, -Infinity, 0, 0]);
      // torch: [0, 0, 0, NaN, NaN, NaN, 0]; ln a is taken as 0 where a <= 0 or a is NaN.
      expect(read(db!)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    });
  });
});

describe('second derivatives through maxPool2d', () => {
  /** d/dx <w, grad(sum(maxPool2d(x)^2))(x)>, a Hessian-vector product. */
  function hvp(at: number[]): [number[], number[]] {
    return scope(() => {
      const g = (x: Tensor): Tensor => grad((y: Tensor) => maxPool2d(y, 2).square().sum())(x);
      const x = vec(at, [1, 1, 2, 2]);
      return [read(g(x)), read(grad((y: Tensor) => g(y).mul(vec([1, 2, 3, 4], [1, 1, 2, 2])).sum())(x))];
    });
  }

  it('route the gradient of the gradient through the same argmax as the forward (torch)', () => {
    expect(hvp([1, 2, 2, 1])).toEqual([[0, 4, 0, 0], [0, 4, 0, 0]]);
    // A tie: the first maximum takes it all, forward and backward.
    expect(hvp([1, 3, 3, 0])).toEqual([[0, 6, 0, 0], [0, 4, 0, 0]]);
  });
});
