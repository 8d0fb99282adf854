// Data types, their storage arrays, and the promotion order used by the frontend.

/** The element types a tensor can hold. `bool` is stored as one byte per element (0 or 1). */
export type DType = 'float32' | 'int32' | 'bool';

/** The arrays tensor values are read into and written from. Float64Array only on a float64 reference backend. */
export type TypedArray = Float32Array | Int32Array | Uint8Array | Float64Array;

/** Every dtype, in promotion order: a binary op on two dtypes computes in the later one. */
export const DTYPES: readonly DType[] = ['bool', 'int32', 'float32'];

/** Bytes one element of `dtype` takes in storage. */
export function bytesPerElement(dtype: DType): number {
  return dtype === 'bool' ? 1 : 4;
}

/** A zeroed array of `size` elements of `dtype`; `float64` asks for double precision floats. */
export function allocArray(dtype: DType, size: number, float64 = false): TypedArray {
  switch (dtype) {
    case 'float32':
      return float64 ? new Float64Array(size) : new Float32Array(size);
    case 'int32':
      return new Int32Array(size);
    case 'bool':
      return new Uint8Array(size);
    default:
      return dtype satisfies never;
  }
}

/** The dtype two operands compute in: the later of the two in {@link DTYPES}. */
export function promote(a: DType, b: DType): DType {
  return DTYPES.indexOf(a) >= DTYPES.indexOf(b) ? a : b;
}

/** Whether `value` names a dtype. */
export function isDType(value: unknown): value is DType {
  return value === 'float32' || value === 'int32' || value === 'bool';
}
