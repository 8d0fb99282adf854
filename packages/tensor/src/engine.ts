// Runs ops: validates them against the op table, calls the backend's kernel, wraps the result,
// tells observers (autograd), and tracks memory: scopes, live counts, a leak safety net.
import type { Backend } from './backend.js';
import { allocArray, bytesPerElement, type DType, type TypedArray } from './dtype.js';
import { ops, type OpAttrs, type OpName } from './ops.js';
import { backend as currentBackend } from './registry.js';
import { sizeOf, type Shape } from './shape.js';
import { Tensor } from './tensor.js';

/** Called after every op with its inputs, attributes and result (autograd records its tape here). */
export type OpObserver = <K extends OpName>(op: K, inputs: readonly Tensor[], attrs: OpAttrs[K], out: Tensor) => void;

const observers: OpObserver[] = [];

/** Registers an observer of every op; returns a function that removes it. */
export function onOp(observer: OpObserver): () => void {
  observers.push(observer);
  return () => observers.splice(observers.indexOf(observer), 1);
}

/** Runs a primitive op from the table on the inputs' backend. */
export function runOp<K extends OpName>(op: K, inputs: readonly Tensor[], attrs: OpAttrs[K]): Tensor {
  const spec = ops[op];
  if (spec.inputs !== 'many' && inputs.length !== spec.inputs.length) {
    throw new Error(`${op}: expected ${spec.inputs.length} tensor inputs (${spec.inputs.join(', ')}), got ${inputs.length}`);
  }
  const names = spec.inputs === 'many' ? inputs.map((_, i) => `tensor ${i}`) : spec.inputs;
  inputs.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new Error(`${op}: ${names[i]} must be a Tensor, got ${typeof t}`);
    if (t.isDisposed) throw new Error(`${op}: ${names[i]} ${t} was disposed`);
  });
  const backend = inputs[0]?.backend ?? currentBackend();
  inputs.forEach((t, i) => {
    if (t.backend !== backend) {
      throw new Error(`${op}: ${names[i]} lives on backend '${t.backend.name}', ${names[0]} on '${backend.name}'; all inputs of an op must live on one backend`);
    }
  });
  const meta = spec.infer(op, inputs, attrs);
  const size = sizeOf(meta.shape);
  const storage = backend.alloc(meta.dtype, size);
  const out = adopt(storage, meta.shape, meta.dtype, backend);
  if (size > 0) {
    try {
      (backend.kernels[op] as (args: unknown) => void)({ inputs, attrs, out });
    } catch (e) {
      out.dispose();
      throw e;
    }
  }
  if (tracking) for (const observe of observers) observe(op, inputs, attrs, out);
  return out;
}

/** A tensor holding a copy of `values` (already converted to `dtype`'s element type) on a backend. */
export function fromValues(values: ArrayLike<number>, shape: Shape, dtype: DType, backend: Backend = currentBackend()): Tensor {
  const size = sizeOf(shape);
  if (values.length !== size) throw new Error(`tensor: ${values.length} values do not fill shape [${shape.join(',')}] (${size} elements)`);
  const array = allocArray(dtype, size, backend.float64);
  array.set(values);
  return adopt(backend.write(array, dtype), shape, dtype, backend);
}

// ---- memory -------------------------------------------------------------------------------

interface Held { backend: Backend; storage: unknown; dtype: DType; size: number }

let liveTensors = 0;
let liveBytes = 0;
let leaked = 0;
const scopes: Set<Tensor>[] = [];
const safetyNet = new FinalizationRegistry<Held>((held) => {
  // A tensor became unreachable without dispose(): count the leak and return its memory. It
  // stays in liveTensors (it was never disposed), so that count does not depend on GC timing.
  leaked++;
  liveBytes -= held.size * bytesPerElement(held.dtype);
  held.backend.free(held.storage, held.dtype, held.size);
});

function adopt(storage: unknown, shape: Shape, dtype: DType, backend: Backend): Tensor {
  const t = new Tensor(storage, [...shape], dtype, backend);
  liveTensors++;
  liveBytes += t.size * bytesPerElement(dtype);
  safetyNet.register(t, { backend, storage, dtype, size: t.size }, t);
  scopes[scopes.length - 1]?.add(t);
  return t;
}

/** Frees a tensor's storage (called by `Tensor.dispose`). */
export function release(t: Tensor): void {
  safetyNet.unregister(t);
  liveTensors--;
  liveBytes -= t.size * bytesPerElement(t.dtype);
  t.backend.free(t.storage, t.dtype, t.size);
}

