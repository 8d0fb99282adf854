// The Tensor handle: shape, dtype and backend storage, plus chainable methods for every op.
// Methods only forward to the functions in api/, where each op is defined once.
import type { Backend } from './backend.js';
import type { DType, TypedArray } from './dtype.js';
import { moveStorage, readValues, release } from './engine.js';
import { fmt, type Shape } from './shape.js';
import * as act from './api/activations.js';
import { detach } from './api/detach.js';
import * as ew from './api/elementwise.js';
import { matmul, type MatmulOptions } from './api/linalg.js';
import * as red from './api/reduce.js';
import * as lay from './api/shape-ops.js';

type T = ew.TensorOrScalar;
// Tensors are disposable (`using t = …`). For consumers whose lib predates explicit resource
// management (lib es2022 with no @types/node), declare Symbol.dispose as TypeScript's
// esnext.disposable lib and @types/node do; the declarations merge where those are present.
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

/** Nested arrays of numbers (or booleans), as `array()` returns them. */
export type NestedValues = number | boolean | NestedValues[];

let backwardHandler: ((t: Tensor, seed?: Tensor) => void) | undefined;

/** Installs what `Tensor.backward` runs (done by @webgrad/autograd on import). */
export function setBackwardHandler(handler: (t: Tensor, seed?: Tensor) => void): void {
  backwardHandler = handler;
}

/**
 * An n-dimensional array on a backend. Create one with `tensor`, `zeros`, `randn`, ...;
 * free it with `dispose()`, `using`, or a `scope`.
 */
export class Tensor {
  /** Number of elements. */
  readonly size: number;
  /** Whether autograd tracks this tensor; set it on a leaf to have `backward()` fill `grad`. */
  requiresGrad = false;
  /** The gradient `backward()` accumulated into this leaf, or null. */
  grad: Tensor | null = null;
  /** Set by `keep`: scopes never dispose it. */
  kept = false;
  private disposed = false;

  /** @internal Made by the engine; use the creation functions. */
  constructor(
    /** @internal The backend's storage handle (replaced only by `assign`). */
    public storage: unknown,
    /** Extent of each axis. */
    readonly shape: Shape,
    /** Element type. */
    readonly dtype: DType,
    /** Where the values live. */
    readonly backend: Backend,
  ) {
    this.size = shape.reduce((a, b) => a * b, 1);
  }

  /** Number of axes. */
  get rank(): number {
    return this.shape.length;
  }

  /** Whether `dispose()` has freed it. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Frees the storage now; using the tensor afterwards is an error. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    release(this);
  }

  /**
   * Replaces this tensor's values with `value`'s, in place and without a copy: `value`'s storage
   * moves here and `value` is disposed. This is how optimisers update parameters.
   */
  assign(value: Tensor): this {
    moveStorage(value, this);
    return this;
  }

  /** @internal Marks the handle dead after its storage moved elsewhere. */
  retire(): void {
    this.disposed = true;
  }

  /** Frees the tensor at the end of a `using` block; the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /** The values, flat in row-major order (Float32Array, Int32Array, or Uint8Array for bool). */
  data(): Promise<TypedArray> {
    return readValues(this);
  }

  /** The values without waiting; only where the backend can do so without blocking a device. */
  dataSync(): TypedArray {
    if (this.disposed) throw new Error(`dataSync: ${this} was disposed`);
    if (!this.backend.readSync) throw new Error(`dataSync: backend '${this.backend.name}' cannot read synchronously; use await data()`);
    return this.backend.readSync(this.storage, this.dtype, this.size);
  }

  /** The values as nested arrays (booleans for bool). */
  async array(): Promise<NestedValues> {
    return nest(await this.data(), this.shape, this.dtype);
  }

  /** The only value of a one-element tensor. */
  async item(): Promise<number> {
    if (this.size !== 1) throw new Error(`item: needs a tensor with one element, got shape ${fmt(this.shape)}`);
    return (await this.data())[0]!;
  }

