// The reference backend's kernel table: one entry per op in the op table, gathered by family.
import type { Kernels } from '../../backend.js';
import type { TypedArray } from '../../dtype.js';
import { convKernels } from './conv.js';
import { elementwiseKernels } from './elementwise.js';
import { fusedKernels } from './fused.js';
import { layoutKernels } from './layout.js';
import { matmul } from './matmul.js';
import { reduceKernels } from './reduce.js';

/** Every op, written simply and computed in double precision: the oracle other backends are tested against. */
export const kernels: Kernels<TypedArray> = { ...elementwiseKernels, ...reduceKernels, matmul, ...fusedKernels, ...layoutKernels, ...convKernels };
