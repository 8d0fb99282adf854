// The dense layer runs the fused dense op: its values and gradients equal matmul + bias + the
// activation, with or without a bias, and sequential() fuses a linear dense layer with the
// relu/sigmoid/tanh layer after it into one op.
import { describe, expect, it } from 'vitest';
import { grad, onOp, scope, tensor, type DenseActivation, type OpName, type Tensor } from '../deps.js';
import { constant } from '../init.js';
import { relu, sigmoid, softmax, tanh } from './activation.js';
import { sequential } from './containers.js';
import { dense } from './dense.js';

const x = (): Tensor => tensor([[0.5, -1, 2], [1.5, 0.25, -0.75]]);
const w = [[0.2, -0.4], [0.7, 0.1], [-0.3, 0.5]];

/** The ops a call runs, in order. */
function opsOf(fn: () => unknown): OpName[] {
  const seen: OpName[] = [];
  const stop = onOp((op) => void seen.push(op));
  try {
    scope(() => void fn());
  } finally {
    stop();
  }
  return seen;
}

const close = async (a: Tensor, b: Tensor): Promise<void> => {
  const [p, q] = [await a.data(), await b.data()];
  expect(p.length).toBe(q.length);
  p.forEach((v, i) => expect(v).toBeCloseTo(q[i]!, 6));
};

describe('dense layer', () => {
  it.each<DenseActivation>(['linear', 'relu', 'sigmoid', 'tanh'])('%s: values and input gradients equal matmul + bias + activation', async (activation) => {
    const layer = dense(3, 2, { init: () => tensor(w), biasInit: constant(0.1), activation });
    const plain = (h: Tensor): Tensor => {
      const z = h.matmul(layer.weight).add(layer.bias!);
      return activation === 'linear' ? z : z[activation]();
    };
    await close(layer.forward(x()), plain(x()));
    const loss = (f: (h: Tensor) => Tensor) => (input: Tensor): Tensor => f(input).mul(tensor([[1, -2], [3, 0.5]])).sum();
    await close(grad(loss((h) => layer.forward(h)))(x()), grad(loss(plain))(x()));
  });

  it('runs one dense op, or matmul then the activation without a bias', () => {
    expect(opsOf(() => dense(3, 2, { activation: 'tanh' }).forward(x()))).toEqual(['dense']);
    expect(opsOf(() => dense(3, 2, { bias: false, activation: 'relu' }).forward(x()))).toEqual(['matmul', 'relu']);
  });

  it('rejects an unknown activation', () => {
    expect(() => dense(3, 2, { activation: 'gelu' as DenseActivation })).toThrow('dense: activation must be one of linear, relu, sigmoid, tanh, got "gelu"');
  });
});

describe('sequential fuses dense with the activation after it', () => {
  it('dense, relu, dense, tanh, dense, softmax: three dense ops and the softmax', () => {
    const model = sequential(dense(3, 4), relu(), dense(4, 4), tanh(), dense(4, 2), softmax());
    expect(opsOf(() => model.forward(x()))).toEqual(['dense', 'dense', 'dense', 'softmax']);
  });

  it('gives the same values as running the layers one by one', async () => {
    const model = sequential(dense(3, 4), sigmoid(), dense(4, 2), relu());
    const oneByOne = model.layers.reduce((h, layer) => layer.forward(h), x());
    await close(model.forward(x()), oneByOne);
  });

  it('keeps a dense layer that has its own activation apart from the next layer', () => {
    const model = sequential(dense(3, 4, { activation: 'tanh' }), relu());
    expect(opsOf(() => model.forward(x()))).toEqual(['dense', 'relu']);
  });
});
