// Reference kernels of the fused ops: dense (matrix product, bias and activation in one pass)
// and softmax/logSoftmax along one axis. Double precision throughout, rounded once on store.
import type { Kernel } from '../../backend.js';
import type { TypedArray } from '../../dtype.js';
import type { DenseActivation } from '../../ops.js';
import { sizeOf } from '../../shape.js';

/** The activations of dense, as the elementwise reference kernels compute them. */
export const activations: { readonly [A in DenseActivation]: (v: number) => number } = {
  linear: (v) => v,
  relu: (v) => (Number.isNaN(v) ? NaN : v > 0 ? v : 0),
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
  tanh: Math.tanh,
};

/** out[r, j] = act(sum_p x[r, p] w[p, j] + b[j]) with x seen as [rows, k]. */
export const dense: Kernel<'dense', TypedArray> = ({ inputs: [x, w, b], attrs: { activation }, out }) => {
  const [X, W, B, Y] = [x!.storage, w!.storage, b!.storage, out.storage];
  const [k, n] = w!.shape as [number, number];
  const rows = sizeOf(x!.shape.slice(0, -1));
  const act = activations[activation];
  const row = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < n; j++) row[j] = B[j]!;
    for (let p = 0; p < k; p++) {
      const xv = X[r * k + p]!;
      for (let j = 0; j < n; j++) row[j]! += xv * W[p * n + j]!;
    }
    for (let j = 0; j < n; j++) Y[r * n + j] = act(row[j]!);
  }
};

/**
 * Softmax or its log along `axis`, shifted by the row's maximum when that is finite (an
 * infinite or NaN maximum shifts by 0, so +Inf gives NaN and a row of -Inf gives NaN, as the
 * composite exp(x - m) / sum did).
 */
function alongAxis(log: boolean): Kernel<'softmax' | 'logSoftmax', TypedArray> {
  return ({ inputs: [x], attrs: { axis }, out }) => {
    const [X, Y] = [x!.storage, out.storage];
    const extent = x!.shape[axis]!;
    const inner = sizeOf(x!.shape.slice(axis + 1));
    const outer = sizeOf(x!.shape.slice(0, axis));
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const at = (t: number): number => (o * extent + t) * inner + i;
        let m = -Infinity;
        for (let t = 0; t < extent; t++) {
          const v = X[at(t)]!;
          if (Number.isNaN(v) || v > m) m = Number.isNaN(m) ? m : v;
        }
        const shift = Number.isFinite(m) ? m : 0;
        let s = 0;
        for (let t = 0; t < extent; t++) s += Math.exp(X[at(t)]! - shift);
        for (let t = 0; t < extent; t++) {
          const v = X[at(t)]! - shift;
          Y[at(t)] = log ? v - Math.log(s) : Math.exp(v) / s;
        }
      }
    }
  };
}

/** The fused part of the reference kernel table. */
export const fusedKernels = { dense, softmax: alongAxis(false), logSoftmax: alongAxis(true) };