/** Moves `from`'s storage into `to` (same shape, dtype, backend), freeing `to`'s old storage and retiring `from`. */
export function moveStorage(from: Tensor, to: Tensor): void {
  if (from === to) return;
  for (const [arg, t] of [['value', from], ['target', to]] as const) {
    if (t.isDisposed) throw new Error(`assign: ${arg} ${t} was disposed`);
  }
  if (from.dtype !== to.dtype || from.shape.length !== to.shape.length || from.shape.some((d, i) => d !== to.shape[i])) {
    throw new Error(`assign: value ${from} must match target ${to} in shape and dtype`);
  }
  if (from.backend !== to.backend) throw new Error(`assign: value lives on '${from.backend.name}', target on '${to.backend.name}'`);
  release(to);
  safetyNet.unregister(from);
  to.storage = from.storage;
  safetyNet.register(to, { backend: to.backend, storage: to.storage, dtype: to.dtype, size: to.size }, to);
  liveTensors++;
  liveBytes += to.size * bytesPerElement(to.dtype);
  // `from` is now an empty handle: its storage belongs to `to`, so it is retired, not freed.
  liveTensors--;
  liveBytes -= from.size * bytesPerElement(from.dtype);
  from.retire();
}

/** What memory is in use. */
export interface MemoryInfo {
  /** Tensors created and not yet disposed, including leaked ones the safety net collected. */
  liveTensors: number;
  /** Bytes held by tensors not yet disposed (collected leaks no longer hold any). */
  liveBytes: number;
  /** Tensors that were garbage-collected without being disposed (a leak in the caller). */
  leakedTensors: number;
  /** The current backend's name and pool counters. */
  backend: string;
  /** Allocations the current backend served from its pool. */
  poolHits: number;
  /** Allocations that needed fresh memory. */
  poolMisses: number;
  /** Bytes the current backend holds, live or pooled. */
  reservedBytes: number;
}

/** Memory counters: live tensors and bytes, leaks caught by the safety net, the backend's pool. */
export function memory(): MemoryInfo {
  const b = currentBackend();
  return { liveTensors, liveBytes, leakedTensors: leaked, backend: b.name, ...b.stats() };
}

function collect(value: unknown, into: Set<Tensor>, seen = new Set<unknown>()): Set<Tensor> {
  if (value instanceof Tensor) into.add(value);
  else if (value && typeof value === 'object' && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer) && !seen.has(value)) {
    seen.add(value);
    for (const v of value instanceof Map ? value.values() : Object.values(value)) collect(v, into, seen);
  }
  return into;
}

/**
 * Runs `fn` and disposes every tensor it created except those it returns (found anywhere in
 * the returned value: arrays, objects, maps) and those passed to `keep`. Synchronous only.
 */
export function scope<T>(fn: () => T): T {
  const mine = new Set<Tensor>();
  scopes.push(mine);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    scopes.pop();
    for (const t of mine) if (!t.kept) t.dispose();
    throw e;
  }
  scopes.pop();
  if (result instanceof Promise) {
    for (const t of mine) if (!t.kept) t.dispose();
    throw new Error('scope: fn returned a Promise; scopes are synchronous, await outside and scope each synchronous step');
  }
  const returned = collect(result, new Set());
  const parent = scopes[scopes.length - 1];
  for (const t of mine) {
    if (returned.has(t)) parent?.add(t);
    else if (!t.kept) t.dispose();
  }
  return result;
}

/** Exempts a tensor from disposal by the scopes around it; returns it. */
export function keep<T extends Tensor>(t: T): T {
  t.kept = true;
  return t;
}

/** Disposes every tensor found in `value` (a tensor, an array, an object of tensors). */
export function dispose(value: unknown): void {
  for (const t of collect(value, new Set())) t.dispose();
}

/** Reads a storage array back (shared by Tensor.data and friends). */
export function readValues(t: Tensor): Promise<TypedArray> {
  if (t.isDisposed) return Promise.reject(new Error(`data: ${t} was disposed`));
  return t.backend.read(t.storage, t.dtype, t.size);
}

let tracking = true;

/** Runs `fn` with op observers on or off, restoring the previous setting afterwards. */
export function withTracking<T>(on: boolean, fn: () => T): T {
  const previous = tracking;
  tracking = on;
  try {
    return fn();
  } finally {
    tracking = previous;
  }
}

/** Runs `fn` with op observers silenced: autograd records nothing inside (its `noGrad`). */
export function untracked<T>(fn: () => T): T {
  return withTracking(false, fn);
}

/** Whether ops are currently reported to observers. */
export function isTracking(): boolean {
  return tracking;
}
