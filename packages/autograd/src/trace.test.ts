// trace() records a small computation's graph with values and gradients, and frees it all.
import { describe, expect, it } from 'vitest';
import { memory, tensor } from '@webgrad/tensor';
import { trace } from '@webgrad/autograd';

describe('trace', () => {
  it('records forward values and backward gradients of one sigmoid neuron', async () => {
    const w = tensor([2, -3]);
    const x = tensor([-1, -2]);
    const before = memory().liveTensors;
    const t = await trace(({ w, x }) => w!.mul(x!).sum().neg().exp().add(1).reciprocal(), { w, x });
    expect(memory().liveTensors).toBe(before);
    const byLabel = (label: string) => t.nodes.find((n) => n.label === label)!;
    const out = t.nodes[t.output]!;
    // sigmoid(w·x) with w·x = 4: 1 / (1 + e^-4)
    expect(out.value[0]).toBeCloseTo(1 / (1 + Math.exp(-4)), 6);
    expect(out.grad).toEqual([1]);
    const s = out.value[0]!;
    // d sigmoid / dz = s (1 - s), dz/dw = x, dz/dx = w
    byLabel('w').grad!.forEach((g, i) => expect(g).toBeCloseTo(s * (1 - s) * [-1, -2][i]!, 6));
    byLabel('x').grad!.forEach((g, i) => expect(g).toBeCloseTo(s * (1 - s) * [2, -3][i]!, 6));
    expect(byLabel('mul').inputs).toEqual([byLabel('w').id, byLabel('x').id]);
    expect(byLabel('mul').formula).toContain('∂(a·b)/∂a = b');
    expect(t.nodes.filter((n) => n.op === 'constant')).toHaveLength(1);
  });

  it('rejects a non-scalar output', async () => {
    await expect(trace(({ a }) => a!.mul(2), { a: tensor([1, 2]) })).rejects.toThrow('trace: f must return a scalar, got shape [2]');
  });
});
