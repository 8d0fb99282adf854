// The contract every backend implements: storage management and one kernel per op in the table.
import type { DType, TypedArray } from './dtype.js';
import type { OpAttrs, OpName } from './ops.js';
import type { Shape } from './shape.js';

/** A tensor as a kernel sees it: its backend storage, shape and dtype (always row-major, contiguous). */
export interface TensorInfo<S = unknown> {
  readonly storage: S;
  readonly shape: Shape;
  readonly dtype: DType;
}

/**
 * Computes one op. `out` is allocated by the engine with undefined contents; the kernel writes
 * every element of it. Inputs and attributes have been validated by the op table.
 */
export type Kernel<K extends OpName, S = unknown> = (args: {
  readonly inputs: readonly TensorInfo<S>[];
  readonly attrs: OpAttrs[K];
  readonly out: TensorInfo<S>;
}) => void;

/** One kernel for every op: a backend missing one fails the type check. */
export type Kernels<S = unknown> = { readonly [K in OpName]: Kernel<K, S> };

/** Counters a backend keeps about its memory. */
export interface BackendStats {
  /** Allocations served from the pool. */
  poolHits: number;
  /** Allocations that needed fresh memory. */
  poolMisses: number;
  /** Bytes of memory the backend holds, live or pooled. */
  reservedBytes: number;
}

/** A place tensors live and ops run. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- storage is opaque to everything but its backend
export interface Backend<S = any> {
  /** The name it is registered under: 'js', 'wasm', 'webgpu'. */
  readonly name: string;
  /** One kernel per op in the table. */
  readonly kernels: Kernels<S>;
  /** Whether float32 values are computed and stored in double precision (the gradient-check oracle). */
  readonly float64?: boolean;
  /** Storage for `size` elements of `dtype`, contents undefined. */
  alloc(dtype: DType, size: number): S;
  /** Storage holding a copy of `values`, which already have the storage type of `dtype`. */
  write(values: TypedArray, dtype: DType): S;
  /** Copies the values out. */
  read(storage: S, dtype: DType, size: number): Promise<TypedArray>;
  /** Copies the values out without waiting; absent where that would block on a device. */
  readSync?(storage: S, dtype: DType, size: number): TypedArray;
  /** Returns storage to the backend; it is never touched again. */
  free(storage: S, dtype: DType, size: number): void;
  /** Memory counters. */
  stats(): BackendStats;
  /**
   * Resolves, with the reason, once the backend's device is gone for good (webgpu: from
   * `GPUDevice.lost`); never settles for backends that cannot lose theirs. From then on every
   * alloc, write, op and read on this instance throws or rejects with a `DeviceLostError`. The
   * registry forgets a lost instance: `setBackend(name)` then starts a new one.
   */
  readonly lost?: Promise<string>;
}
