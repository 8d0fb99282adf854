// Making tensors from JavaScript values and from shapes, refusing sizes no backend could
// allocate (over MAX_TENSOR_ELEMENTS) with the function and the size named.
import { isDType, type DType, type TypedArray } from './dtype.js';
import { fromValues } from './engine.js';
import { checkShape, fmt, sizeOf } from './shape.js';
import type { Tensor } from './tensor.js';

/** Nested arrays of numbers or booleans, a typed array, or one number or boolean. */
export type TensorData = number | boolean | TypedArray | Uint8ClampedArray | Int8Array | Int16Array | Uint16Array | Uint32Array | NestedArray;
/** Arbitrarily nested arrays of numbers or booleans. */
export type NestedArray = readonly (number | boolean | NestedArray)[];

/** Options when making a tensor from values. */
export interface TensorOptions {
  /** Element type; inferred when omitted (booleans: bool, Int32Array: int32, otherwise float32). */
  dtype?: DType;
  /** Shape for flat data; inferred from nesting when omitted. */
  shape?: readonly number[];
}

const OPTION_KEYS: readonly string[] = ['dtype', 'shape'] satisfies (keyof TensorOptions)[];

/**
 * The most elements a tensor made from a shape or a count may have: 2^31 - 1, the int32 index
 * range the kernels address and within what every backend's buffers and typed arrays can hold.
 * Below it an allocation can still fail for want of memory; that is reported too.
 */
export const MAX_TENSOR_ELEMENTS = 2 ** 31 - 1;
const OVER_LIMIT = `more than the ${MAX_TENSOR_ELEMENTS} (2^31 - 1) elements a tensor may hold`;

/**
 * Checks that `shape` lists non-negative integers whose product is at most
 * {@link MAX_TENSOR_ELEMENTS}; returns that product. `fn` names the function in the error.
 */
export function checkAllocatable(fn: string, shape: readonly number[], arg = 'shape'): number {
  checkShape(fn, shape, arg);
  let size = 1;
  for (const d of shape) size *= d;
  if (size > MAX_TENSOR_ELEMENTS) {
    throw new RangeError(`${fn}: ${arg} ${fmt(shape)} has ${size} elements, ${OVER_LIMIT}`);
  }
  return size;
}

/** `make()`, with a failed allocation (out of memory below the element limit) named as such. */
export function allocating<T>(fn: string, size: number, make: () => T): T {
  try {
    return make();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new RangeError(`${fn}: could not allocate ${size} elements, out of memory (${e.message})`);
  }
}

/** The second argument of `tensor` as options: an object of known keys, or a shape array (the TF.js habit). */
function readOptions(options: unknown, dtype: DType | undefined): TensorOptions {
  if (Array.isArray(options)) return dtype === undefined ? { shape: options } : { shape: options, dtype };
  if (dtype !== undefined) throw new Error(`tensor: a dtype third argument goes with a shape array second argument, got ${JSON.stringify(options)} and ${JSON.stringify(dtype)}`);
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) {
    throw new Error(`tensor: the second argument must be options { dtype, shape } or a shape array, got ${options === null ? 'null' : JSON.stringify(options)}`);
  }
  const unknown = Object.keys(options).find((key) => !OPTION_KEYS.includes(key));
  if (unknown !== undefined) throw new Error(`tensor: unknown option '${unknown}' (known options: ${OPTION_KEYS.join(', ')})`);
  return options as TensorOptions;
}

function nestedShape(data: NestedArray): number[] {
  const shape: number[] = [];
  for (let level: unknown = data; Array.isArray(level); level = level[0]) shape.push(level.length);
  return shape;
}

function flattenInto(data: unknown, shape: readonly number[], depth: number, out: (number | boolean)[], path: string): void {
  const where = path || 'the top level';
  if (depth === shape.length) {
    if (Array.isArray(data)) throw new Error(`tensor: ragged nested array: ${where} is an array where a value was expected`);
    if (typeof data !== 'number' && typeof data !== 'boolean') {
      throw new Error(`tensor: ${where} must be a number or boolean, got ${data === null ? 'null' : typeof data}`);
    }
    out.push(data);
    return;
  }
  if (!Array.isArray(data)) throw new Error(`tensor: ragged nested array: ${where} is a value where an array of ${shape[depth]} was expected`);
  if (data.length !== shape[depth]) throw new Error(`tensor: ragged nested array: ${where} has ${data.length} entries, expected ${shape[depth]}`);
  data.forEach((v, i) => flattenInto(v, shape, depth + 1, out, `${path}[${i}]`));
}

function checkValues(values: ArrayLike<number>, dtype: DType): void {
  if (dtype !== 'int32') return;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
      throw new Error(`tensor: value ${v} at flat index ${i} is not a 32-bit integer, but dtype is int32`);
    }
  }
}

/**
 * A tensor holding `data`: nested arrays (`[[1, 2], [3, 4]]`), a typed array (1-D unless a
 * shape is given) or a single value (a scalar). The second argument is options, or the shape
 * itself as in TF.js: `tensor([1, 2, 3, 4, 5, 6], [2, 3])`, `tensor(values, [2, 3], 'int32')`.
 * @example
 * ```ts
 * const x = wg.tensor([[1, 2], [3, 4]]);          // float32, shape [2, 2]
 * const i = wg.tensor([0, 2, 1], { dtype: 'int32' });
 * console.log(await x.array());                   // [[1, 2], [3, 4]]
 * ```
 */
