// The Tensor handle's own API: reading values (data, dataSync, array, item), toString,
// detach, and backward's error when autograd is not loaded.
import { tensor, zeros } from '@webgrad/tensor';
import { describe, expect, it } from 'vitest';

describe('reading values', () => {
  it('data() resolves to a row-major copy of the dtype\'s array', async () => {
    const t = tensor([[1, 2], [3, 4]]);
    const d = await t.data();
    expect(d).toBeInstanceOf(Float32Array);
    expect(Array.from(d)).toEqual([1, 2, 3, 4]);
    d[0] = 100;
    expect(Array.from(await t.data())).toEqual([1, 2, 3, 4]);
    expect(await tensor([1], { dtype: 'int32' }).data()).toBeInstanceOf(Int32Array);
    expect(await tensor([true]).data()).toBeInstanceOf(Uint8Array);
  });

  it('dataSync() reads without waiting on the js backend', () => {
    const t = tensor([[1, 2, 3]], { dtype: 'int32' });
    const d = t.dataSync();
    expect(d).toBeInstanceOf(Int32Array);
    expect(Array.from(d)).toEqual([1, 2, 3]);
  });

  it('array() nests by shape, with booleans for bool and a number for a scalar', async () => {
    expect(await tensor([[[1], [2]], [[3], [4]]]).array()).toEqual([[[1], [2]], [[3], [4]]]);
    expect(await tensor([[true], [false]]).array()).toEqual([[true], [false]]);
    expect(await tensor(7).array()).toBe(7);
    expect(await zeros([2, 0]).array()).toEqual([[], []]);
    expect(await zeros([0, 2]).array()).toEqual([]);
  });

  it('item() gives the one value of a one-element tensor of any rank', async () => {
    expect(await tensor(3.5).item()).toBe(3.5);
    expect(await tensor([[[-2]]], { dtype: 'int32' }).item()).toBe(-2);
    expect(await tensor(true).item()).toBe(1);
  });

  it('item() refuses tensors of other sizes, naming the shape', async () => {
    await expect(tensor([1, 2]).item()).rejects.toThrow('item: needs a tensor with one element, got shape [2]');
    await expect(zeros([0]).item()).rejects.toThrow('item: needs a tensor with one element, got shape [0]');
    await expect(zeros([2, 3]).item()).rejects.toThrow('item: needs a tensor with one element, got shape [2,3]');
  });
});

describe('describing', () => {
  it('toString() gives shape, dtype and whether it was disposed', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]], { dtype: 'int32' });
    expect(t.toString()).toBe('Tensor([2,3], int32)');
    expect(String(tensor(1))).toBe('Tensor([], float32)');
    t.dispose();
    expect(`${t}`).toBe('Tensor([2,3], int32, disposed)');
  });

  it('exposes size, rank, shape, dtype and the backend', () => {
    const t = zeros([2, 3, 4], 'bool');
    expect([t.size, t.rank, t.shape, t.dtype, t.backend.name]).toEqual([24, 3, [2, 3, 4], 'bool', 'js']);
    expect([t.requiresGrad, t.grad, t.kept]).toEqual([false, null, false]);
  });
});

describe('detach and backward', () => {
  it('detach() is a copy with the same values that outlives the original', async () => {
    const t = tensor([1, 2]);
    const d = t.detach();
    expect(d).not.toBe(t);
    t.dispose();
    expect(Array.from(await d.data())).toEqual([1, 2]);
  });

  it('backward() without autograd says how to load it', () => {
    expect(() => tensor(1).backward()).toThrow('backward: autograd is not loaded; import it from webgrad or @webgrad/autograd');
  });
});
