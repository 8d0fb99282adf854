// Matrix products as users call them: 1-D operands are promoted like NumPy's matmul; dense
// layers (product, bias and activation) as one fused op.
import { composite } from './composite.js';
import { runOp } from '../engine.js';
import { fmt } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { DENSE_ACTIVATIONS, type DenseActivation } from '../ops.js';
import { castTo, unaryOp } from './elementwise.js';

/** Options of {@link matmul}. */
export interface MatmulOptions {
  /** Use the transpose of a's last two axes (never materialised). */
  transposeA?: boolean;
  /** Use the transpose of b's last two axes (never materialised). */
  transposeB?: boolean;
}

/**
 * Batched matrix product over the last two axes, broadcasting batch axes. A 1-D `a` is a row
 * vector and a 1-D `b` a column vector; the added axis is removed from the result. Computes in
 * float32; throws on rank 0 or when the inner dimensions differ.
 * @example
 * ```ts
 * wg.matmul(wg.randn([5, 8, 3]), wg.randn([3, 4])); // [5, 8, 4]
 * ```
 */
export const matmul = composite(function matmul(a: Tensor, b: Tensor, { transposeA = false, transposeB = false }: MatmulOptions = {}): Tensor {
  if (a.rank === 0 || b.rank === 0) throw new Error(`matmul: operands must have rank 1 or more, got a ${fmt(a.shape)} and b ${fmt(b.shape)}`);
  if (a.rank === 1 || b.rank === 1) {
    // Checked here so that the message shows the caller's shapes, not the promoted 2-D ones.
    const ka = a.rank === 1 ? a.size : a.shape[a.rank - (transposeA ? 2 : 1)];
    const kb = b.rank === 1 ? b.size : b.shape[b.rank - (transposeB ? 1 : 2)];
    const shown = (t: Tensor, transposed: boolean): string => `${fmt(t.shape)}${t.rank > 1 && transposed ? ' (transposed)' : ''}`;
    if (ka !== kb) throw new Error(`matmul: inner dimensions differ: a is ${shown(a, transposeA)}, b is ${shown(b, transposeB)}`);
  }
  const x = a.rank === 1 ? a.reshape([1, a.size]) : a;
  const y = b.rank === 1 ? b.reshape([b.size, 1]) : b;
  const out = runOp('matmul', [castTo(x, 'float32'), castTo(y, 'float32')], { transposeA: a.rank > 1 && transposeA, transposeB: b.rank > 1 && transposeB });
  if (a.rank === 1 && b.rank === 1) return out.reshape([]);
  if (a.rank === 1) return out.reshape([...out.shape.slice(0, -2), out.shape[out.rank - 1]!]);
  if (b.rank === 1) return out.reshape(out.shape.slice(0, -1));
  return out;
});

/** Options of {@link dense}. */
export interface DenseOptions {
  /** Applied to x @ w + b in the same kernel; 'linear' (none) by default. */
  activation?: DenseActivation;
}

/**
 * A fully connected layer, act(x @ w + b), over x's last axis: x is [..., k], w is [k, n] and b
 * is [n]. With a bias it runs as one fused primitive; without one it is matmul then the activation.
 */
export const dense = composite(function dense(x: Tensor, w: Tensor, b?: Tensor | null, { activation = 'linear' }: DenseOptions = {}): Tensor {
  const [xf, wf] = [castTo(x, 'float32'), castTo(w, 'float32')];
  if (b) return runOp('dense', [xf, wf, castTo(b, 'float32')], { activation });
  if (!DENSE_ACTIVATIONS.includes(activation)) throw new Error(`dense: activation must be one of ${DENSE_ACTIVATIONS.join(', ')}, got ${JSON.stringify(activation)}`);
  if (x.rank < 1 || w.rank !== 2) throw new Error(`dense: x must have rank 1 or more and w rank 2, got x ${fmt(x.shape)} and w ${fmt(w.shape)}`);
  const z = matmul(xf, wf);
  return activation === 'linear' ? z : unaryOp(activation, z);
});
