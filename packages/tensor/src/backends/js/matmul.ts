// Reference batched matrix product with broadcast batches and transposed operands, accumulated
// in double precision per output row.
import type { Kernel } from '../../backend.js';
import type { TypedArray } from '../../dtype.js';
import { broadcastStrides, sizeOf, stridesOf } from '../../shape.js';

/** out[..., i, j] = sum_k a[..., i, k] * b[..., k, j], reading a or b transposed when asked. */
export const matmul: Kernel<'matmul', TypedArray> = ({ inputs: [a, b], attrs: { transposeA, transposeB }, out }) => {
  const [A, B, C] = [a!.storage, b!.storage, out.storage];
  const rank = out.shape.length;
  const [m, n] = [out.shape[rank - 2]!, out.shape[rank - 1]!];
  const k = transposeA ? a!.shape[a!.shape.length - 2]! : a!.shape[a!.shape.length - 1]!;
  // Element (i, k) of a is at i * ai + k * ak; element (k, j) of b is at k * bk + j * bj.
  const [ai, ak] = transposeA ? [1, m] : [k, 1];
  const [bk, bj] = transposeB ? [1, k] : [n, 1];
  const batch = out.shape.slice(0, -2);
  const aBatch = broadcastStrides(a!.shape.slice(0, -2), batch).map((s) => s * m * k);
  const bBatch = broadcastStrides(b!.shape.slice(0, -2), batch).map((s) => s * k * n);
  const outBatch = stridesOf(batch);
  const row = new Float64Array(n);
  for (let t = 0; t < sizeOf(batch); t++) {
    let [aOff, bOff] = [0, 0];
    outBatch.forEach((s, axis) => {
      const i = Math.floor(t / s) % batch[axis]!;
      aOff += i * aBatch[axis]!;
      bOff += i * bBatch[axis]!;
    });
    for (let i = 0; i < m; i++) {
      row.fill(0);
      for (let p = 0; p < k; p++) {
        const av = A[aOff + i * ai + p * ak]!;
        const bRow = bOff + p * bk;
        for (let j = 0; j < n; j++) row[j]! += av * B[bRow + j * bj]!;
      }
      C.set(row, (t * m + i) * n);
    }
  }
};
