// The @example blocks of the API reference, run: each line is one of them, with what it claims.
import { describe, expect, it } from 'vitest';
import * as wg from 'webgradjs';

const { nn } = wg;

describe('API reference examples', () => {
  it('tensors and ops', async () => {
    const x = wg.tensor([[1, 2], [3, 4]]);
    expect(String(x)).toBe('Tensor([2,2], float32)');
    expect(wg.tensor([0, 2, 1], { dtype: 'int32' }).dtype).toBe('int32');
    expect(await x.add(wg.tensor([10, 20])).array()).toEqual([[11, 22], [13, 24]]);
    expect(await wg.tensor([1, 2]).add(1).array()).toEqual([2, 3]);
    expect(await wg.add(wg.tensor([[1], [2]]), wg.tensor([10, 20])).array()).toEqual([[11, 21], [12, 22]]);
    expect(await x.sum().item()).toBe(10);
    expect(await x.sum(0).array()).toEqual([4, 6]);
    expect(await x.sum(-1, true).array()).toEqual([[3], [7]]);
    expect(await wg.sum(x, 0).array()).toEqual([4, 6]);
    expect(await x.mean(1).array()).toEqual([1.5, 3.5]);
    expect(await wg.mean(x).item()).toBe(2.5);
    expect(await wg.arange(6).reshape([2, -1]).array()).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(await wg.reshape(wg.arange(6), [3, 2]).array()).toEqual([[0, 1], [2, 3], [4, 5]]);
    expect(wg.randn([8, 3]).matmul(wg.randn([3, 4])).shape).toEqual([8, 4]);
    expect(wg.randn([8, 3]).matmul(wg.randn([4, 3]), { transposeB: true }).shape).toEqual([8, 4]);
    expect(wg.matmul(wg.randn([5, 8, 3]), wg.randn([3, 4])).shape).toEqual([5, 8, 4]);
    expect(await wg.tensor([-1, 0, 2]).relu().array()).toEqual([0, 0, 2]);
    expect(await wg.relu(wg.tensor([-1, 0, 2])).array()).toEqual([0, 0, 2]);
    expect((await wg.ready()).name).toBeTypeOf('string');
  });

  it('gradients', async () => {
    const df = wg.grad((x: wg.Tensor) => x.mul(x).sum());
    expect([...(await df(wg.tensor([1, 2, 3])).data())]).toEqual([2, 4, 6]);
    const w = wg.tensor([1, 2]);
    w.requiresGrad = true;
    w.mul(w).sum().backward();
    expect([...(await w.grad!.data())]).toEqual([2, 4]);
  });

  it('models, training and checkpoints', async () => {
    expect(nn.sequential(nn.dense(784, 128), nn.relu(), nn.dense(128, 10)).forward(wg.randn([32, 784])).shape).toEqual([32, 10]);
    expect(nn.dense(3, 2).forward(wg.randn([4, 3])).shape).toEqual([4, 2]);
    const data = nn.data.spirals({ samples: 40, noise: 0.1, seed: 1 });
    const model = nn.sequential(nn.dense(2, 32), nn.tanh(), nn.dense(32, 2));
    const optimizer = nn.optim.adam({ lr: 0.01 });
    const trainer = new nn.Trainer({ model, loss: 'softmaxCrossEntropy', optimizer, data, batchSize: 32 });
    await trainer.fit({ epochs: 2 });
    const steps = trainer.step;
    await trainer.fit({ steps: 3 });
    expect(trainer.step).toBe(steps + 3);
    expect(await trainer.evaluate()).toHaveProperty('loss');
    const bytes = await nn.checkpoint.save(model, { optimizer });
    const info = nn.checkpoint.load(model, bytes, { optimizer });
    expect(info.tensors.map((t) => t.name)).toContain('layers.0.weight');
  });
});