export function tensor(data: TensorData, options?: TensorOptions): Tensor;
export function tensor(data: TensorData, shape: readonly number[], dtype?: DType): Tensor;
export function tensor(data: TensorData, second?: TensorOptions | readonly number[], third?: DType): Tensor {
  const options = readOptions(second, third);
  if (options.dtype !== undefined && !isDType(options.dtype)) {
    throw new Error(`tensor: dtype must be 'float32', 'int32' or 'bool', got ${JSON.stringify(options.dtype)}`);
  }
  let values: ArrayLike<number>;
  let shape: number[];
  let inferred: DType = 'float32';
  if (typeof data === 'number' || typeof data === 'boolean') {
    values = [Number(data)];
    shape = [];
    if (typeof data === 'boolean') inferred = 'bool';
  } else if (Array.isArray(data)) {
    const flat: (number | boolean)[] = [];
    shape = nestedShape(data);
    flattenInto(data, shape, 0, flat, '');
    if (flat.length > 0 && flat.every((v) => typeof v === 'boolean')) inferred = 'bool';
    values = flat.map(Number);
  } else if (ArrayBuffer.isView(data)) {
    values = data as ArrayLike<number>;
    shape = [values.length];
    if (data instanceof Int32Array) inferred = 'int32';
  } else {
    throw new Error(`tensor: data must be a number, boolean, nested array or typed array, got ${typeof data}`);
  }
  if (options.shape) {
    checkShape('tensor', options.shape);
    if (sizeOf(options.shape) !== values.length) {
      throw new Error(`tensor: shape ${fmt(options.shape)} needs ${sizeOf(options.shape)} values, got ${values.length}`);
    }
    shape = [...options.shape];
  }
  const dtype = options.dtype ?? inferred;
  checkValues(values, dtype);
  return fromValues(dtype === 'bool' ? Array.from(values, (v) => (v ? 1 : 0)) : values, shape, dtype);
}

/** A tensor of `shape` with every element `value`; `fn` names the caller in errors. */
function filled(fn: string, shape: readonly number[], value: number | boolean, dtype?: DType): Tensor {
  const size = checkAllocatable(fn, shape);
  const d = dtype ?? (typeof value === 'boolean' ? 'bool' : 'float32');
  return allocating(fn, size, () => {
    // A fresh array is zeros already: writing them would touch every page of a large one.
    const values = new Float64Array(size);
    if (Number(value) !== 0) values.fill(Number(value));
    return tensor(values, { shape, dtype: d });
  });
}

/** A tensor of `shape` with every element `value` (at most {@link MAX_TENSOR_ELEMENTS} elements). */
export const full = (shape: readonly number[], value: number | boolean, dtype?: DType): Tensor => filled('full', shape, value, dtype);
/** A tensor of zeros. */
export const zeros = (shape: readonly number[], dtype: DType = 'float32'): Tensor => filled('zeros', shape, 0, dtype);
/** A tensor of ones. */
export const ones = (shape: readonly number[], dtype: DType = 'float32'): Tensor => filled('ones', shape, 1, dtype);
/** Zeros shaped like `x`. */
export const zerosLike = (x: Tensor): Tensor => filled('zerosLike', x.shape, 0, x.dtype);
/** Ones shaped like `x`. */
export const onesLike = (x: Tensor): Tensor => filled('onesLike', x.shape, 1, x.dtype);

/** start, start + step, ... up to but excluding stop; `arange(n)` is 0..n-1 (int32 when all arguments are integers). */
export function arange(start: number, stop?: number, step = 1, dtype?: DType): Tensor {
  const [from, to] = stop === undefined ? [0, start] : [start, stop];
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new Error(`arange: start and stop must be finite, got ${from} and ${to}`);
  if (step === 0 || !Number.isFinite(step)) throw new Error(`arange: step must be finite and non-zero, got ${step}`);
  const n = Math.max(0, Math.ceil((to - from) / step));
  if (n > MAX_TENSOR_ELEMENTS) {
    throw new RangeError(`arange: from ${from} to ${to} by ${step} is ${n} elements, ${OVER_LIMIT}`);
  }
  const d = dtype ?? ([from, to, step].every(Number.isInteger) ? 'int32' : 'float32');
  return allocating('arange', n, () => tensor(Float64Array.from({ length: n }, (_, i) => from + i * step), { dtype: d }));
}

/** `count` evenly spaced float32 values from `start` to `stop`, both included. */
export function linspace(start: number, stop: number, count: number): Tensor {
  if (!Number.isInteger(count) || count < 0) throw new Error(`linspace: count must be a non-negative integer, got ${count}`);
  if (count > MAX_TENSOR_ELEMENTS) throw new RangeError(`linspace: count ${count} is ${OVER_LIMIT}`);
  const step = count > 1 ? (stop - start) / (count - 1) : 0;
  return allocating('linspace', count, () => tensor(Float64Array.from({ length: count }, (_, i) => (count > 1 && i === count - 1 ? stop : start + i * step))));
}

/** The n×m identity matrix (m = n by default). */
export function eye(n: number, m = n, dtype: DType = 'float32'): Tensor {
  const size = checkAllocatable('eye', [n, m]);
  return allocating('eye', size, () => {
    const values = new Float64Array(size);
    for (let i = 0; i < Math.min(n, m); i++) values[i * m + i] = 1;
    return tensor(values, { shape: [n, m], dtype });
  });
}
