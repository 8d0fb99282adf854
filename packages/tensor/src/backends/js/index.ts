// The reference backend 'js': plain TypeScript, synchronous, runs anywhere. It is the test
// oracle; with `float64` it computes float32 tensors in double precision for gradient checks.
import type { Backend } from '../../backend.js';
import { allocArray, type TypedArray } from '../../dtype.js';
import { kernels } from './kernels.js';

/** Options of {@link createJsBackend}. */
export interface JsBackendOptions {
  /** Registered name; 'js' by default. */
  name?: string;
  /** Store and compute float32 tensors as float64 (for central-difference gradient checks). */
  float64?: boolean;
}

/** A reference backend instance. */
export function createJsBackend({ name = 'js', float64 = false }: JsBackendOptions = {}): Backend<TypedArray> {
  let allocations = 0;
  let reservedBytes = 0;
  return {
    name,
    kernels,
    float64,
    alloc(dtype, size) {
      allocations++;
      const array = allocArray(dtype, size, float64);
      reservedBytes += array.byteLength;
      return array;
    },
    write(values) {
      allocations++;
      reservedBytes += values.byteLength;
      return values;
    },
    read: (storage) => Promise.resolve(storage.slice()),
    readSync: (storage) => storage.slice(),
    free(storage) {
      reservedBytes -= storage.byteLength;
    },
    // There is no pool: the garbage collector owns the arrays, so every allocation is a miss.
    stats: () => ({ poolHits: 0, poolMisses: allocations, reservedBytes }),
  };
}
