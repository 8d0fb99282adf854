// matmul as users call it: 2-D products, NumPy's handling of 1-D operands, batch broadcasting,
// transposed operands, int inputs, empty inner axes, and the errors that name both shapes; dense
// (product, bias and activation fused) with and without a bias.
import { arange, dense, matmul, onOp, scope, tensor, zeros, type DenseActivation, type Tensor } from '@webgrad/tensor';
import { describe, expect, it } from 'vitest';

const values = async (t: Tensor): Promise<number[]> => Array.from(await t.data());

describe('matmul', () => {
  it('multiplies matrices', async () => {
    // [[1*5 + 2*7, 1*6 + 2*8], [3*5 + 4*7, 3*6 + 4*8]]
    const y = tensor([[1, 2], [3, 4]]).matmul(tensor([[5, 6], [7, 8]]));
    expect([y.shape, y.dtype, await y.array()]).toEqual([[2, 2], 'float32', [[19, 22], [43, 50]]]);
    expect(await tensor([[1, 2, 3]]).matmul(tensor([[1], [1], [1]])).array()).toEqual([[6]]);
  });

  it('treats 1-D operands as a row (a) or a column (b) and drops the added axis', async () => {
    const dot = tensor([1, 2, 3]).matmul(tensor([4, 5, 6]));
    expect([dot.shape, await dot.item()]).toEqual([[], 32]);
    const row = tensor([1, 2]).matmul(tensor([[1, 2, 3], [4, 5, 6]]));
    expect([row.shape, await values(row)]).toEqual([[3], [9, 12, 15]]);
    const col = tensor([[1, 2, 3], [4, 5, 6]]).matmul(tensor([1, 0, -1]));
    expect([col.shape, await values(col)]).toEqual([[2], [-2, -2]]);
  });

  it('applies a 1-D operand to every matrix of a batch', async () => {
    // b[k] = [[4k, 4k+1], [4k+2, 4k+3]]; [1, 1] @ b[k] = [8k + 2, 8k + 4]
    const b = arange(0, 8, 1, 'float32').reshape([2, 2, 2]);
    const y = tensor([1, 1]).matmul(b);
    expect([y.shape, await y.array()]).toEqual([[2, 2], [[2, 4], [10, 12]]]);
    const z = b.matmul(tensor([1, 0]));
    expect([z.shape, await z.array()]).toEqual([[2, 2], [[0, 2], [4, 6]]]);
  });

  it('broadcasts batch axes', async () => {
    // a[i, 0] is the identity (i = 0) or the row swap (i = 1); b[j] = [[4j, 4j+1], [4j+2, 4j+3]].
    const a = tensor([[[[1, 0], [0, 1]]], [[[0, 1], [1, 0]]]]);
    const b = arange(0, 12, 1, 'float32').reshape([3, 2, 2]);
    const y = matmul(a, b);
    expect(y.shape).toEqual([2, 3, 2, 2]);
    expect(await values(y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9]);
    expect(tensor([[1, 2]]).matmul(b).shape).toEqual([3, 1, 2]);
  });

  it('uses transposed operands without materialising them', async () => {
    const at = tensor([[1, 4], [2, 5], [3, 6]]); // the transpose of [[1, 2, 3], [4, 5, 6]]
    expect(await at.matmul(tensor([[1], [1], [1]]), { transposeA: true }).array()).toEqual([[6], [15]]);
    const a = tensor([[1, 2, 3], [4, 5, 6]]);
    const b = tensor([[1, 0, -1], [1, 1, 1]]);
    expect(await a.matmul(b, { transposeB: true }).array()).toEqual([[-2, 6], [-2, 15]]);
    // aᵀ bᵀ = (b a)ᵀ: b is [2,3] with transposeA needing a [3,2] operand.
    const y = tensor([[1, 2], [3, 4], [5, 6]]).matmul(tensor([[1, 0, 1], [0, 1, 0]]), { transposeA: true, transposeB: true });
    // a' = [[1,3,5],[2,4,6]], b' = [[1,0],[0,1],[1,0]] → [[1+5, 3], [2+6, 4]]
    expect(await y.array()).toEqual([[6, 3], [8, 4]]);
  });

  it('ignores transpose flags on 1-D operands', async () => {
    expect(await tensor([1, 2]).matmul(tensor([3, 4]), { transposeA: true, transposeB: true }).item()).toBe(11);
  });

  it('computes int32 inputs in float32', async () => {
    const i = tensor([[1, 2]], { dtype: 'int32' }).matmul(tensor([[3], [4]], { dtype: 'int32' }));
    expect([i.dtype, await values(i)]).toEqual(['float32', [11]]);
  });

  it('gives zeros for an empty inner axis and an empty result for an empty outer one', async () => {
    expect(await zeros([2, 0]).matmul(zeros([0, 3])).array()).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(zeros([0, 2]).matmul(zeros([2, 3])).shape).toEqual([0, 3]);
  });

  it('names both shapes when the inner dimensions differ', () => {
    expect(() => zeros([2, 3]).matmul(zeros([4, 5]))).toThrow('matmul: inner dimensions differ: a is [2,3], b is [4,5]');
    expect(zeros([2, 3]).matmul(zeros([2, 3]), { transposeB: true }).shape).toEqual([2, 2]);
    expect(() => zeros([2, 3]).matmul(zeros([2, 3]), { transposeA: true, transposeB: true })).toThrow(
      'matmul: inner dimensions differ: a is [2,3] (transposed), b is [2,3] (transposed)',
    );
  });

  it('names the caller\'s shapes for 1-D operands', () => {
    expect(() => zeros([3]).matmul(zeros([4]))).toThrow('matmul: inner dimensions differ: a is [3], b is [4]');
    expect(() => zeros([3]).matmul(zeros([4, 5]))).toThrow('matmul: inner dimensions differ: a is [3], b is [4,5]');
    expect(zeros([2, 3]).matmul(zeros([2]), { transposeA: true, transposeB: true }).shape).toEqual([3]);
    expect(() => zeros([2, 3]).matmul(zeros([3]), { transposeA: true })).toThrow('matmul: inner dimensions differ: a is [2,3] (transposed), b is [3]');
  });

  it('refuses scalars and batches that do not broadcast', () => {
    expect(() => tensor(2).matmul(zeros([2]))).toThrow('matmul: operands must have rank 1 or more, got a [] and b [2]');
    expect(() => zeros([2, 2, 2]).matmul(zeros([3, 2, 2]))).toThrow(
      'matmul: cannot broadcast batch of a [2] with batch of b [3]: extents 2 and 3 differ on axis -1 and neither is 1',
    );
  });
});

