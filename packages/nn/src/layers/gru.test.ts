// gru: PyTorch's form against torch.nn.GRU (forward and every gradient); the old reset-before
// form (resetAfter: false) against a hand-worked case and a gate-by-gate reference; gradients of
// both vs central differences; checkpoints of one form refused by the other, by name.
import { describe, expect, it } from 'vitest';
import { randn, tensor, variable, zeros, type Tensor } from '../deps.js';
import { load, save } from '../checkpoint/checkpoint.js';
import { sequential } from './containers.js';
import { gru, type GRU } from './gru.js';
import { gradientPairs, onFloat64, summarise } from './testing.js';
const flat = async (t: Tensor): Promise<number[]> => [...(await t.data())];
const close = (got: number[], want: number[], digits = 5): void => {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, digits));
};
const sigma = (v: number): number => 1 / (1 + Math.exp(-v));

/** The reset-before GRU unrolled by hand: each gate from its own column block of W, U and b. */
function reference(layer: GRU, x: Tensor, h0?: Tensor): Tensor[] {
  const [batch, time, features] = x.shape as [number, number, number];
  const n = layer.hiddenSize;
  const block = (m: Tensor, k: number): Tensor => m.slice([0, k * n], [m.shape[0]!, (k + 1) * n]);
  const b = (k: number): Tensor => layer.bias.slice([k * n], [(k + 1) * n]);
  let h = h0 ?? zeros([batch, n]);
  const hs: Tensor[] = [];
  for (let t = 0; t < time; t++) {
    const xt = x.slice([0, t, 0], [batch, t + 1, features]).reshape([batch, features]);
    const z = xt.matmul(block(layer.weight, 0)).add(h.matmul(block(layer.recurrentWeight, 0))).add(b(0)).sigmoid();
    const r = xt.matmul(block(layer.weight, 1)).add(h.matmul(block(layer.recurrentWeight, 1))).add(b(1)).sigmoid();
    const candidate = xt.matmul(block(layer.weight, 2)).add(r.mul(h).matmul(block(layer.recurrentWeight, 2))).add(b(2)).tanh();
    h = z.mul(h).add(z.mul(-1).add(1).mul(candidate));
    hs.push(h);
  }
  return hs;
}

/** sin(k (i + 1)) s for i < n: the same numbers in the torch script that made the values below. */
const wave = (n: number, k: number, s: number): number[] => Array.from({ length: n }, (_, i) => Math.sin(k * (i + 1)) * s);

// From torch 1.13, float64: torch.nn.GRU(2, 2, batch_first=True) with weight_ih_l0 = W.T,
// weight_hh_l0 = U.T, bias_ih_l0 = b, bias_hh_l0 = c (the waves below), y = gru(x, h0),
// loss = (y * r).sum(); gradients transposed back to webgrad's layout.
const TORCH = {
  y: [0.354292, 0.0432018, 0.00361957, 0.0379144, -0.234669, -0.170843, 0.220521, -0.319873, 0.143878, 0.0327284, -0.168598, -0.150631],
  weight: [0.0113699, 0.0488512, 0.0413935, 0.00102265, -0.127357, -0.499173, 0.0176734, 0.00767313, 0.193219, -0.0830413, 0.96033, -0.122241],
  recurrentWeight: [-0.00714953, 0.0159, -0.0480365, 0.0276116, -0.00346386, -0.0795502, 0.00103281, -0.00812702, -0.0111091, -0.0218045, -0.116318, 0.0326426],
  bias: [-0.0315172, 0.0424483, -0.323157, 0.180554, -0.155254, -0.291345],
  recurrentBias: [-0.0315172, 0.0424483, -0.323157, 0.180554, -0.0463319, -0.171768],
  x: [0.126664, 0.257267, -0.195481, -0.166658, 0.029015, -0.0352684, 0.0506183, 0.308855, -0.265299, -0.32204, 0.0924472, 0.013232],
  h0: [0.0737106, 0.288354, 0.28308, 0.249995],
};

