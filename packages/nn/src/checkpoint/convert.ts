// Between safetensors dtypes and tensor dtypes: what each tensor dtype is written as, which
// file dtypes load into it (so weights saved by PyTorch as F64, F16, BF16 or I64 still load),
// and the little-endian decoding of each.
import type { DType } from '../deps.js';
import { quoteName as q } from './problems.js';
import type { SafetensorsDType, TensorRead } from './safetensors.js';

/** The safetensors dtype each tensor dtype is written as. */
export const FILE_DTYPE = { float32: 'F32', int32: 'I32', bool: 'BOOL' } as const satisfies Record<DType, SafetensorsDType>;

/** The file dtypes that load into each tensor dtype. */
export const LOADS_INTO: Record<DType, readonly SafetensorsDType[]> = {
  float32: ['F32', 'F64', 'F16', 'BF16'],
  int32: ['I32', 'I64', 'U64', 'U32', 'I16', 'U16', 'I8', 'U8'],
  bool: ['BOOL', 'U8'],
};

/** IEEE 754 half precision bits to a number. */
function halfToNumber(h: number): number {
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  const sign = h & 0x8000 ? -1 : 1;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** Reads element i of a little-endian buffer of `dtype` as a number (bigints for 64-bit integers). */
function reader(dtype: SafetensorsDType, view: DataView): ((i: number) => number | bigint) | undefined {
  switch (dtype) {
    case 'F32': return (i) => view.getFloat32(4 * i, true);
    case 'F64': return (i) => view.getFloat64(8 * i, true);
    case 'F16': return (i) => halfToNumber(view.getUint16(2 * i, true));
    case 'BF16': return (i) => new Float32Array(new Uint32Array([view.getUint16(2 * i, true) << 16]).buffer)[0]!;
    case 'I32': return (i) => view.getInt32(4 * i, true);
    case 'U32': return (i) => view.getUint32(4 * i, true);
    case 'I16': return (i) => view.getInt16(2 * i, true);
    case 'U16': return (i) => view.getUint16(2 * i, true);
    case 'I8': return (i) => view.getInt8(i);
    case 'U8': case 'BOOL': return (i) => view.getUint8(i);
    case 'I64': return (i) => view.getBigInt64(8 * i, true);
    case 'U64': return (i) => view.getBigUint64(8 * i, true);
    case 'F8_E5M2': case 'F8_E4M3': return undefined;
    default: return dtype satisfies never;
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** How to convert. */
export interface ConvertOptions {
  /** Accept NaN and ±Infinity in float tensors (default false: they are refused, with the first one's index). */
  allowNonFinite?: boolean;
}

/** The first index of a value that is not finite, or -1. */
function firstNonFinite(values: Float32Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return i;
  return -1;
}

/** A copy of the bytes as a fresh array of `dtype` (a copy, so any view, at any offset or alignment, reads right). */
function copyAs(bytes: Uint8Array, dtype: 'float32' | 'int32'): Float32Array | Int32Array {
  const out = dtype === 'float32' ? new Float32Array(bytes.byteLength / 4) : new Int32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** Converts element by element, or says why a value cannot be held. */
function convertEach(name: string, t: TensorRead, dtype: DType): Float32Array | Int32Array | Uint8Array | string {
  const view = new DataView(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength);
  const n = t.shape.reduce((a, b) => a * b, 1);
  const read = reader(t.dtype, view)!;
  const out = dtype === 'float32' ? new Float32Array(n) : dtype === 'int32' ? new Int32Array(n) : new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = Number(read(i));
    if (dtype === 'int32' && (v < INT32_MIN || v > INT32_MAX)) return `${q(name)}: ${t.dtype} value ${read(i)} at flat index ${i} does not fit in int32`;
    if (dtype === 'bool' && v !== 0 && v !== 1) return `${q(name)}: ${t.dtype} value ${v} at flat index ${i} is not a bool (0 or 1)`;
    if (dtype === 'float32' && Number.isFinite(v) && !Number.isFinite(Math.fround(v))) return `${q(name)}: ${t.dtype} value ${v} at flat index ${i} does not fit in float32 (largest is 3.4028234663852886e+38)`;
    out[i] = v;
  }
  return out;
}

/**
 * The values of a tensor read from a file, converted to `dtype`'s array; or why they cannot be
 * (a file dtype that does not load into it, an integer outside int32, a float outside float32, a
 * bool other than 0/1, and unless `allowNonFinite`, a NaN or an infinity).
 */
export function valuesAs(name: string, t: TensorRead, dtype: DType, { allowNonFinite = false }: ConvertOptions = {}): Float32Array | Int32Array | Uint8Array | string {
  if (!LOADS_INTO[dtype].includes(t.dtype)) return `${q(name)}: dtype ${t.dtype} in the file, the model's tensor is ${dtype} (which loads from ${LOADS_INTO[dtype].join(', ')})`;
  // The common case, the file dtype being the tensor's own, is one copy on little-endian hosts.
  const direct = LITTLE_ENDIAN && t.dtype === FILE_DTYPE[dtype] && dtype !== 'bool';
  const values = direct ? copyAs(t.bytes, dtype) : convertEach(name, t, dtype);
  if (typeof values === 'string' || allowNonFinite || !(values instanceof Float32Array)) return values;
  const at = firstNonFinite(values);
  if (at >= 0) return `${q(name)}: value ${values[at]} at flat index ${at} is not finite (a diverged run?); load with { allowNonFinite: true } to accept it`;
  return values;
}
