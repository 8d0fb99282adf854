// The Elman (1990) recurrent layer: h_t = tanh(x_t W + h_{t-1} U + b).
import type { Tensor } from '../deps.js';
import { Recurrent, type RecurrentOptions } from './recurrent.js';

/** A fully connected recurrent layer with a tanh activation; weights [in, hidden] and [hidden, hidden]. */
export class SimpleRNN extends Recurrent {
  readonly kind = 'simpleRNN';

  constructor(inputSize: number, hiddenSize: number, options?: RecurrentOptions) {
    super('simpleRNN', 1, inputSize, hiddenSize, 1, options);
  }

  protected step(projected: Tensor, [h]: readonly Tensor[], [u]: readonly Tensor[]): Tensor[] {
    return [projected.add(h!.matmul(u!)).tanh()];
  }
}

/** A simple (Elman) RNN over [batch, time, inputSize] sequences. */
export const simpleRNN = (inputSize: number, hiddenSize: number, options?: RecurrentOptions): SimpleRNN => new SimpleRNN(inputSize, hiddenSize, options);
