// conv2d and 2-D pooling on small hand-computed examples: cross-correlation, 'same' and 'valid'
// padding, stride, dilation, groups, padding never winning a max, countIncludePad, ceilMode, and shape errors.
import { arange, avgPool2d, avgPoolAttrs, conv2d, conv2dAttrs, maxPool2d, ones, poolAttrs, tensor, zeros, type Tensor } from '@webgrad/tensor';
import { describe, expect, it } from 'vitest';

/** [1, 1, n, n] holding 1..n² row by row. */
const grid = (n: number): Tensor => arange(1, n * n + 1, 1, 'float32').reshape([1, 1, n, n]);
const plane = async (t: Tensor): Promise<number[][]> => ((await t.array()) as number[][][][])[0]![0]!;

describe('conv2d', () => {
  it('sums each window against the filter (valid by default)', async () => {
    const y = conv2d(grid(3), ones([1, 1, 2, 2]));
    expect(y.shape).toEqual([1, 1, 2, 2]);
    // 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9
    expect(await plane(y)).toEqual([[12, 16], [24, 28]]);
  });

  it('is cross-correlation: the filter is not flipped', async () => {
    // out[p][q] = x[p][q] - x[p+1][q+1] = -4 everywhere on the 1..9 grid (a flipped filter gives +4).
    const y = conv2d(grid(3), tensor([[[[1, 0], [0, -1]]]]));
    expect(await plane(y)).toEqual([[-4, -4], [-4, -4]]);
  });

  it("pads with zeros for 'same', keeping the extent at stride 1", async () => {
    const y = conv2d(grid(3), ones([1, 1, 3, 3]), { padding: 'same' });
    expect(await plane(y)).toEqual([[12, 21, 16], [27, 45, 33], [24, 39, 28]]);
  });

  it('strides over explicitly padded input', async () => {
    // Windows start at -1 and 1 on each axis: the four 2×2 corners of the grid.
    const y = conv2d(grid(3), ones([1, 1, 3, 3]), { padding: 1, stride: 2 });
    expect(await plane(y)).toEqual([[12, 16], [24, 28]]);
  });

  it('spreads the taps with dilation', async () => {
    // A 2×2 filter with dilation 2 touches the four corners: 1 + 3 + 7 + 9.
    expect(await plane(conv2d(grid(3), ones([1, 1, 2, 2]), { dilation: 2 }))).toEqual([[20]]);
  });

  it('sums over input channels and keeps the batch apart', async () => {
    const x = tensor([[[[1, 2], [3, 4]], [[10, 20], [30, 40]]], [[[0, 0], [0, 1]], [[0, 0], [0, 2]]]]);
    const y = conv2d(x, tensor([[[[1]], [[0.5]]]]));
    expect(await y.array()).toEqual([[[[6, 12], [18, 24]]], [[[0, 0], [0, 2]]]]);
  });

  it('convolves each group of channels with its own filters', async () => {
    const x = tensor([[[[1, 2], [3, 4]], [[10, 20], [30, 40]]]]);
    const y = conv2d(x, tensor([[[[2]]], [[[3]]]]), { groups: 2 });
    expect(await y.array()).toEqual([[[[2, 4], [6, 8]], [[30, 60], [90, 120]]]]);
  });

  it('computes output shapes from stride, padding, dilation and groups', () => {
    const x = zeros([2, 4, 7, 7]);
    const w = zeros([6, 2, 3, 3]);
    expect(conv2d(x, w, { groups: 2 }).shape).toEqual([2, 6, 5, 5]);
    expect(conv2d(x, w, { groups: 2, stride: 2 }).shape).toEqual([2, 6, 3, 3]);
    expect(conv2d(x, w, { groups: 2, stride: 2, padding: 'same' }).shape).toEqual([2, 6, 4, 4]);
    expect(conv2d(x, w, { groups: 2, dilation: 2 }).shape).toEqual([2, 6, 3, 3]);
    expect(conv2d(x, w, { groups: 2, dilation: 2, padding: 'same' }).shape).toEqual([2, 6, 7, 7]);
    expect(conv2d(x, w, { groups: 2, stride: [1, 2] }).shape).toEqual([2, 6, 5, 3]);
    expect(conv2d(x, w, { groups: 2, padding: [1, 2] }).shape).toEqual([2, 6, 7, 9]);
    expect(conv2d(x, w, { groups: 2, padding: [0, 1, 2, 3] }).shape).toEqual([2, 6, 6, 10]);
    expect(conv2d(x, zeros([4, 1, 3, 3]), { groups: 4 }).shape).toEqual([2, 4, 5, 5]);
  });

  it("splits odd 'same' padding with the extra row and column after", () => {
    expect(conv2dAttrs([1, 1, 4, 4], [1, 1, 2, 2], { padding: 'same' }).padding).toEqual([0, 1, 0, 1]);
    expect(conv2dAttrs([1, 1, 5, 6], [1, 1, 3, 3], { padding: 'same', stride: 2 }).padding).toEqual([1, 1, 0, 1]);
    expect(conv2dAttrs([1, 1, 5, 5], [1, 1, 3, 3], { padding: 'valid', stride: [2, 1], dilation: 2 })).toEqual({
      stride: [2, 1], dilation: [2, 2], groups: 1, padding: [0, 0, 0, 0],
    });
  });

  it('computes int32 input in float32', async () => {
    const y = conv2d(grid(2).cast('int32'), ones([1, 1, 2, 2], 'int32'));
    expect([y.dtype, await plane(y)]).toEqual(['float32', [[10]]]);
  });

  it('names the shapes that do not fit', () => {
    expect(() => conv2d(zeros([1, 3, 3]), zeros([1, 1, 2, 2]))).toThrow(
      'conv2d: x must be [N,C,H,W] and filter [O,C/groups,KH,KW], got [1,3,3] and [1,1,2,2]',
    );
    expect(() => conv2d(zeros([1, 3, 4, 4]), zeros([2, 2, 3, 3]))).toThrow(
      'conv2d: filter [2,2,3,3] expects 2 input channels with groups 1, x [1,3,4,4] has 3',
    );
    expect(() => conv2d(zeros([1, 4, 4, 4]), zeros([3, 2, 3, 3]), { groups: 2 })).toThrow(
      'conv2d: groups 2 must divide input channels 4 and output channels 3',
    );
    expect(() => conv2d(zeros([1, 1, 2, 2]), zeros([1, 1, 3, 3]))).toThrow(
      'conv2d: a window of 3 (kernel 3, dilation 1) does not fit an input of 2 padded by 0+0',
    );
    expect(() => conv2d(zeros([1, 1, 4, 4]), zeros([1, 1, 2, 2]), { dilation: 4 })).toThrow(
      'conv2d: a window of 5 (kernel 2, dilation 4) does not fit an input of 4 padded by 0+0',
    );
  });

  it('names bad options', () => {
    const [x, w] = [zeros([1, 1, 4, 4]), zeros([1, 1, 2, 2])];
    expect(() => conv2d(x, w, { stride: 0 })).toThrow('conv2d: stride must be 2 positive integers, got [0,0]');
    expect(() => conv2d(x, w, { padding: -1 })).toThrow('conv2d: padding must be 4 non-negative integers, got [-1,-1,-1,-1]');
    expect(() => conv2d(x, w, { groups: 0 })).toThrow('conv2d: groups must be 1 positive integers, got [0]');
    expect(() => conv2d(x, w, { padding: 'full' as never })).toThrow(`conv2d: padding must be 'valid', 'same', a number, [h, w] or [top, bottom, left, right], got "full"`);
    expect(() => conv2d(x, w, { padding: [1, 1, 1] as never })).toThrow('got [1,1,1]');
  });
});

