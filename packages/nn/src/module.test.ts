// Modules and containers: the dotted paths of the registry (sequential, nested, graph), buffers,
// train/eval propagation, forward values, shape errors naming the layer, and dispose.
import { describe, expect, it } from 'vitest';
import { memory, tensor, type Tensor } from './deps.js';
import { constant } from './init.js';
import { dense } from './layers/dense.js';
import { relu, tanh } from './layers/activation.js';
import { graph, sequential } from './layers/containers.js';
import { Module } from './module.js';

/** A module with one parameter and one buffer, to see both registries. */
class Scaler extends Module {
  readonly kind = 'scaler';
  readonly scale: Tensor;
  constructor() {
    super();
    this.scale = this.parameter('scale', tensor([2]));
    this.buffer('calls', tensor([0]));
  }
  forward(x: Tensor): Tensor {
    return x.mul(this.scale);
  }
}

const names = (m: Module): string[] => m.namedParameters().map(([p]) => p);

describe('Module registry paths', () => {
  it('a sequential names its layers layers.0, layers.1, ... and skips parameter-free ones', () => {
    const m = sequential(dense(2, 3), relu(), dense(3, 1, { bias: false }));
    expect(names(m)).toEqual(['layers.0.weight', 'layers.0.bias', 'layers.2.weight']);
    expect(m.namedModules().map(([p, mod]) => `${p}:${mod.kind}`)).toEqual([':sequential', 'layers.0:dense', 'layers.1:relu', 'layers.2:dense']);
    expect(m.parameters().map((p) => p.shape)).toEqual([[2, 3], [3], [3, 1]]);
    m.dispose();
  });

  it('nested sequentials give nested paths, and each layer knows its own path', () => {
    const inner = sequential(dense(3, 4), tanh(), dense(4, 2));
    const m = sequential(dense(2, 3), inner);
    expect(names(m)).toEqual(['layers.0.weight', 'layers.0.bias', 'layers.1.layers.0.weight', 'layers.1.layers.0.bias', 'layers.1.layers.2.weight', 'layers.1.layers.2.bias']);
    expect(inner.path).toBe('layers.1');
    expect(inner.layers[2]!.path).toBe('layers.1.layers.2');
    expect(inner.layers[2]!.describe()).toBe("dense 'layers.1.layers.2'");
    // A child's own registry is relative to itself.
    expect(names(inner)).toEqual(['layers.0.weight', 'layers.0.bias', 'layers.2.weight', 'layers.2.bias']);
    m.dispose();
  });

  it('graph children are named by their keys, also inside a sequential', () => {
    const block = graph({ a: dense(2, 2), skip: dense(2, 2, { bias: false }) }, ({ a, skip }, x) => a.forward(x).add(skip.forward(x)));
    expect(names(block)).toEqual(['a.weight', 'a.bias', 'skip.weight']);
    const m = sequential(block, dense(2, 1));
    expect(names(m)).toEqual(['layers.0.a.weight', 'layers.0.a.bias', 'layers.0.skip.weight', 'layers.1.weight', 'layers.1.bias']);
    expect(block.children.skip.path).toBe('layers.0.skip');
    m.dispose();
  });

  it('the field a layer holds is the very tensor in the registry, trainable and kept', () => {
    const d = dense(2, 3);
    const [[, w], [, b]] = d.namedParameters() as [[string, Tensor], [string, Tensor]];
    expect(w).toBe(d.weight);
    expect(b).toBe(d.bias);
    expect(w.requiresGrad && w.kept && b.requiresGrad && b.kept).toBe(true);
    d.dispose();
  });

  it('buffers have their own registry with the same paths', () => {
    const m = sequential(dense(1, 1), new Scaler());
    expect(names(m)).toEqual(['layers.0.weight', 'layers.0.bias', 'layers.1.scale']);
    expect(m.namedBuffers().map(([p]) => p)).toEqual(['layers.1.calls']);
    m.dispose();
  });
});

describe('Module behaviour', () => {
  it('forward computes x W + b through the chain', async () => {
    const m = sequential(dense(2, 2, { init: constant(0.5), biasInit: constant(1) }), relu(), dense(2, 1, { init: constant(-1), biasInit: constant(0.25) }));
    const y = m.forward(tensor([[1, 2], [-4, -6]]));
    // Row 1: hidden = 0.5*1 + 0.5*2 + 1 = 2.5 (both units), output = -5 + 0.25. Row 2: hidden = -4 → relu 0.
    expect(Array.from(await y.data())).toEqual([-4.75, 0.25]);
    y.dispose();
    m.dispose();
  });

  it('a graph computes its function of the children (a residual block)', async () => {
    const block = graph({ a: dense(2, 2, { init: constant(1), biasInit: constant(0) }) }, ({ a }, x) => a.forward(x).add(x));
    const y = block.forward(tensor([[1, 2]]));
    expect(Array.from(await y.data())).toEqual([4, 5]);
    y.dispose();
    block.dispose();
  });

  it('graphs take several inputs', async () => {
    const g = graph({ s: new Scaler() }, ({ s }, x, z) => s.forward(x).sub(z!));
    const y = g.forward(tensor([1, 2]), tensor([10, 10]));
    expect(Array.from(await y.data())).toEqual([-8, -6]);
    y.dispose();
    g.dispose();
  });

  it('train() and eval() reach every module, however deep', () => {
    const m = sequential(dense(2, 2), sequential(relu(), graph({ d: dense(2, 2) }, ({ d }, x) => d.forward(x))));
    const modes = (): boolean[] => m.namedModules().map(([, mod]) => mod.training);
    expect(modes().every((t) => t)).toBe(true);
    expect(m.eval()).toBe(m);
    expect(modes()).toEqual(new Array(6).fill(false));
    m.train();
    expect(modes().every((t) => t)).toBe(true);
    m.train(false);
    expect(modes().some((t) => t)).toBe(false);
    m.dispose();
  });

  it('a wrong input shape is an error naming the layer path and both shapes', () => {
    const m = sequential(dense(3, 4), relu(), dense(4, 1));
    expect(() => m.forward(tensor([[1, 2]]))).toThrow("dense 'layers.0': expected input [..., 3], got [1,2]");
    expect(() => m.forward(tensor([1, 2, 3, 4, 5]).reshape([1, 5]))).toThrow(/layers\.0.*\[\.\.\., 3\].*\[1,5\]/);
    m.dispose();
  });

  it('refuses non-positive or fractional dense sizes', () => {
    expect(() => dense(0, 2)).toThrow('dense: inFeatures must be a positive integer, got 0');
    expect(() => dense(2, 1.5)).toThrow('dense: outFeatures must be a positive integer, got 1.5');
  });

  it('dispose frees every parameter and buffer', () => {
    const before = memory().liveTensors;
    const m = sequential(dense(2, 3), new Scaler(), sequential(dense(3, 1)));
    expect(memory().liveTensors - before).toBe(6);
    m.dispose();
    expect([...m.namedParameters(), ...m.namedBuffers()].every(([, t]) => t.isDisposed)).toBe(true);
    expect(memory().liveTensors).toBe(before);
  });
});
