// Batched matmul of the 'wasm' backend: one packed gemm call (assembly/gemm.ts) per batch
// element, transposes passed as strides. When b has no batch axes and a is not transposed, the
// batch is folded into a's rows so a dense layer on [batch, seq, features] is a single gemm.
// dense is the same gemm with its bias and activation applied as each tile is stored.
import type { DenseActivation, Kernel } from '@webgrad/tensor';
import type { Heap } from '../heap.js';
import { EPI_LINEAR, EPI_RELU, EPI_SIGMOID, EPI_TANH } from '../op-codes.js';
import { broadcastStrides, sizeOf, stridesOf } from './strides.js';

/** The matmul kernel, bound to a module instance. */
export function matmulKernel(h: Heap): Kernel<'matmul', number> {
  return ({ inputs: [a, b], attrs: { transposeA, transposeB }, out }) => {
    const rank = out.shape.length;
    const [m, n] = [out.shape[rank - 2]!, out.shape[rank - 1]!];
    const k = transposeA ? a!.shape[a!.shape.length - 2]! : a!.shape[a!.shape.length - 1]!;
    // Element (i, p) of op(a) is at i * rsa + p * csa; element (p, j) of op(b) at p * rsb + j * csb.
    const [rsa, csa] = transposeA ? [1, m] : [k, 1];
    const [rsb, csb] = transposeB ? [1, k] : [n, 1];
    const batch = out.shape.slice(0, -2);
    const count = sizeOf(batch);
    const aBatch = broadcastStrides(a!.shape.slice(0, -2), batch);
    const bBatch = broadcastStrides(b!.shape.slice(0, -2), batch);
    const gemm = (rows: number, aPtr: number, bPtr: number, cPtr: number): void => h.gemm(rows, n, k, aPtr, rsa, csa, bPtr, rsb, csb, cPtr, n, false);
    if (bBatch.every((s) => s === 0) && !transposeA && aBatch.every((s, i) => s === stridesOf(batch)[i] || batch[i] === 1)) {
      gemm(count * m, a!.storage, b!.storage, out.storage);
      return;
    }
    const outStrides = stridesOf(batch);
    for (let t = 0; t < count; t++) {
      let [aOff, bOff] = [0, 0];
      outStrides.forEach((s, axis) => {
        const i = Math.floor(t / s) % batch[axis]!;
        aOff += i * aBatch[axis]!;
        bOff += i * bBatch[axis]!;
      });
      gemm(m, a!.storage + aOff * m * k * 4, b!.storage + bOff * k * n * 4, out.storage + t * m * n * 4);
    }
  };
}

const EPILOGUE: { readonly [A in DenseActivation]: number } = { linear: EPI_LINEAR, relu: EPI_RELU, sigmoid: EPI_SIGMOID, tanh: EPI_TANH };

/** dense: x's leading axes fold into gemm rows; bias and activation are gemm's store epilogue. */
export function denseKernel(h: Heap): Kernel<'dense', number> {
  return ({ inputs: [x, w, b], attrs: { activation }, out }) => {
    const [k, n] = w!.shape as [number, number];
    const rows = sizeOf(x!.shape.slice(0, -1));
    h.gemm(rows, n, k, x!.storage, k, 1, w!.storage, n, 1, out.storage, n, false, { code: EPILOGUE[activation], bias: b!.storage });
  };
}
