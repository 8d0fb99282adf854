// Gated recurrent unit (Cho et al. 2014) over [batch, time, features] sequences, by default in
// PyTorch's form (torch.nn.GRU, also Keras's reset_after=True): the reset gate scales the
// recurrent product, and the input and recurrent projections have a bias each.
import type { Tensor } from '../deps.js';
import { Recurrent, type RecurrentOptions } from './recurrent.js';

/** Options of the GRU. */
export interface GRUOptions extends RecurrentOptions {
  /**
   * PyTorch's form (default true): gates [r, z, n], reset applied after the recurrent product,
   * `bias` and `recurrentBias`. False is the paper's form, webgrad's default before this
   * release: gates [z, r, n], reset applied to h before the product, `bias` alone. Checkpoints
   * of one form do not load into the other.
   */
  resetAfter?: boolean;
}

/**
 * A GRU layer. `weight` [in, 3h], `recurrentWeight` [h, 3h] and the biases [3h] hold the gates
 * in column blocks, each `hiddenSize` wide. In PyTorch's form (the default), blocks [r, z, n]:
 *
 *   r = σ(x W_r + b_r + h U_r + c_r)          reset gate   (b: bias, c: recurrentBias)
 *   z = σ(x W_z + b_z + h U_z + c_z)          update gate
 *   n = tanh(x W_n + b_n + r ⊙ (h U_n + c_n)) candidate
 *   h' = (1 - z) ⊙ n + z ⊙ h
 *
 * so torch.nn.GRU's `weight_ih_l0` is `weight` transposed, `weight_hh_l0` is `recurrentWeight`
 * transposed, `bias_ih_l0` is `bias` and `bias_hh_l0` is `recurrentBias`. With
 * `resetAfter: false`, blocks [z, r, n] and one bias: n = tanh(x W_n + (r ⊙ h) U_n + b_n).
 */
export class GRU extends Recurrent {
  readonly kind = 'gru';
  /** Whether the reset gate applies after the recurrent product (PyTorch's form, the default) or before it. */
  readonly resetAfter: boolean;

  constructor(inputSize: number, hiddenSize: number, options: GRUOptions = {}) {
    const resetAfter = options.resetAfter ?? true;
    super('gru', 3, inputSize, hiddenSize, 1, options, resetAfter);
    this.resetAfter = resetAfter;
  }

  /** Reset-before needs U split into [U_z U_r] and U_n once per sequence: the candidate's product needs r first. */
  protected override recurrentParts(): Tensor[] {
    return this.resetAfter ? [this.recurrentWeight] : this.recurrentWeight.split([2 * this.hiddenSize, this.hiddenSize], 1);
  }

  protected step(projected: Tensor, [h]: readonly Tensor[], parts: readonly Tensor[]): Tensor[] {
    const split = (t: Tensor): [Tensor, Tensor] => t.split([2 * this.hiddenSize, this.hiddenSize], 1) as [Tensor, Tensor];
    const [x2, xn] = split(projected);
    let z: Tensor, n: Tensor;
    if (this.resetAfter) {
      const [h2, hn] = split(h!.matmul(parts[0]!).add(this.recurrentBias!));
      const [r, update] = x2.add(h2).sigmoid().split(2, 1) as [Tensor, Tensor];
      [z, n] = [update, xn.add(r.mul(hn)).tanh()];
    } else {
      const [update, r] = x2.add(h!.matmul(parts[0]!)).sigmoid().split(2, 1) as [Tensor, Tensor];
      [z, n] = [update, xn.add(r.mul(h!).matmul(parts[1]!)).tanh()];
    }
    return [n.add(z.mul(h!.sub(n)))];
  }

  /** A file of the other form is named as such: its tensors fit the shapes but mean something else. */
  override checkpointProblems(has: (name: string) => boolean): string[] {
    if (!has('weight') || has('recurrentBias') === this.resetAfter) return [];
    return this.resetAfter
      ? [`${this.describe()}: the file holds an old-form GRU checkpoint (no recurrentBias: reset before the recurrent product, gates [z, r, n]); build the layer with { resetAfter: false } to load it`]
      : [`${this.describe()}: the file holds a PyTorch-form GRU checkpoint (with recurrentBias); build the layer without { resetAfter: false } to load it`];
  }
}

/** A GRU over [batch, time, inputSize]; `forward(x, h0?)`. */
export const gru = (inputSize: number, hiddenSize: number, options?: GRUOptions): GRU => new GRU(inputSize, hiddenSize, options);
