// A lookup table: int32 indices of any shape pick rows of a learned [numEmbeddings, dim] weight,
// giving [...indices, dim]. Gradients reach only the rows that were picked.
import { gather, type Tensor } from '../deps.js';
import { normal, type Initializer } from '../init.js';
import { Module } from '../module.js';

/** Options of {@link embedding}. */
export interface EmbeddingOptions {
  /** Initial table (normal with mean 0 and standard deviation 1 by default, as in PyTorch). */
  init?: Initializer;
}

/** Maps each index to its row of `weight`. */
export class Embedding extends Module {
  readonly kind = 'embedding';
  /** The table, [numEmbeddings, dim]. */
  readonly weight: Tensor;

  constructor(readonly numEmbeddings: number, readonly dim: number, { init = normal(0, 1) }: EmbeddingOptions = {}) {
    super();
    for (const [name, n] of [['numEmbeddings', numEmbeddings], ['dim', dim]] as const) {
      if (!Number.isInteger(n) || n <= 0) throw new Error(`embedding: ${name} must be a positive integer, got ${n}`);
    }
    this.weight = this.parameter('weight', init([numEmbeddings, dim]));
  }

  forward(indices: Tensor): Tensor {
    if (indices.dtype !== 'int32') throw new Error(`${this.describe()}: expected int32 indices, got ${indices.dtype} [${indices.shape.join(',')}]`);
    this.checkRange(indices);
    return gather(this.weight, indices, 0);
  }

  /**
   * Names the layer when an index is outside [0, numEmbeddings). Backends that read synchronously
   * (js, wasm) are checked here; on WebGPU a read would stall the device, so the gather kernel's
   * own behaviour applies there.
   */
  private checkRange(indices: Tensor): void {
    if (!indices.backend.readSync || indices.size === 0) return;
    const values = indices.dataSync();
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v < 0 || v >= this.numEmbeddings) {
        throw new Error(`${this.describe()}: index ${v} at flat position ${i} of indices [${indices.shape.join(',')}] is out of range [0, ${this.numEmbeddings})`);
      }
    }
  }
}

/** A table of `numEmbeddings` learned vectors of length `dim`. */
export const embedding = (numEmbeddings: number, dim: number, options?: EmbeddingOptions): Embedding => new Embedding(numEmbeddings, dim, options);