describe('maxPool2d and avgPool2d', () => {
  it('take the max or mean of each window, stride = window by default', async () => {
    const x = grid(4);
    expect(await plane(maxPool2d(x, 2))).toEqual([[6, 8], [14, 16]]);
    expect(await plane(avgPool2d(x, 2))).toEqual([[3.5, 5.5], [11.5, 13.5]]);
  });

  it('slide with an explicit stride and rectangular windows', async () => {
    expect(await plane(maxPool2d(grid(3), 2, { stride: 1 }))).toEqual([[5, 6], [8, 9]]);
    expect(await plane(avgPool2d(grid(3), 2, { stride: 1 }))).toEqual([[3, 4], [6, 7]]);
    expect(await plane(maxPool2d(grid(3), [1, 3]))).toEqual([[3], [6], [9]]);
    expect(await plane(avgPool2d(grid(3), [3, 1]))).toEqual([[4, 5, 6]]);
  });

  it("'same' pads after; padding never wins the max and counts in the mean unless countIncludePad is false", async () => {
    // Windows {1,2,4,5}, {3,6}, {7,8}, {9}; torch: avg_pool2d(pad(x, (0,1,0,1)), 2) for the default.
    expect(await plane(maxPool2d(grid(3), 2, { padding: 'same' }))).toEqual([[5, 6], [8, 9]]);
    expect(await plane(avgPool2d(grid(3), 2, { padding: 'same' }))).toEqual([[3, 2.25], [3.75, 2.25]]);
    expect(await plane(avgPool2d(grid(3), 2, { padding: 'same', countIncludePad: false }))).toEqual([[3, 4.5], [7.5, 9]]);
  });

  it('never lets zero padding beat negative values; averages match torch with and without countIncludePad', async () => {
    const y = maxPool2d(grid(3).neg(), 3, { stride: 1, padding: 1 });
    expect(await plane(y)).toEqual([[-1, -1, -2], [-1, -1, -2], [-4, -4, -5]]);
    // torch: avg_pool2d(x, 3, 1, 1) and avg_pool2d(x, 3, 1, 1, count_include_pad=False).
    const a = await plane(avgPool2d(grid(3), 3, { stride: 1, padding: 1 }));
    [[12 / 9, 21 / 9, 16 / 9], [27 / 9, 5, 33 / 9], [24 / 9, 39 / 9, 28 / 9]].flat().forEach((v, i) => expect(a.flat()[i]).toBeCloseTo(v, 6));
    expect(await plane(avgPool2d(grid(3), 3, { stride: 1, padding: 1, countIncludePad: false }))).toEqual([[3, 3.5, 4], [4.5, 5, 5.5], [6, 6.5, 7]]);
  });

  it('round the output up with ceilMode; the excess past the padding never counts (torch: avg_pool2d(x, 3, 2, 1, ceil_mode=True))', async () => {
    const x = arange(1, 37, 1, 'float32').reshape([1, 1, 6, 6]);
    expect(maxPool2d(x, 3, { stride: 2, padding: 1 }).shape).toEqual([1, 1, 3, 3]);
    expect(await plane(maxPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true }))).toEqual([[8, 10, 12, 12], [20, 22, 24, 24], [32, 34, 36, 36], [32, 34, 36, 36]]);
    const a = await plane(avgPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true }));
    [[2, 4, 16 / 3, 3], [9, 15, 17, 9], [17, 27, 29, 15], [10.5, 16.5, 17.5, 9]].flat().forEach((v, i) => expect(a.flat()[i]).toBeCloseTo(v, 5));
    expect(await plane(avgPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true, countIncludePad: false })))
      .toEqual([[4.5, 6, 8, 9], [13.5, 15, 17, 18], [25.5, 27, 29, 30], [31.5, 33, 35, 36]]);
  });

  it('propagate NaN through max, keep channels and batch apart, and give float32', async () => {
    expect(await plane(maxPool2d(tensor([[[[1, NaN], [3, 2]]]]), 2))).toEqual([[NaN]]);
    const x = tensor([[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]], { dtype: 'int32' });
    const y = maxPool2d(x, 2);
    expect([y.dtype, y.shape, await y.array()]).toEqual(['float32', [1, 2, 1, 1], [[[[4]], [[8]]]]]);
  });

  it('compute pooling attributes', () => {
    expect(poolAttrs('maxPool2d', [1, 1, 5, 6], 3, { stride: 2, padding: 'same' })).toEqual({ kernel: [3, 3], stride: [2, 2], padding: [1, 1, 0, 1], ceilMode: false });
    expect(poolAttrs('avgPool2d', [1, 1, 4, 4], [2, 3], { ceilMode: true })).toEqual({ kernel: [2, 3], stride: [2, 3], padding: [0, 0, 0, 0], ceilMode: true });
    expect(avgPoolAttrs([1, 1, 4, 4], 2)).toEqual({ kernel: [2, 2], stride: [2, 2], padding: [0, 0, 0, 0], ceilMode: false, countIncludePad: true });
  });

  it('name the shapes and options that do not fit', () => {
    expect(() => maxPool2d(zeros([1, 4, 4]), 2)).toThrow('maxPool2d: x must be [N,C,H,W], got [1,4,4]');
    expect(() => avgPool2d(zeros([1, 1, 4, 4]), 2, { padding: 2 })).toThrow('avgPool2d: padding [2,2,2,2] must be smaller than the window [2,2]');
    expect(() => maxPool2d(zeros([1, 1, 2, 2]), 3)).toThrow('maxPool2d: a window of 3 (kernel 3, dilation 1) does not fit an input of 2 padded by 0+0');
    expect(() => maxPool2d(zeros([1, 1, 2, 2]), 0)).toThrow('maxPool2d: kernel must be 2 positive integers, got [0,0]');
    expect(() => avgPool2d(zeros([1, 1, 2, 2]), 2, { stride: [1, 0] })).toThrow('avgPool2d: stride must be 2 positive integers, got [1,0]');
  });
});
