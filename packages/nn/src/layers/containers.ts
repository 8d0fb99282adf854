// Composing modules: a sequential chain, and any graph written as a plain function of named
// child modules (skip connections, several inputs).
import type { Tensor } from '../deps.js';
import { Module } from '../module.js';

/** Applies its layers in order; their paths are `layers.0`, `layers.1`, ... */
export class Sequential extends Module {
  readonly kind = 'sequential';
  readonly layers: readonly Module[];

  constructor(layers: readonly Module[]) {
    super();
    this.layers = layers.map((layer, i) => this.module(`layers.${i}`, layer));
  }

  forward(x: Tensor): Tensor {
    return this.layers.reduce((h, layer) => layer.forward(h), x);
  }
}

/** A chain of layers. */
export const sequential = (...layers: Module[]): Sequential => new Sequential(layers);

/** A model defined by a function of its named children and its inputs. */
export class Graph<C extends Record<string, Module>> extends Module {
  readonly kind = 'graph';
  readonly children: C;

  constructor(children: C, private readonly fn: (children: C, ...inputs: Tensor[]) => Tensor) {
    super();
    for (const [name, child] of Object.entries(children)) this.module(name, child);
    this.children = children;
  }

  forward(...inputs: Tensor[]): Tensor {
    return this.fn(this.children, ...inputs);
  }
}

/**
 * A model whose forward pass is any function of its children, e.g. a residual block:
 * `graph({ a: dense(8, 8), b: dense(8, 8) }, ({ a, b }, x) => b.forward(a.forward(x).relu()).add(x))`.
 */
export const graph = <C extends Record<string, Module>>(children: C, forward: (children: C, ...inputs: Tensor[]) => Tensor): Graph<C> => new Graph(children, forward);