  /**
   * Computes gradients of this scalar and adds them into the `grad` of every leaf that has
   * `requiresGrad`. A non-scalar needs `seed`, the upstream gradient, of the same shape. Throws if
   * autograd was not imported or nothing this was computed from requires grad.
   * @example
   * ```ts
   * const w = wg.tensor([1, 2]);
   * w.requiresGrad = true;
   * w.mul(w).sum().backward();
   * await w.grad!.data(); // [2, 4]
   * ```
   */
  backward(seed?: Tensor): void {
    if (!backwardHandler) throw new Error('backward: autograd is not loaded; import it from webgrad or @webgrad/autograd');
    backwardHandler(this, seed);
  }

  /** A copy autograd does not differentiate through. */
  detach(): Tensor {
    return detach(this);
  }

  /** A short description such as `Tensor([2,3], float32)`, for logs and errors. */
  toString(): string {
    return `Tensor(${fmt(this.shape)}, ${this.dtype}${this.disposed ? ', disposed' : ''})`;
  }

  // ---- elementwise ----
  /** Elementwise −x; bool becomes int32; int32 and float32 keep their dtype. */
  neg(): Tensor { return ew.unaryOp('neg', this); }
  /** Elementwise |x|; bool becomes int32; int32 and float32 keep their dtype. */
  abs(): Tensor { return ew.unaryOp('abs', this); }
  /** Elementwise sign: −1, 0 or 1 (NaN stays NaN); bool becomes int32; int32 and float32 keep their dtype. */
  sign(): Tensor { return ew.unaryOp('sign', this); }
  /**
   * Elementwise max(x, 0); bool becomes int32; int32 and float32 keep their dtype.
   * @example
   * ```ts
   * wg.tensor([-1, 0, 2]).relu(); // [0, 0, 2]
   * ```
   */
  relu(): Tensor { return ew.unaryOp('relu', this); }
  /** Rounds each value down; bool becomes int32; int32 and float32 keep their dtype. */
  floor(): Tensor { return ew.unaryOp('floor', this); }
  /** Rounds each value up; bool becomes int32; int32 and float32 keep their dtype. */
  ceil(): Tensor { return ew.unaryOp('ceil', this); }
  /** Rounds half to even, as NumPy and WGSL do. */
  round(): Tensor { return ew.unaryOp('round', this); }
  /** Elementwise eˣ. Integer and bool inputs are cast to float32; the result is float32. */
  exp(): Tensor { return ew.unaryOp('exp', this); }
  /** Elementwise natural logarithm (NaN below 0, −Infinity at 0). Integer and bool inputs are cast to float32; the result is float32. */
  log(): Tensor { return ew.unaryOp('log', this); }
  /** Elementwise log(1 + x), accurate near 0. Integer and bool inputs are cast to float32; the result is float32. */
  log1p(): Tensor { return ew.unaryOp('log1p', this); }
  /** Elementwise eˣ − 1, accurate near 0. Integer and bool inputs are cast to float32; the result is float32. */
  expm1(): Tensor { return ew.unaryOp('expm1', this); }
  /** The error function, 2/√π ∫₀ˣ exp(−t²) dt. */
  erf(): Tensor { return ew.unaryOp('erf', this); }
  /** Elementwise square root (NaN below 0). Integer and bool inputs are cast to float32; the result is float32. */
  sqrt(): Tensor { return ew.unaryOp('sqrt', this); }
  /** Elementwise 1/√x. Integer and bool inputs are cast to float32; the result is float32. */
  rsqrt(): Tensor { return ew.unaryOp('rsqrt', this); }
  /** Elementwise 1/x. Integer and bool inputs are cast to float32; the result is float32. */
  reciprocal(): Tensor { return ew.unaryOp('reciprocal', this); }
  /** Elementwise sine (radians). Integer and bool inputs are cast to float32; the result is float32. */
  sin(): Tensor { return ew.unaryOp('sin', this); }
  /** Elementwise cosine (radians). Integer and bool inputs are cast to float32; the result is float32. */
  cos(): Tensor { return ew.unaryOp('cos', this); }
  /** Elementwise hyperbolic tangent. Integer and bool inputs are cast to float32; the result is float32. */
  tanh(): Tensor { return ew.unaryOp('tanh', this); }
  /** Elementwise logistic function 1/(1 + e⁻ˣ). Integer and bool inputs are cast to float32; the result is float32. */
  sigmoid(): Tensor { return ew.unaryOp('sigmoid', this); }
  /** Elementwise x·x, in x's dtype (for bool, x itself: true·true is true). */
  square(): Tensor { return act.square(this); }
  /** x where x > 0, `alpha`·x elsewhere (`alpha` 0.01 by default; slope `alpha` at 0, as PyTorch). */
  leakyRelu(alpha?: number): Tensor { return act.leakyRelu(this, alpha); }
  /** x where x > 0, `alpha`·(eˣ − 1) elsewhere (`alpha` 1 by default; Clevert et al. 2015). */
  elu(alpha?: number): Tensor { return act.elu(this, alpha); }
  /** GELU, x·Φ(x): exact (erf) by default, as PyTorch; `{ approximate: 'tanh' }` for the tanh form. Throws on any other `approximate`. */
  gelu(options?: act.GeluOptions): Tensor { return act.gelu(this, options); }
  /** log(1 + eˣ), computed so that it never overflows. */
  softplus(): Tensor { return act.softplus(this); }
  /** Clamps every value into [`lo`, `hi`]; NaN stays NaN. Throws if `lo` > `hi`. */
  clip(lo: number, hi: number): Tensor { return act.clip(this, lo, hi); }
  /**
   * Elementwise sum `this + other`. Broadcasts by NumPy rules; a number becomes a scalar of the other side's dtype (float32 if it is not whole). Two bools give their logical or.
   * Throws when the shapes cannot broadcast: `add: cannot broadcast …`.
   * @example
   * ```ts
   * wg.tensor([[1, 2], [3, 4]]).add(wg.tensor([10, 20])); // [[11, 22], [13, 24]]
   * wg.tensor([1, 2]).add(1); // [2, 3]
   * ```
   */
  add(other: T): Tensor { return ew.arithOp('add', this, other); }
  /** Elementwise difference `this − other`. Broadcasts by NumPy rules; a number becomes a scalar of the other side's dtype (float32 if it is not whole). */
  sub(other: T): Tensor { return ew.arithOp('sub', this, other); }
  /** Elementwise product `this · other`. Broadcasts by NumPy rules; a number becomes a scalar of the other side's dtype (float32 if it is not whole). Two bools give their logical and. */
  mul(other: T): Tensor { return ew.arithOp('mul', this, other); }
  /** Elementwise true division `this / other`, always in float32. Broadcasts by NumPy rules; a number becomes a scalar of the other side's dtype (float32 if it is not whole). */
  div(other: T): Tensor { return ew.div(this, other); }
  /** Elementwise `this` to the power `other` (IEEE 754 pow: 1 to any power is 1). Broadcasts by NumPy rules; a number becomes a scalar of the other side's dtype (float32 if it is not whole). */
  pow(other: T): Tensor { return ew.arithOp('pow', this, other); }
  /** Elementwise larger of `this` and `other`; NaN wins. Broadcasts by NumPy rules; a number becomes a scalar of the other side's dtype (float32 if it is not whole). */
  maximum(other: T): Tensor { return ew.arithOp('maximum', this, other); }
  /** Elementwise smaller of `this` and `other`; NaN wins. Broadcasts by NumPy rules; a number becomes a scalar of the other side's dtype (float32 if it is not whole). */
  minimum(other: T): Tensor { return ew.arithOp('minimum', this, other); }
  /** Elementwise `this == other`, as a bool tensor. Broadcasts by NumPy rules; a number becomes a scalar of the other side's dtype (float32 if it is not whole). */
  eq(other: T): Tensor { return ew.compareOp('eq', this, other); }
  /** Elementwise `this != other`, as a bool tensor. Broadcasts by NumPy rules; a number becomes a scalar of the other side's dtype (float32 if it is not whole). */
  ne(other: T): Tensor { return ew.compareOp('ne', this, other); }
  /** Elementwise `this < other`, as a bool tensor. Broadcasts by NumPy rules; a number becomes a scalar of the other side's dtype (float32 if it is not whole). */
  lt(other: T): Tensor { return ew.compareOp('lt', this, other); }
  /** Elementwise `this <= other`, as a bool tensor. Broadcasts by NumPy rules; a number becomes a scalar of the other side's dtype (float32 if it is not whole). */
  le(other: T): Tensor { return ew.compareOp('le', this, other); }
  /** Elementwise `this > other`, as a bool tensor. Broadcasts by NumPy rules; a number becomes a scalar of the other side's dtype (float32 if it is not whole). */
  gt(other: T): Tensor { return ew.compareOp('gt', this, other); }
  /** Elementwise `this >= other`, as a bool tensor. Broadcasts by NumPy rules; a number becomes a scalar of the other side's dtype (float32 if it is not whole). */
  ge(other: T): Tensor { return ew.compareOp('ge', this, other); }
  /** Elementwise logical and of two bool tensors (broadcast); other dtypes throw. */
  logicalAnd(other: T): Tensor { return ew.logicalOp('logicalAnd', this, other); }
  /** Elementwise logical or of two bool tensors (broadcast); other dtypes throw. */
  logicalOr(other: T): Tensor { return ew.logicalOp('logicalOr', this, other); }
  /** Elementwise logical not of a bool tensor; other dtypes throw. */
  logicalNot(): Tensor { return ew.logicalNot(this); }
  /** Converts to `dtype`: floats truncate toward zero into int32, non-zero becomes true. Always a new tensor. */
  cast(dtype: DType): Tensor { return ew.cast(this, dtype); }