describe('dense', () => {
  const x = tensor([[1, -2], [0.5, 3]]);
  const w = tensor([[1, 0, -1], [2, 1, 0]]);
  const b = tensor([0.5, -4, 1]);
  // x @ w = [[-3, -2, -1], [6.5, 3, -0.5]]; + b = [[-2.5, -6, 0], [7, -1, 0.5]]
  const z = [[-2.5, -6, 0], [7, -1, 0.5]];

  it.each<[DenseActivation, (v: number) => number]>([
    ['linear', (v) => v], ['relu', (v) => Math.max(v, 0)], ['sigmoid', (v) => 1 / (1 + Math.exp(-v))], ['tanh', Math.tanh],
  ])('%s: act(x @ w + b)', async (activation, f) => {
    const got = (await dense(x, w, b, { activation }).array()) as number[][];
    got.flat().forEach((v, i) => expect(v).toBeCloseTo(f(z.flat()[i]!), 6));
  });

  it('takes x of any rank over its last axis', async () => {
    expect(dense(tensor([1, -2]), w, b).shape).toEqual([3]);
    expect(await dense(x.reshape([1, 2, 2]), w, b).array()).toEqual([z]);
  });

  it('runs one op with a bias, matmul then the activation without one', () => {
    const seen: string[] = [];
    const stop = onOp((op) => void seen.push(op));
    try {
      scope(() => {
        dense(x, w, b, { activation: 'relu' });
        dense(x, w, null, { activation: 'relu' });
        dense(x, w);
      });
    } finally {
      stop();
    }
    expect(seen).toEqual(['dense', 'matmul', 'relu', 'matmul']);
  });

  it('names the shapes that do not fit', () => {
    expect(() => dense(x, tensor([[1, 2]]), tensor([1, 2]))).toThrow("dense: x [2,2] must end in w's input extent 1 (w is [1,2])");
    expect(() => dense(x, w, tensor([1, 2]))).toThrow('dense: b must have shape [3], got [2]');
    expect(() => dense(x, w, b, { activation: 'gelu' as DenseActivation })).toThrow('dense: activation must be one of linear, relu, sigmoid, tanh, got "gelu"');
  });
});
