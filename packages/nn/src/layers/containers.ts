// Composing modules: a sequential chain, and any graph written as a plain function of named
// child modules (skip connections, several inputs).
import type { DenseActivation, Tensor } from '../deps.js';
import { Module } from '../module.js';
import { Activation } from './activation.js';
import { Dense } from './dense.js';

/** Activation layers a linear dense layer before them can apply in its own kernel. */
const FUSABLE: ReadonlySet<string> = new Set<DenseActivation>(['relu', 'sigmoid', 'tanh']);

/**
 * Applies its layers in order; their paths are `layers.0`, `layers.1`, ... A linear dense layer
 * followed by a relu, sigmoid or tanh layer runs as one fused dense op (same values and gradients).
 */
export class Sequential extends Module {
  readonly kind = 'sequential';
  /** The layers in order; their parameters are `layers.0.…`, `layers.1.…`. */
  readonly layers: readonly Module[];

  constructor(layers: readonly Module[]) {
    super();
    this.layers = layers.map((layer, i) => this.module(`layers.${i}`, layer));
  }

  forward(x: Tensor): Tensor {
    let h = x;
    for (let i = 0; i < this.layers.length; i++) {
      const [layer, next] = [this.layers[i]!, this.layers[i + 1]];
      if (layer instanceof Dense && layer.activation === 'linear' && next instanceof Activation && FUSABLE.has(next.kind)) {
        h = layer.forwardWith(h, next.kind as DenseActivation);
        i++;
      } else {
        h = layer.forward(h);
      }
    }
    return h;
  }
}

/**
 * A chain of layers: each one's output is the next one's input. Parameters are named by
 * position, `layers.0.weight`, `layers.0.bias`, …
 * @example
 * ```ts
 * const model = nn.sequential(nn.dense(784, 128), nn.relu(), nn.dense(128, 10));
 * model.forward(wg.randn([32, 784])); // [32, 10]
 * ```
 */
export const sequential = (...layers: Module[]): Sequential => new Sequential(layers);

/** A model defined by a function of its named children and its inputs. */
export class Graph<C extends Record<string, Module>> extends Module {
  readonly kind = 'graph';
  /** The named child modules; their parameters are `<name>.…`. */
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
