// A small MLP training step on 'webgpu' through the tensor API and autograd: it learns, it
// matches the reference backend, each step is one submit, and after warm-up a step creates no
// new GPU buffer (the pool serves every allocation).
import { valueAndGrad } from '@webgrad/autograd';
import { fromValues, registerBackend, scope, setBackend, type Backend, type Tensor } from '@webgrad/tensor';
import { describe, expect, it } from 'vitest';
import { testGpu } from './testing/gpu.js';
import { rng } from '@webgrad/tensor/testing';

const { backend, reason } = await testGpu();

interface Net { w1: Tensor; b1: Tensor; w2: Tensor; b2: Tensor }

function makeNet(be: Backend): Net {
  const r = rng(7);
  const init = (shape: number[], scale: number): Tensor =>
    fromValues(Array.from({ length: shape.reduce((p, q) => p * q, 1) }, () => (r() - 0.5) * scale), shape, 'float32', be);
  return { w1: init([20, 16], 0.5), b1: init([16], 0), w2: init([16, 4], 0.5), b2: init([4], 0) };
}

function batch(be: Backend): { x: Tensor; y: Tensor } {
  const r = rng(3);
  const xs = Array.from({ length: 12 * 20 }, () => r() * 2 - 1);
  const labels = Array.from({ length: 12 }, (_, i) => i % 4);
  const onehot = labels.flatMap((l) => [0, 1, 2, 3].map((k) => (k === l ? 1 : 0)));
  return { x: fromValues(xs, [12, 20], 'float32', be), y: fromValues(onehot, [12, 4], 'float32', be) };
}

const loss = (x: Tensor, y: Tensor) => (w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor): Tensor => {
  const h = x.matmul(w1).add(b1).relu();
  return h.matmul(w2).add(b2).logSoftmax(-1).mul(y).sum().neg().div(12);
};

function step(net: Net, x: Tensor, y: Tensor): Tensor {
  return scope(() => {
    const [value, grads] = valueAndGrad(loss(x, y), [0, 1, 2, 3])(net.w1, net.b1, net.w2, net.b2);
    const params = [net.w1, net.b1, net.w2, net.b2];
    params.forEach((p, i) => p.assign(p.sub(grads[i]!.mul(0.5))));
    return value;
  });
}

async function train(be: Backend, steps: number, each?: () => void): Promise<number[]> {
  await setBackend(be.name);
  const net = makeNet(be);
  const { x, y } = batch(be);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const value = step(net, x, y);
    losses.push((await value.data())[0]!);
    value.dispose();
    each?.();
  }
  return losses;
}

describe.runIf(backend)('training on webgpu', () => {
  it('learns, matches the reference, one submit per step, no new buffers after warm-up', async () => {
    const gpu = backend!;
    registerBackend(gpu.name, () => gpu, 3);
    const counts: { submits: number; buffers: number }[] = [];
    const gpuLosses = await train(gpu, 6, () => counts.push({ submits: gpu.stats().submits, buffers: gpu.stats().buffersCreated }));
    const jsLosses = await train((await import('@webgrad/tensor')).createJsBackend(), 6);
    expect(gpuLosses[5]!).toBeLessThan(gpuLosses[0]! * 0.8);
    gpuLosses.forEach((l, i) => expect(l).toBeCloseTo(jsLosses[i]!, 4));
    for (let i = 3; i < counts.length; i++) {
      expect(counts[i]!.submits - counts[i - 1]!.submits).toBe(1);
      expect(counts[i]!.buffers).toBe(counts[2]!.buffers);
    }
  });
});

if (!backend) {
  describe('training on webgpu', () => it.skip(`not run: ${reason}`, () => {}));
}
