// A textbook worked example: backpropagation through one 2-input sigmoid neuron, as in the
// CS231n notes ("Backpropagation, Intuitions", the sigmoid circuit), to the printed precision.
import { describe, expect, it } from 'vitest';
import { fromValues, tensor, type Tensor } from '@webgrad/tensor';
import { gradients, grad, variable } from '@webgrad/autograd';

// f(w, x) = 1 / (1 + exp(-(w0 x0 + w1 x1 + w2))) at w = [2, -3, -3], x = [-1, -2]. The figure
// prints two decimals: output 0.73; gradients w0 -0.20, x0 0.39, w1 -0.39, x1 -0.59, w2 0.20.
const W = [2, -3, -3];
const X = [-1, -2];
const printed = { out: 0.73, dw: [-0.2, -0.39, 0.2], dx: [0.39, -0.59] };

const first = (t: Tensor): number => t.dataSync()[0]!;

describe('the sigmoid neuron worked example', () => {
  it('gate by gate, with every intermediate value and gradient the circuit shows', () => {
    const [w0, w1, w2, x0, x1] = [...W, ...X].map((v) => variable(tensor(v)));
    const dot = w0!.mul(x0!).add(w1!.mul(x1!)).add(w2!);
    const negated = dot.mul(-1);
    const exped = negated.exp();
    const plusOne = exped.add(1);
    const out = plusOne.reciprocal();
    const g = gradients([out], [fromValues([1], [], 'float32')]);
    const at = (t: Tensor): number => first(g.get(t)!);

    // Forward values along the circuit: 1.00, -1.00, 0.37, 1.37, 0.73.
    expect([dot, negated, exped, plusOne, out].map(first).map((v) => Number(v.toFixed(2)))).toEqual([1, -1, 0.37, 1.37, 0.73]);
    // Backward, from the output: 1.00, -0.53, -0.53, -0.20, 0.20.
    expect([out, plusOne, exped, negated, dot].map(at).map((v) => Number(v.toFixed(2)))).toEqual([1, -0.53, -0.53, -0.2, 0.2]);

    out.backward();
    [w0, w1, w2].forEach((w, i) => expect(first(w!.grad!)).toBeCloseTo(printed.dw[i]!, 2));
    [x0, x1].forEach((x, i) => expect(first(x!.grad!)).toBeCloseTo(printed.dx[i]!, 2));
  });

  it('the same gradients from vectors, the sigmoid primitive and grad with two argnums', () => {
    const neuron = (w: Tensor, x: Tensor): Tensor => {
      const weights = w.slice([0], [2]);
      const bias = w.slice([2], [3]);
      return weights.mul(x).sum().add(bias.sum()).sigmoid();
    };
    const [w, x] = [tensor(W), tensor(X)];
    expect(Number(first(neuron(w, x)).toFixed(2))).toBe(printed.out);
    const [dw, dx] = grad(neuron, [0, 1])(w, x);
    Array.from(dw!.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(printed.dw[i]!, 2));
    Array.from(dx!.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(printed.dx[i]!, 2));
    // And exactly: the local gradient of the sigmoid at 1 is s (1 - s), times the other input.
    const s = 1 / (1 + Math.exp(-1));
    Array.from(dx!.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(W[i]! * s * (1 - s), 6));
  });
});
