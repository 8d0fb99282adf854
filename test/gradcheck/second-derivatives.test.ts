// grad(grad(f)) against closed forms, mixed partials, and Hessian-vector products through
// matmul, on the float64 reference backend.
import { describe, expect, it } from 'vitest';
import { fromValues, matmul, scope, type Tensor } from '@webgrad/tensor';
import { grad } from '@webgrad/autograd';
import { Gen, useFloat64Backend } from './harness.js';

useFloat64Backend();

const TOL = 1e-12;
const xs = [-1.7, -0.6, 0.3, 1.1, 2.2];
const vec = (values: readonly number[], shape = [values.length]): Tensor => fromValues(values, shape, 'float32');
const read = (t: Tensor): number[] => Array.from(t.dataSync());

function expectClose(got: readonly number[], want: readonly number[], tol = TOL): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]!), `entry ${i}: got ${g}, want ${want[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want[i]!))));
}

/**
 * For elementwise f, d/dx sum(f'(x)) is f''(x) entry by entry, so one nested grad over a
 * vector gives the second derivative at every point.
 */
function secondDerivative(f: (x: Tensor) => Tensor, at: readonly number[]): number[] {
  return scope(() => read(grad((x: Tensor) => grad((y: Tensor) => f(y).sum())(x).sum())(vec(at))));
}

describe('grad(grad(f)) matches closed forms', () => {
  const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
  const table: [string, (x: Tensor) => Tensor, (x: number) => number][] = [
    ['x^3 gives 6x', (x) => x.mul(x).mul(x), (x) => 6 * x],
    ['x^3 through pow gives 6x', (x) => x.pow(3), (x) => 6 * x],
    ['sin gives -sin', (x) => x.sin(), (x) => -Math.sin(x)],
    ['cos gives -cos', (x) => x.cos(), (x) => -Math.cos(x)],
    ['exp gives exp', (x) => x.exp(), Math.exp],
    ['tanh gives -2 tanh (1 - tanh^2)', (x) => x.tanh(), (x) => -2 * Math.tanh(x) * (1 - Math.tanh(x) ** 2)],
    ['sigmoid gives s (1 - s) (1 - 2s)', (x) => x.sigmoid(), (x) => sigmoid(x) * (1 - sigmoid(x)) * (1 - 2 * sigmoid(x))],
    ['log(1 + x^2) gives 2 (1 - x^2) / (1 + x^2)^2', (x) => x.mul(x).log1p(), (x) => (2 * (1 - x * x)) / (1 + x * x) ** 2],
    ['1/x gives 2 / x^3', (x) => x.reciprocal(), (x) => 2 / x ** 3],
  ];
  it.each(table)('%s', (_name, f, d2) => {
    expectClose(secondDerivative(f, xs), xs.map(d2));
  });

  it('a scalar x: grad(grad(f))(x) for f = x^4 is 12 x^2', () => {
    scope(() => {
      const f = (x: Tensor): Tensor => x.mul(x).mul(x).mul(x);
      expectClose(read(grad(grad(f))(vec([1.5], []))), [12 * 1.5 ** 2]);
    });
  });

  it('third derivative of sin is -cos', () => {
    scope(() => {
      const d1 = (x: Tensor): Tensor => grad((y: Tensor) => y.sin().sum())(x).sum();
      const d2 = (x: Tensor): Tensor => grad(d1)(x).sum();
      expectClose(read(grad(d2)(vec(xs))), xs.map((x) => -Math.cos(x)));
    });
  });
});

describe('mixed partials', () => {
  const [x0, y0] = [[0.7, -1.3, 2.1], [1.4, 0.5, -0.8]];

  it('d2/dx dy of x y^2 is 2y, with both as arguments', () => {
    scope(() => {
      const f = (x: Tensor, y: Tensor): Tensor => x.mul(y.mul(y)).sum();
      const dfdy = (x: Tensor, y: Tensor): Tensor => grad(f, 1)(x, y).sum();
      expectClose(read(grad(dfdy, 0)(vec(x0), vec(y0))), y0.map((y) => 2 * y));
    });
  });

  it('d2/dx dy of x y^2 is 2y, with x captured by a closure', () => {
    scope(() => {
      const dfdy = (x: Tensor): Tensor => grad((y: Tensor) => x.mul(y.mul(y)).sum())(vec(y0)).sum();
      expectClose(read(grad(dfdy)(vec(x0))), y0.map((y) => 2 * y));
    });
  });

  it('the Hessian of x y^2 is symmetric: d2/dy dx is 2y too', () => {
    scope(() => {
      const f = (x: Tensor, y: Tensor): Tensor => x.mul(y.mul(y)).sum();
      const dfdx = (x: Tensor, y: Tensor): Tensor => grad(f, 0)(x, y).sum();
      expectClose(read(grad(dfdx, 1)(vec(x0), vec(y0))), y0.map((y) => 2 * y));
    });
  });

  it('d2/dy2 of x y^2 is 2x, and argnums [0, 1] of the inner gradient both flow', () => {
    scope(() => {
      const f = (x: Tensor, y: Tensor): Tensor => x.mul(y.mul(y)).sum();
      const both = (x: Tensor, y: Tensor): Tensor => {
        const [gx, gy] = grad(f, [0, 1])(x, y);
        return gx!.sum().add(gy!.sum());
      };
      // d/dy (y^2 + 2xy) = 2y + 2x
      const [hx, hy] = grad(both, [0, 1])(vec(x0), vec(y0));
      expectClose(read(hx!), y0.map((y) => 2 * y));
      expectClose(read(hy!), y0.map((y, i) => 2 * y + 2 * x0[i]!));
    });
  });
});

describe('Hessian-vector products through matmul', () => {
  const n = 4;
  const gen = (): Gen => new Gen(2024);
  const matVec = (m: number[], v: readonly number[]): number[] => Array.from({ length: n }, (_, i) => v.reduce((s, vj, j) => s + m[i * n + j]! * vj, 0));
  const transpose = (m: number[]): number[] => Array.from({ length: n * n }, (_, k) => m[(k % n) * n + Math.floor(k / n)]!);

  /** Hv = d/dx <grad f(x), v>, with v held fixed. */
  function hvp(f: (x: Tensor) => Tensor, x: Tensor, v: Tensor): number[] {
    return read(grad((y: Tensor) => grad(f)(y).mul(v).sum())(x));
  }

  it('quadratic form: f = 1/2 x^T A x has H = (A + A^T) / 2 for non-symmetric A', () => {
    scope(() => {
      const g = gen();
      const [A, x, v] = [g.float([n, n]), g.float([n, 1]), g.float([n, 1])];
      const f = (y: Tensor): Tensor => matmul(y, matmul(A, y), { transposeA: true }).mul(0.5).sum();
      const a = read(A);
      const [av, atv] = [matVec(a, read(v)), matVec(transpose(a), read(v))];
      expectClose(hvp(f, x, v), av.map((p, i) => (p + atv[i]!) / 2));
    });
  });

  it('sum(tanh(W x)) has H = W^T diag(-2 t (1 - t^2)) W with t = tanh(W x)', () => {
    scope(() => {
      const g = gen();
      const [W, x, v] = [g.float([n, n]), g.float([n]), g.float([n])];
      const f = (y: Tensor): Tensor => matmul(W, y).tanh().sum();
      const w = read(W);
      const t = matVec(w, read(x)).map(Math.tanh);
      const wv = matVec(w, read(v)).map((p, i) => p * -2 * t[i]! * (1 - t[i]! ** 2));
      expectClose(hvp(f, x, v), matVec(transpose(w), wv));
    });
  });

  it('a batched least-squares loss has H v = 2 X^T X v (independent of x)', () => {
    scope(() => {
      const g = gen();
      const [X, b, x, v] = [g.float([3, n, n]), g.float([3, n, 1]), g.float([n, 1]), g.float([n, 1])];
      const f = (y: Tensor): Tensor => {
        const r = matmul(X, y).sub(b);
        return r.mul(r).sum();
      };
      const xs3 = read(X);
      const want = new Array<number>(n).fill(0);
      for (let k = 0; k < 3; k++) {
        const xk = xs3.slice(k * n * n, (k + 1) * n * n);
        matVec(transpose(xk), matVec(xk, read(v))).forEach((p, i) => (want[i]! += 2 * p));
      }
      expectClose(hvp(f, x, v), want, 1e-11);
    });
  });
});
