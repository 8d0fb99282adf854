// Gated recurrent unit (Cho et al. 2014) over [batch, time, features] sequences, in the paper's
// form: the reset gate scales h before the recurrent matmul, and there is one bias.
import type { Tensor } from '../deps.js';
import { Recurrent, type RecurrentOptions } from './recurrent.js';

/**
 * A GRU layer. The gate columns of `weight`, `recurrentWeight` and `bias` are [z, r, n]
 * (Keras's order), each `hiddenSize` wide:
 *
 *   z = σ(x W_z + h U_z + b_z)            update gate
 *   r = σ(x W_r + h U_r + b_r)            reset gate
 *   n = tanh(x W_n + (r ⊙ h) U_n + b_n)   candidate
 *   h' = z ⊙ h + (1 - z) ⊙ n
 */
export class GRU extends Recurrent {
  readonly kind = 'gru';

  constructor(inputSize: number, hiddenSize: number, options?: RecurrentOptions) {
    super('gru', 3, inputSize, hiddenSize, 1, options);
  }

  /** U split once per sequence into [U_z U_r] and U_n: the candidate's matmul needs r first. */
  protected override recurrentParts(): Tensor[] {
    return this.recurrentWeight.split([2 * this.hiddenSize, this.hiddenSize], 1);
  }

  protected step(projected: Tensor, [h]: readonly Tensor[], [uzr, un]: readonly Tensor[]): Tensor[] {
    const [xzr, xn] = projected.split([2 * this.hiddenSize, this.hiddenSize], 1) as [Tensor, Tensor];
    const [z, r] = xzr.add(h!.matmul(uzr!)).sigmoid().split(2, 1) as [Tensor, Tensor];
    const n = xn.add(r.mul(h!).matmul(un!)).tanh();
    return [z.mul(h!).add(z.neg().add(1).mul(n))];
  }
}

/** A GRU over [batch, time, inputSize]; `forward(x, h0?)`. */
export const gru = (inputSize: number, hiddenSize: number, options?: RecurrentOptions): GRU => new GRU(inputSize, hiddenSize, options);
