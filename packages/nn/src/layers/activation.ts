// Activation functions as layers, so they can sit in a sequential model.
import { softmax as softmaxOp, type GeluOptions, type Tensor } from '../deps.js';
import { Module } from '../module.js';

/** A parameter-free layer applying one function elementwise (or along an axis). */
export class Activation extends Module {
  constructor(readonly kind: string, private readonly fn: (x: Tensor) => Tensor) {
    super();
  }

  forward(x: Tensor): Tensor {
    return this.fn(x);
  }
}

/** max(x, 0). */
export const relu = (): Activation => new Activation('relu', (x) => x.relu());
/** x for x > 0, alpha x otherwise. */
export const leakyRelu = (alpha = 0.01): Activation => new Activation('leakyRelu', (x) => x.leakyRelu(alpha));
/** x for x > 0, alpha (e^x - 1) otherwise. */
export const elu = (alpha = 1): Activation => new Activation('elu', (x) => x.elu(alpha));
/** Gaussian error linear unit: exact x·Φ(x) by default, `{ approximate: 'tanh' }` for the tanh form. */
export const gelu = (options: GeluOptions = {}): Activation => new Activation('gelu', (x) => x.gelu(options));
/** 1 / (1 + e^-x). */
export const sigmoid = (): Activation => new Activation('sigmoid', (x) => x.sigmoid());
/** Hyperbolic tangent. */
export const tanh = (): Activation => new Activation('tanh', (x) => x.tanh());
/** Softmax along `axis` (the last by default). */
export const softmax = (axis = -1): Activation => new Activation('softmax', (x) => softmaxOp(x, axis));
/** Flattens every axis after the batch axis. */
export const flatten = (): Activation => new Activation('flatten', (x) => x.flatten(1));
