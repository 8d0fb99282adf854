// Tensor.backward() and variable(): .grad on leaves, accumulation across calls, noGrad, the
// tape's bookkeeping, and the errors for misuse.
import { describe, expect, it, vi } from 'vitest';
import { backend, dense, memory, opNames, scope, tensor, type Tensor } from '@webgrad/tensor';
import { gradRules, noGrad, variable } from '@webgrad/autograd';

const values = (t: Tensor | null): number[] => Array.from(t!.dataSync());

describe('backward', () => {
  it('fills .grad on every leaf that requires it, and only on leaves', () => {
    const w = variable(tensor([[1, 2], [3, 4]]));
    const b = variable(tensor([0.5, -0.5]));
    const x = tensor([1, -1]);
    const hidden = w.matmul(x.reshape([2, 1])).reshape([2]).add(b);
    const loss = hidden.mul(hidden).sum();
    loss.backward();
    // hidden = [-1 + 0.5, -1 - 0.5] = [-0.5, -1.5]; dloss/dhidden = 2 hidden; dW = dh x^T.
    expect(values(b.grad)).toEqual([-1, -3]);
    expect(values(w.grad)).toEqual([-1, 1, -3, 3]);
    expect(hidden.grad).toBeNull();
    expect(x.grad).toBeNull();
    expect(hidden.requiresGrad).toBe(true);
    expect(x.requiresGrad).toBe(false);
  });

  it('accumulates into .grad across calls until the caller clears it', () => {
    const x = variable(tensor([1, 2, 3]));
    x.mul(x).sum().backward();
    expect(values(x.grad)).toEqual([2, 4, 6]);
    x.mul(3).sum().backward();
    expect(values(x.grad)).toEqual([5, 7, 9]);
    x.grad!.dispose();
    x.grad = null;
    x.sum().backward();
    expect(values(x.grad)).toEqual([1, 1, 1]);
  });

  it('accumulates a leaf used twice in one graph', () => {
    const x = variable(tensor([2]));
    x.mul(x).add(x.exp().log()).sum().backward();
    expect(values(x.grad)[0]).toBeCloseTo(2 * 2 + 1, 6);
  });

  it('takes an explicit seed for a non-scalar tensor', () => {
    const x = variable(tensor([1, 2, 3]));
    x.mul(x).backward(tensor([1, 0, -1]));
    expect(values(x.grad)).toEqual([2, 0, -6]);
  });

  it("on a leaf itself gives a gradient of one, and never keeps the caller's seed as .grad", () => {
    const x = variable(tensor(5));
    x.backward();
    expect(values(x.grad)).toEqual([1]);
    x.grad!.dispose();
    x.grad = null;
    const seed = tensor(2);
    x.backward(seed);
    expect(x.grad).not.toBe(seed);
    // Accumulating replaces (and disposes) the previous .grad; the seed must survive that.
    x.backward(seed);
    expect(seed.isDisposed).toBe(false);
    expect(values(x.grad)).toEqual([4]);
  });

  it('frees the replaced gradient when it accumulates: one live tensor per leaf', () => {
    const x = variable(tensor([1, 2]));
    const y = x.mul(x).sum();
    const before = memory().liveTensors;
    y.backward();
    expect(memory().liveTensors).toBe(before + 1);
    y.backward();
    expect(memory().liveTensors).toBe(before + 1);
    expect(values(x.grad)).toEqual([4, 8]);
  });
});

describe('noGrad', () => {
  it('records nothing: results of tracked inputs do not require grad', () => {
    const x = variable(tensor([1, 2]));
    const y = noGrad(() => x.mul(2).exp().sum());
    expect(y.requiresGrad).toBe(false);
    expect(() => y.backward()).toThrow(/does not require grad/);
    expect(x.grad).toBeNull();
  });

  it('returns what fn returns and restores recording afterwards', () => {
    const x = variable(tensor([3]));
    expect(noGrad(() => 42)).toBe(42);
    const y = x.mul(x);
    expect(y.requiresGrad).toBe(true);
  });

  it('restores recording even when fn throws', () => {
    const x = variable(tensor([3]));
    expect(() => noGrad(() => {
      throw new Error('boom');
    })).toThrow('boom');
    expect(x.mul(2).requiresGrad).toBe(true);
  });
});