  // ---- reductions ----
  /**
   * Sum over `axes` (all when omitted; negative axes count from the end). With `keepdims` the reduced axes stay, with extent 1.
   * bool sums count as int32; int32 and float32 keep their dtype.
   * @example
   * ```ts
   * const x = wg.tensor([[1, 2], [3, 4]]);
   * x.sum();     // 10, shape []
   * x.sum(0);    // [4, 6]
   * x.sum(-1, true); // [[3], [7]]
   * ```
   */
  sum(axes?: red.Axes, keepdims?: boolean): Tensor { return red.sum(this, axes, keepdims); }
  /** Product over `axes` (all when omitted); bool computes as int32. With `keepdims` the reduced axes stay, with extent 1. */
  prod(axes?: red.Axes, keepdims?: boolean): Tensor { return red.prod(this, axes, keepdims); }
  /** Maximum over `axes` (all when omitted); NaN wins; bool computes as int32. With `keepdims` the reduced axes stay, with extent 1. */
  max(axes?: red.Axes, keepdims?: boolean): Tensor { return red.max(this, axes, keepdims); }
  /** Minimum over `axes` (all when omitted); NaN wins; bool computes as int32. With `keepdims` the reduced axes stay, with extent 1. */
  min(axes?: red.Axes, keepdims?: boolean): Tensor { return red.min(this, axes, keepdims); }
  /** int32 index of the largest value along `axis` (of the flattened tensor when omitted); the first wins ties and NaN counts as largest. */
  argmax(axis?: number, keepdims?: boolean): Tensor { return red.argmax(this, axis, keepdims); }
  /** int32 index of the smallest value along `axis` (of the flattened tensor when omitted); the first wins ties and NaN counts as smallest. */
  argmin(axis?: number, keepdims?: boolean): Tensor { return red.argmin(this, axis, keepdims); }
  /**
   * Arithmetic mean over `axes` (all when omitted), in float32. With `keepdims` the reduced axes stay, with extent 1.
   * @example
   * ```ts
   * wg.tensor([[1, 2], [3, 4]]).mean(1); // [1.5, 3.5]
   * ```
   */
  mean(axes?: red.Axes, keepdims?: boolean): Tensor { return red.mean(this, axes, keepdims); }
  /** Variance over `axes` (all when omitted), in float32: the population variance by default; `correction` 1 gives the unbiased (Bessel) estimate. */
  variance(axes?: red.Axes, keepdims?: boolean, correction?: number): Tensor { return red.variance(this, axes, keepdims, correction); }
  /** log(Σ eˣ) over `axes` (all when omitted), shifted by the maximum so it never overflows. */
  logSumExp(axes?: red.Axes, keepdims?: boolean): Tensor { return red.logSumExp(this, axes, keepdims); }
  /** eˣ / Σ eˣ along `axis` (the last by default), in float32, as one fused op. A row of −Infinity, or one holding +Infinity or NaN, gives NaN. */
  softmax(axis?: number): Tensor { return red.softmax(this, axis); }
  /** log(softmax(x)) along `axis` (the last by default), in float32, computed stably in one op. */
  logSoftmax(axis?: number): Tensor { return red.logSoftmax(this, axis); }

