// grad and valueAndGrad: return shapes for argnums, zeros for unused arguments, errors that
// name what was wrong, nothing left alive but the result, detach and broadcasting.
import { describe, expect, it } from 'vitest';
import { memory, scope, softmax, tensor, type Tensor } from '@webgrad/tensor';
import { grad, noGrad, valueAndGrad } from '@webgrad/autograd';

const values = (t: Tensor): number[] => Array.from(t.dataSync());

describe('grad', () => {
  it('gives the gradient of a scalar function with respect to argument 0', () => {
    const x = tensor([1, -2, 3]);
    expect(values(grad((v: Tensor) => v.mul(v).sum())(x))).toEqual([2, -4, 6]);
  });

  it('returns one tensor for a number argnums and an array for an array argnums', () => {
    const f = (a: Tensor, b: Tensor): Tensor => a.mul(b).sum();
    const [a, b] = [tensor([1, 2]), tensor([3, 4])];
    const one = grad(f, 1)(a, b);
    expect(one).not.toBeInstanceOf(Array);
    expect(values(one)).toEqual([1, 2]);
    const both = grad(f, [0, 1])(a, b);
    expect(Array.isArray(both)).toBe(true);
    expect(both.map(values)).toEqual([[3, 4], [1, 2]]);
    const single = grad(f, [1])(a, b);
    expect(single).toHaveLength(1);
    expect(values(single[0]!)).toEqual([1, 2]);
  });

  it('passes non-differentiated arguments through untouched, numbers included', () => {
    const f = (x: Tensor, scale: number, y: Tensor): Tensor => x.mul(scale).mul(y).sum();
    expect(values(grad(f)(tensor([1, 1]), 3, tensor([2, 5])))).toEqual([6, 15]);
  });

  it('gives zeros shaped like an argument the function does not depend on', () => {
    const f = (x: Tensor, y: Tensor): Tensor => y.mul(2).sum();
    const g = grad(f, [0, 1])(tensor([[1, 2, 3], [4, 5, 6]]), tensor([7]));
    expect(g[0]!.shape).toEqual([2, 3]);
    expect(values(g[0]!)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(values(g[1]!)).toEqual([2]);
    // Exactly +0 whatever the argument holds (x * 0 would give -0, and NaN for infinities).
    const z = grad((x: Tensor, y: Tensor) => y.sum(), 0)(tensor([-1, Infinity, NaN]), tensor([1]));
    expect(values(z).map((v) => Object.is(v, 0))).toEqual([true, true, true]);
  });

  it('leaves its argument untracked: no requiresGrad, no .grad, no tape on the result', () => {
    const x = tensor([1, 2]);
    const g = grad((v: Tensor) => v.exp().sum())(x);
    expect(x.requiresGrad).toBe(false);
    expect(x.grad).toBeNull();
    expect(g.requiresGrad).toBe(false);
  });

  it('sums a broadcast gradient back to each operand shape', () => {
    const a = tensor([[1, 2, 3], [4, 5, 6]]);
    const f = (x: Tensor, row: Tensor, col: Tensor, s: Tensor): Tensor => x.add(row).mul(col).add(s).sum();
    const [gRow, gCol, gS] = grad(f, [1, 2, 3])(a, tensor([10, 20, 30]), tensor([[1], [2]]), tensor(0));
    // d/drow sums over the broadcast rows: col0 + col1 = 1 + 2; d/dcol sums (x + row) over columns.
    expect(gRow!.shape).toEqual([3]);
    expect(values(gRow!)).toEqual([3, 3, 3]);
    expect(gCol!.shape).toEqual([2, 1]);
    expect(values(gCol!)).toEqual([6 + 60, 15 + 60]);
    expect(gS!.shape).toEqual([]);
    expect(values(gS!)).toEqual([6]);
  });

  it('splits the gradient of a tied max evenly between the winners', () => {
    expect(values(grad((x: Tensor) => x.max())(tensor([1, 3, 3])))).toEqual([0, 0.5, 0.5]);
    const [ga, gb] = grad((a: Tensor, b: Tensor) => a.maximum(b).sum(), [0, 1])(tensor([1, 2]), tensor([1, 0]));
    expect([values(ga!), values(gb!)]).toEqual([[0.5, 1], [0.5, 0]]);
  });

  it('gives finite gradients of pow at a zero base', () => {
    const [ga, gb] = grad((a: Tensor, b: Tensor) => a.pow(b).sum(), [0, 1])(tensor([0, 0, 0]), tensor([0, 1, 2]));
    // d(a^b)/da = b a^(b-1): 0 at b = 0 (not 0 * inf), 1 at b = 1, 0 at b = 2; d/db is taken as 0 at a = 0.
    expect(values(ga!)).toEqual([0, 1, 0]);
    expect(values(gb!)).toEqual([0, 0, 0]);
    // d/db at a <= 0 is taken as 0 even where a^b is infinite or NaN.
    const gb2 = grad((b: Tensor) => tensor([0, -2]).pow(b).sum())(tensor([-1, 0.5]));
    expect(values(gb2)).toEqual([0, 0]);
  });
});

describe('valueAndGrad', () => {
  it('returns the value and the gradient', () => {
    const [value, g] = valueAndGrad((x: Tensor) => x.mul(x).sum())(tensor([3, 4]));
    expect(values(value)).toEqual([25]);
    expect(values(g)).toEqual([6, 8]);
  });

  it('returns an array of gradients for an array argnums', () => {
    const [value, [ga, gb]] = valueAndGrad((a: Tensor, b: Tensor) => a.sub(b).sum(), [0, 1])(tensor([5]), tensor([2]));
    expect(values(value)).toEqual([3]);
    expect([values(ga!), values(gb!)]).toEqual([[1], [-1]]);
  });
});

describe('errors name what was wrong', () => {
  it('a non-scalar result, with its shape', () => {
    expect(() => grad((x: Tensor) => x.mul(2))(tensor([1, 2]))).toThrow(/^grad: f must return a scalar, got shape \[2\]; reduce it first/);
  });

  it('a result that is not a tensor', () => {
    expect(() => grad((() => 3) as unknown as (x: Tensor) => Tensor)(tensor([1]))).toThrow('grad: f must return a Tensor, got number');
  });

  it('a result that is not float32', () => {
    expect(() => grad((x: Tensor) => x.gt(0).sum())(tensor([1]))).toThrow('grad: f must return a float32 tensor, got int32');
  });

  it('a differentiated argument that is not a tensor, with its position', () => {
    const f = grad((a: Tensor, b: Tensor) => a.mul(b).sum(), 1);
    expect(() => f(tensor([1]), 2 as unknown as Tensor)).toThrow('grad: argument 1 must be a Tensor to differentiate with respect to it, got number');
  });

  it('a differentiated argument that is not float32', () => {
    expect(() => grad((x: Tensor) => x.sum())(tensor([1, 2], { dtype: 'int32' }))).toThrow('grad: argument 0 must be float32 to differentiate with respect to it, got int32');
  });
});

describe('memory', () => {
  it('grad(f)(x) leaves nothing alive but the gradient', () => {
    const x = tensor([[0.5, -1, 2], [1, 0.25, -3]]);
    const f = (v: Tensor): Tensor => softmax(v.mul(v).add(1).log()).mul(tensor([1, 2, 3])).sum();
    const before = memory().liveTensors;
    const g = grad(f)(x);
    expect(memory().liveTensors).toBe(before + 1);
    g.dispose();
    expect(memory().liveTensors).toBe(before);
  });

  it('valueAndGrad with two argnums leaves the value and the two gradients', () => {
    const [a, b] = [tensor([1, 2]), tensor([3, 4])];
    const before = memory().liveTensors;
    const [value, gs] = valueAndGrad((p: Tensor, q: Tensor) => p.mul(q).exp().sum(), [0, 1])(a, b);
    expect(memory().liveTensors).toBe(before + 3);
    [value, ...gs].forEach((t) => t.dispose());
    expect(memory().liveTensors).toBe(before);
  });

  it('a nested grad(grad(f)) leaves only its result', () => {
    const x = tensor(0.7);
    const before = memory().liveTensors;
    const g2 = grad(grad((v: Tensor) => v.sin().mul(v).exp()))(x);
    expect(memory().liveTensors).toBe(before + 1);
    g2.dispose();
    expect(memory().liveTensors).toBe(before);
  });

  it('a mixed partial through a closure leaves only its result', () => {
    const [x, y] = [tensor([1, 2]), tensor([3, 4])];
    const before = memory().liveTensors;
    const h = grad((u: Tensor) => grad((v: Tensor) => u.mul(v.mul(v)).sum())(y).sum())(x);
    expect(values(h)).toEqual([6, 8]);
    expect(memory().liveTensors).toBe(before + 1);
    h.dispose();
  });

  it('frees everything when f throws', () => {
    const x = tensor([1, 2]);
    const before = memory().liveTensors;
    expect(() => grad((v: Tensor) => v.mul(2).exp().mul(tensor([1, 2, 3])).sum())(x)).toThrow(/mul/);
    expect(memory().liveTensors).toBe(before);
  });
});

describe('stopping gradients', () => {
  it('detach() treats its copy as a constant', () => {
    const x = tensor([1, 2, 3]);
    // d/dx sum(x * stop(x)) = stop(x) = x, where without detach it would be 2x.
    expect(values(grad((v: Tensor) => v.mul(v.detach()).sum())(x))).toEqual([1, 2, 3]);
    expect(values(grad((v: Tensor) => v.mul(v).sum())(x))).toEqual([2, 4, 6]);
  });

  it('noGrad inside f contributes nothing to the gradient', () => {
    const x = tensor([1, 2]);
    expect(values(grad((v: Tensor) => noGrad(() => v.mul(5)).add(v).sum())(x))).toEqual([1, 1]);
  });

  it('a detached copy does not require grad even from a tracked input', () => {
    scope(() => {
      let inner: Tensor | undefined;
      grad((v: Tensor) => {
        inner = v.detach();
        expect(v.requiresGrad).toBe(true);
        return v.sum();
      })(tensor([1]));
      expect(inner!.requiresGrad).toBe(false);
    });
  });
});
