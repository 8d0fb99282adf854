// conv2d layer: shapes for each option, hand-computed values, He init, gradients, shape errors.
import { describe, expect, it } from 'vitest';
import { randn, tensor, variable, type Tensor } from '../deps.js';
import { sequential } from './containers.js';
import { conv2d } from './conv2d.js';
import { gradientPairs, onFloat64, summarise } from './testing.js';

const flat = async (t: Tensor): Promise<number[]> => [...(await t.data())];

describe('conv2d layer', () => {
  it('gives the output shapes of valid, same, strided, dilated and grouped convolutions', () => {
    const x = randn([2, 3, 8, 8]);
    expect(conv2d(3, 8, 3).forward(x).shape).toEqual([2, 8, 6, 6]);
    expect(conv2d(3, 8, 3, { padding: 'same' }).forward(x).shape).toEqual([2, 8, 8, 8]);
    expect(conv2d(3, 8, 3, { padding: 'same', stride: 2 }).forward(x).shape).toEqual([2, 8, 4, 4]);
    expect(conv2d(3, 8, [3, 1], { padding: [1, 0] }).forward(x).shape).toEqual([2, 8, 8, 8]);
    expect(conv2d(3, 8, 3, { dilation: 2 }).forward(x).shape).toEqual([2, 8, 4, 4]);
    const grouped = conv2d(3, 6, 3, { groups: 3 });
    expect(grouped.weight.shape).toEqual([6, 1, 3, 3]);
    expect(grouped.forward(x).shape).toEqual([2, 6, 6, 6]);
    expect(conv2d(3, 8, 3, { bias: false }).namedParameters().map(([n]) => n)).toEqual(['weight']);
  });

  it('computes a hand-worked 3×3 case, with bias, padding and stride', async () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], { shape: [1, 1, 3, 3] });
    const layer = conv2d(1, 1, 2);
    layer.weight.assign(tensor([1, 1, 1, 1], { shape: [1, 1, 2, 2] }));
    layer.bias!.assign(tensor([0.5]));
    expect(await flat(layer.forward(x))).toEqual([12.5, 16.5, 24.5, 28.5]);
    // Padded by 1 and stepping by 2, the windows see 1 | 2+3 | 4+7 | 5+6+8+9.
    const strided = conv2d(1, 1, 2, { padding: 1, stride: 2, bias: false });
    strided.weight.assign(tensor([1, 1, 1, 1], { shape: [1, 1, 2, 2] }));
    expect(await flat(strided.forward(x))).toEqual([1, 5, 11, 28]);
  });

  it('keeps groups apart: each output channel sees only its own input channel', async () => {
    const layer = conv2d(2, 2, 1, { groups: 2, bias: false });
    layer.weight.assign(tensor([2, 3], { shape: [2, 1, 1, 1] }));
    const x = tensor([1, 2, 10, 20], { shape: [1, 2, 1, 2] });
    expect(await flat(layer.forward(x))).toEqual([2, 4, 30, 60]);
  });

  it('draws He-uniform filters: bound sqrt(6 / fanIn), variance 2 / fanIn', async () => {
    const w = await flat(conv2d(16, 32, 3).weight);
    const fanIn = 16 * 9;
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / fanIn));
    const variance = w.reduce((s, v) => s + v * v, 0) / w.length;
    expect(variance).toBeGreaterThan(0.9 * (2 / fanIn));
    expect(variance).toBeLessThan(1.1 * (2 / fanIn));
  });

  it('back-propagates to filters, bias and input as central differences do', () =>
    onFloat64(async () => {
      const layer = conv2d(2, 2, 2, { padding: 1, stride: [1, 2], groups: 1 });
      const x = variable(randn([1, 2, 3, 3]));
      const r = randn([1, 2, 4, 2]);
      const { maxError, nonZero } = summarise(await gradientPairs(() => layer.forward(x).mul(r).sum(), [layer.weight, layer.bias!, x]));
      expect(nonZero).toEqual([true, true, true]);
      expect(maxError).toBeLessThan(1e-6);
    }));

  it('names the layer and both shapes when the input does not fit', () => {
    const model = sequential(conv2d(3, 4, 5));
    expect(() => model.forward(randn([2, 4, 8, 8]))).toThrow("conv2d 'layers.0': expected input [N, 3, H, W], got [2,4,8,8]");
    expect(() => model.forward(randn([8, 8, 3]))).toThrow("conv2d 'layers.0': expected input [N, 3, H, W], got [8,8,3]");
    expect(() => model.forward(randn([1, 3, 4, 9]))).toThrow("conv2d 'layers.0': expected input [N, 3, H ≥ 5, W ≥ 5], got [1,3,4,9]");
    expect(() => conv2d(3, 4, 3, { groups: 2 })).toThrow('conv2d: groups 2 must divide inChannels 3 and outChannels 4');
  });
});