  // ---- linear algebra ----
  /**
   * Matrix product over the last two axes, in float32, broadcasting the batch axes (NumPy's matmul rules).
   * A 1-D `this` is a row vector and a 1-D `other` a column vector; the added axis is dropped from the result.
   * `transposeA`/`transposeB` use the transpose of the last two axes without copying it.
   * Throws on rank 0 or when the inner dimensions differ: `matmul: inner dimensions differ: a is [2,3], b is [4,5]`.
   * @example
   * ```ts
   * const a = wg.randn([8, 3]), w = wg.randn([3, 4]);
   * a.matmul(w);                        // [8, 4]
   * a.matmul(wg.randn([4, 3]), { transposeB: true }); // [8, 4]
   * ```
   */
  matmul(other: Tensor, options?: MatmulOptions): Tensor { return matmul(this, other, options); }

  // ---- layout ----
  /**
   * The same values in a new shape of the same size; one extent may be −1 and is inferred.
   * Throws when the sizes differ or more than one extent is −1.
   * @example
   * ```ts
   * wg.arange(6).reshape([2, -1]); // [[0, 1, 2], [3, 4, 5]]
   * ```
   */
  reshape(shape: readonly number[]): Tensor { return lay.reshape(this, shape); }
  /** Permutes the axes by `perm` (negative axes allowed); reverses them when omitted. */
  transpose(perm?: readonly number[]): Tensor { return lay.transpose(this, perm); }
  /** Inserts an axis of extent 1 at `axis` (−1 appends one). */
  expandDims(axis: number): Tensor { return lay.expandDims(this, axis); }
  /** Removes the given axes of extent 1, or every axis of extent 1 when omitted; throws if a given axis is not 1. */
  squeeze(axes?: readonly number[]): Tensor { return lay.squeeze(this, axes); }
  /** Collapses axes `start` onward into one (from axis 1 by default, keeping the batch axis). */
  flatten(start?: number): Tensor { return lay.flatten(this, start); }
  /** A strided slice with Python semantics per axis: negative indices count from the end, out-of-range bounds clamp, and `null` or missing entries take the whole axis. Steps must be non-zero integers. */
  slice(begin: readonly (number | null)[], end?: readonly (number | null)[], step?: readonly (number | null)[]): Tensor { return lay.slice(this, begin, end, step); }
  /** Splits along `axis` (0 by default) into `sections` equal parts, or into parts of the given sizes; throws if they do not fit the extent. */
  split(sections: number | readonly number[], axis?: number): Tensor[] { return lay.split(this, sections, axis); }
  /** Pads each axis with `[before, after]` elements of `value` (0 by default). */
  pad(pads: readonly (readonly [number, number])[], value?: number): Tensor { return lay.pad(this, pads, value); }
  /** Repeats the tensor `reps[i]` times along axis i. */
  tile(reps: readonly number[]): Tensor { return lay.tile(this, reps); }
  /** Broadcasts to `shape` by NumPy rules; throws if it cannot. */
  broadcastTo(shape: readonly number[]): Tensor { return lay.broadcastTo(this, shape); }
  /** Picks entries along `axis` (0 by default) by index (an int32 tensor or an array of integers); the result's shape is x's axes before `axis`, then the indices' shape, then x's axes after. */
  gather(indices: Tensor | readonly number[], axis?: number): Tensor { return lay.gather(this, indices, axis); }
}

function nest(values: TypedArray, shape: Shape, dtype: DType): NestedValues {
  const convert = (v: number): number | boolean => (dtype === 'bool' ? v !== 0 : v);
  const build = (offset: number, axis: number): NestedValues => {
    if (axis === shape.length) return convert(values[offset]!);
    const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: shape[axis]! }, (_, i) => build(offset + i * stride, axis + 1));
  };
  return build(0, 0);
}