describe('misuse is reported with what was wrong', () => {
  it('backward on a tensor that does not require grad names the tensor', () => {
    expect(() => tensor([1]).backward()).toThrow('backward: Tensor([1], float32) does not require grad: nothing it was computed from has requiresGrad set');
  });

  it('backward on a non-scalar without a seed gives the shape and the fix', () => {
    const x = variable(tensor([1, 2, 3]));
    expect(() => x.mul(2).backward()).toThrow('backward: without a seed, the tensor must be a scalar, got shape [3]; reduce it first (e.g. .sum() or .mean()) or pass a seed');
  });

  it('a seed of the wrong shape names both shapes', () => {
    const x = variable(tensor([1, 2, 3]));
    expect(() => x.mul(2).backward(tensor([1, 2]))).toThrow('backward: seed [2] must match [3]');
  });

  it('variable() refuses non-float tensors and computed tensors', () => {
    expect(() => variable(tensor([1, 2], { dtype: 'int32' }))).toThrow('variable: only float32 tensors can require grad, got int32');
    const x = variable(tensor([1]));
    expect(() => variable(x.mul(2))).toThrow(/variable: Tensor\(\[1\], float32\) was computed from tracked tensors; detach\(\) it/);
  });
});

describe('the tape', () => {
  it('does not record non-differentiable ops or non-float results', () => {
    const x = variable(tensor([1.5, -2.5]));
    expect(x.floor().requiresGrad).toBe(false);
    expect(x.gt(0).requiresGrad).toBe(false);
    expect(x.argmax().requiresGrad).toBe(false);
    expect(x.cast('int32').requiresGrad).toBe(false);
    expect(x.abs().requiresGrad).toBe(true);
  });

  it('detach() cuts the graph: backward stops there', () => {
    const x = variable(tensor([2, 3]));
    x.mul(x.detach()).sum().backward();
    expect(values(x.grad)).toEqual([2, 3]);
  });

  it('the gradient table has exactly one entry per op in the op table', () => {
    expect(Object.keys(gradRules).sort()).toEqual([...opNames].sort());
  });
});

describe('backward inside repeated scopes', () => {
  it('starts afresh when the previous step’s scope freed the gradient', async () => {
    const v = variable(tensor([1, 2]));
    for (let i = 0; i < 3; i++) scope(() => v.mul(v).sum().backward());
    expect(v.grad?.isDisposed).toBe(true);
    const g = scope(() => {
      v.mul(v).sum().backward();
      return v.grad!;
    });
    expect(Array.from(await g.data())).toEqual([2, 4]);
  });
});

describe('work skipped for inputs nothing differentiates', () => {
  it('computes only the weight gradient of data · weight', () => {
    const data = tensor([[1, 2], [3, 4]]);
    const w = variable(tensor([[1], [1]]));
    const loss = data.matmul(w).sum();
    // Backward runs untracked, so count the kernel calls themselves.
    const kernel = vi.spyOn(backend().kernels as { matmul: (...a: unknown[]) => void }, 'matmul');
    loss.backward();
    expect(kernel).toHaveBeenCalledTimes(1);
    kernel.mockRestore();
    expect(w.grad!.shape).toEqual([2, 1]);
  });

  it("dense's rule on a 2-D batch: one matmul for w, a sum for b, no reshape copies, nothing for the data", () => {
    const data = tensor([[1, 2], [3, 4], [5, 6]]);
    const [w, b] = [variable(tensor([[1, -1], [0.5, 2]])), variable(tensor([0.1, -0.2]))];
    const loss = dense(data, w, b, { activation: 'tanh' }).sum();
    const kernels = backend().kernels as { matmul: (...a: unknown[]) => void; reshape: (...a: unknown[]) => void };
    const [matmul, reshape] = [vi.spyOn(kernels, 'matmul'), vi.spyOn(kernels, 'reshape')];
    loss.backward();
    // The one reshape is sum's own rule restoring the scalar loss's axes, [1,1].
    expect([matmul.mock.calls.length, reshape.mock.calls.map(([args]) => (args as { attrs: { shape: number[] } }).attrs.shape)]).toEqual([1, [[1, 1]]]);
    matmul.mockRestore();
    reshape.mockRestore();
    expect([w.grad!.shape, b.grad!.shape]).toEqual([[2, 2], [2]]);
  });
});
