// Long short-term memory (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et al. 2000)
// over [batch, time, features] sequences.
import { tensor, type Tensor } from '../deps.js';
import type { Initializer } from '../init.js';
import { Recurrent, type RecurrentOptions } from './recurrent.js';

/** Zeros with the forget gate's quarter set to 1, so that memory is kept early in training (Jozefowicz et al. 2015). */
const forgetGateBias = (hidden: number): Initializer => (shape) =>
  tensor(Float32Array.from({ length: shape[0]! }, (_, i) => (i >= hidden && i < 2 * hidden ? 1 : 0)), { shape });

/**
 * An LSTM layer. The gate columns of `weight`, `recurrentWeight` and `bias` are [i, f, g, o]
 * (PyTorch's order), each `hiddenSize` wide:
 *
 *   i = σ(x W_i + h U_i + b_i)      input gate
 *   f = σ(x W_f + h U_f + b_f)      forget gate
 *   g = tanh(x W_g + h U_g + b_g)   candidate cell
 *   o = σ(x W_o + h U_o + b_o)      output gate
 *   c' = f ⊙ c + i ⊙ g,   h' = o ⊙ tanh(c')
 */
export class LSTM extends Recurrent {
  readonly kind = 'lstm';

  constructor(inputSize: number, hiddenSize: number, options: RecurrentOptions = {}) {
    super('lstm', 4, inputSize, hiddenSize, 2, { biasInit: forgetGateBias(hiddenSize), ...options });
  }

  protected step(projected: Tensor, [h, c]: readonly Tensor[], [u]: readonly Tensor[]): Tensor[] {
    const [i, f, g, o] = projected.add(h!.matmul(u!)).split(4, 1) as [Tensor, Tensor, Tensor, Tensor];
    const cNext = f.sigmoid().mul(c!).add(i.sigmoid().mul(g.tanh()));
    return [o.sigmoid().mul(cNext.tanh()), cNext];
  }
}

/**
 * An LSTM over [batch, time, inputSize]; `forward(x, h0?, c0?)`. `run` also returns the final [h, c].
 */
export const lstm = (inputSize: number, hiddenSize: number, options?: RecurrentOptions): LSTM => new LSTM(inputSize, hiddenSize, options);