describe('gru in PyTorch form (the default)', () => {
  it('matches torch.nn.GRU with copied weights: output and every gradient', async () => {
    const layer = gru(2, 2);
    expect(layer.resetAfter).toBe(true);
    expect(layer.namedParameters().map(([name, p]) => `${name} [${p.shape.join(',')}]`)).toEqual(['weight [2,6]', 'recurrentWeight [2,6]', 'bias [6]', 'recurrentBias [6]']);
    layer.weight.assign(tensor(wave(12, 1.3, 0.6), { shape: [2, 6] }));
    layer.recurrentWeight.assign(tensor(wave(12, 0.7, 0.6), { shape: [2, 6] }));
    layer.bias.assign(tensor(wave(6, 2.1, 0.3)));
    layer.recurrentBias!.assign(tensor(wave(6, 1.7, 0.3)));
    const x = variable(tensor(wave(12, 0.9, 1), { shape: [2, 3, 2] }));
    const h0 = variable(tensor(wave(4, 2.9, 0.5), { shape: [2, 2] }));
    const y = layer.forward(x, h0);
    y.mul(tensor(wave(12, 1.1, 1), { shape: [2, 3, 2] })).sum().backward();
    close(await flat(y), TORCH.y);
    for (const [name, p] of [...layer.namedParameters(), ['x', x], ['h0', h0]] as const) close(await flat(p.grad!), TORCH[name as keyof typeof TORCH]);
  });

  it('back-propagates to every parameter and the input (central differences)', () =>
    onFloat64(async () => {
      const layer = gru(2, 2);
      layer.bias.assign(randn([6]));
      layer.recurrentBias!.assign(randn([6]));
      const x = variable(randn([2, 3, 2]));
      const r = randn([2, 3, 2]);
      const { maxError, nonZero } = summarise(await gradientPairs(() => layer.forward(x).mul(r).sum(), [...layer.parameters(), x]));
      expect(nonZero).toEqual([true, true, true, true, true]);
      expect(maxError).toBeLessThan(1e-6);
    }));
});

describe('gru checkpoints of the other form', () => {
  it('an old-form file (no recurrentBias) is refused by name, and loads into resetAfter: false', async () => {
    const old = await save(sequential(gru(2, 3, { resetAfter: false })));
    expect(() => load(sequential(gru(2, 3)), old)).toThrow("gru 'layers.0': the file holds an old-form GRU checkpoint (no recurrentBias: reset before the recurrent product, gates [z, r, n]); build the layer with { resetAfter: false } to load it");
    // Also when not strict: the shapes fit, the meaning would not.
    expect(() => load(sequential(gru(2, 3)), old, { strict: false })).toThrow('old-form GRU checkpoint');
    expect(() => load(sequential(gru(2, 3, { resetAfter: false })), old)).not.toThrow();
  });

  it('a PyTorch-form file is refused by a resetAfter: false layer', async () => {
    const file = await save(gru(2, 3));
    expect(() => load(gru(2, 3, { resetAfter: false }), file)).toThrow('gru: the file holds a PyTorch-form GRU checkpoint (with recurrentBias); build the layer without { resetAfter: false } to load it');
  });
});

describe('gru with resetAfter: false (the reset-before form, the old default)', () => {
  it('matches a one-unit sequence worked by hand', async () => {
    const layer = gru(1, 1, { resetAfter: false });
    // Columns [z, r, n].
    layer.weight.assign(tensor([[0.5, -1, 2]]));
    layer.recurrentWeight.assign(tensor([[0.3, 0.7, -0.4]]));
    layer.bias.assign(tensor([0.1, 0.2, -0.1]));
    let h = 0.5;
    const want: number[] = [];
    for (const x of [1, -0.5, 2]) {
      const [z, r] = [sigma(0.5 * x + 0.3 * h + 0.1), sigma(-x + 0.7 * h + 0.2)];
      const n = Math.tanh(2 * x - 0.4 * (r * h) - 0.1);
      h = z * h + (1 - z) * n;
      want.push(h);
    }
    close(await flat(layer.forward(tensor([[[1], [-0.5], [2]]]), tensor([[0.5]]))), want, 6);
  });

  it('matches the gate-by-gate reference on a batch, from a given initial state', async () => {
    const layer = gru(3, 4, { resetAfter: false });
    layer.bias.assign(randn([12]));
    const [x, h0] = [randn([2, 5, 3]), randn([2, 4])];
    const hs = reference(layer, x, h0);
    const y = layer.forward(x, h0);
    expect(y.shape).toEqual([2, 5, 4]);
    for (let t = 0; t < 5; t++) close(await flat(y.slice([0, t, 0], [2, t + 1, 4])), await flat(hs[t]!));
    const last = gru(3, 4, { returnSequences: false, resetAfter: false });
    last.weight.assign(layer.weight.mul(1));
    last.recurrentWeight.assign(layer.recurrentWeight.mul(1));
    last.bias.assign(layer.bias.mul(1));
    close(await flat(last.forward(x, h0)), await flat(hs[4]!));
  });

  it('back-propagates to weight, recurrent weight, bias and input', () =>
    onFloat64(async () => {
      const layer = gru(2, 2, { resetAfter: false });
      layer.bias.assign(randn([6]));
      const x = variable(randn([2, 3, 2]));
      const r = randn([2, 3, 2]);
      const { maxError, nonZero } = summarise(await gradientPairs(() => layer.forward(x).mul(r).sum(), [layer.weight, layer.recurrentWeight, layer.bias, x]));
      expect(nonZero).toEqual([true, true, true, true]);
      expect(maxError).toBeLessThan(1e-6);
    }));
});
