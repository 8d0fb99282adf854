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

  /** Computes gradients of this scalar into the `grad` of every leaf that requires them. */
  backward(seed?: Tensor): void {
    if (!backwardHandler) throw new Error('backward: autograd is not loaded; import it from webgrad or @webgrad/autograd');
    backwardHandler(this, seed);
  }

  /** A copy autograd does not differentiate through. */
  detach(): Tensor {
    return detach(this);
  }

  toString(): string {
    return `Tensor(${fmt(this.shape)}, ${this.dtype}${this.disposed ? ', disposed' : ''})`;
  }

  // ---- elementwise ----
  neg(): Tensor { return ew.unaryOp('neg', this); }
  abs(): Tensor { return ew.unaryOp('abs', this); }
  sign(): Tensor { return ew.unaryOp('sign', this); }
  relu(): Tensor { return ew.unaryOp('relu', this); }
  floor(): Tensor { return ew.unaryOp('floor', this); }
  ceil(): Tensor { return ew.unaryOp('ceil', this); }
  /** Rounds half to even, as NumPy and WGSL do. */
  round(): Tensor { return ew.unaryOp('round', this); }
  exp(): Tensor { return ew.unaryOp('exp', this); }
  log(): Tensor { return ew.unaryOp('log', this); }
  log1p(): Tensor { return ew.unaryOp('log1p', this); }
  expm1(): Tensor { return ew.unaryOp('expm1', this); }
  /** The error function, 2/√π ∫₀ˣ exp(−t²) dt. */
  erf(): Tensor { return ew.unaryOp('erf', this); }
  sqrt(): Tensor { return ew.unaryOp('sqrt', this); }
  rsqrt(): Tensor { return ew.unaryOp('rsqrt', this); }
  reciprocal(): Tensor { return ew.unaryOp('reciprocal', this); }
  sin(): Tensor { return ew.unaryOp('sin', this); }
  cos(): Tensor { return ew.unaryOp('cos', this); }
  tanh(): Tensor { return ew.unaryOp('tanh', this); }
  sigmoid(): Tensor { return ew.unaryOp('sigmoid', this); }
  square(): Tensor { return act.square(this); }
  leakyRelu(alpha?: number): Tensor { return act.leakyRelu(this, alpha); }
  elu(alpha?: number): Tensor { return act.elu(this, alpha); }
  gelu(options?: act.GeluOptions): Tensor { return act.gelu(this, options); }
  softplus(): Tensor { return act.softplus(this); }
  clip(lo: number, hi: number): Tensor { return act.clip(this, lo, hi); }
  add(other: T): Tensor { return ew.arithOp('add', this, other); }
  sub(other: T): Tensor { return ew.arithOp('sub', this, other); }
  mul(other: T): Tensor { return ew.arithOp('mul', this, other); }
  div(other: T): Tensor { return ew.div(this, other); }
  pow(other: T): Tensor { return ew.arithOp('pow', this, other); }
  maximum(other: T): Tensor { return ew.arithOp('maximum', this, other); }
  minimum(other: T): Tensor { return ew.arithOp('minimum', this, other); }
  eq(other: T): Tensor { return ew.compareOp('eq', this, other); }
  ne(other: T): Tensor { return ew.compareOp('ne', this, other); }
  lt(other: T): Tensor { return ew.compareOp('lt', this, other); }
  le(other: T): Tensor { return ew.compareOp('le', this, other); }
  gt(other: T): Tensor { return ew.compareOp('gt', this, other); }
  ge(other: T): Tensor { return ew.compareOp('ge', this, other); }
  logicalAnd(other: T): Tensor { return ew.logicalOp('logicalAnd', this, other); }
  logicalOr(other: T): Tensor { return ew.logicalOp('logicalOr', this, other); }
  logicalNot(): Tensor { return ew.logicalNot(this); }
  cast(dtype: DType): Tensor { return ew.cast(this, dtype); }

  // ---- reductions ----
  sum(axes?: red.Axes, keepdims?: boolean): Tensor { return red.sum(this, axes, keepdims); }
  prod(axes?: red.Axes, keepdims?: boolean): Tensor { return red.prod(this, axes, keepdims); }
  max(axes?: red.Axes, keepdims?: boolean): Tensor { return red.max(this, axes, keepdims); }
  min(axes?: red.Axes, keepdims?: boolean): Tensor { return red.min(this, axes, keepdims); }
  argmax(axis?: number, keepdims?: boolean): Tensor { return red.argmax(this, axis, keepdims); }
  argmin(axis?: number, keepdims?: boolean): Tensor { return red.argmin(this, axis, keepdims); }
  mean(axes?: red.Axes, keepdims?: boolean): Tensor { return red.mean(this, axes, keepdims); }
  variance(axes?: red.Axes, keepdims?: boolean, correction?: number): Tensor { return red.variance(this, axes, keepdims, correction); }
  logSumExp(axes?: red.Axes, keepdims?: boolean): Tensor { return red.logSumExp(this, axes, keepdims); }
  softmax(axis?: number): Tensor { return red.softmax(this, axis); }
  logSoftmax(axis?: number): Tensor { return red.logSoftmax(this, axis); }

  // ---- linear algebra ----
  matmul(other: Tensor, options?: MatmulOptions): Tensor { return matmul(this, other, options); }

  // ---- layout ----
  reshape(shape: readonly number[]): Tensor { return lay.reshape(this, shape); }
  transpose(perm?: readonly number[]): Tensor { return lay.transpose(this, perm); }
  expandDims(axis: number): Tensor { return lay.expandDims(this, axis); }
  squeeze(axes?: readonly number[]): Tensor { return lay.squeeze(this, axes); }
  flatten(start?: number): Tensor { return lay.flatten(this, start); }
  slice(begin: readonly (number | null)[], end?: readonly (number | null)[], step?: readonly (number | null)[]): Tensor { return lay.slice(this, begin, end, step); }
  split(sections: number | readonly number[], axis?: number): Tensor[] { return lay.split(this, sections, axis); }
  pad(pads: readonly (readonly [number, number])[], value?: number): Tensor { return lay.pad(this, pads, value); }
  tile(reps: readonly number[]): Tensor { return lay.tile(this, reps); }
  broadcastTo(shape: readonly number[]): Tensor { return lay.broadcastTo(this, shape); }
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
