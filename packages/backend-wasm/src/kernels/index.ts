// The 'wasm' backend's kernel table: one entry per op in the op table, gathered by family and
// bound to one module instance.
import type { Kernels } from '@webgrad/tensor';
import type { Heap } from '../heap.js';
import { convKernels } from './conv.js';
import { elementwiseKernels } from './elementwise.js';
import { layoutKernels } from './layout.js';
import { denseKernel, matmulKernel } from './matmul.js';
import { reduceKernels } from './reduce.js';
import { softmaxKernels } from './softmax.js';

/** Every op's kernel for the module instance behind `h`. */
export function createKernels(h: Heap): Kernels<number> {
  return { ...elementwiseKernels(h), ...reduceKernels(h), matmul: matmulKernel(h), dense: denseKernel(h), ...softmaxKernels(h), ...layoutKernels(h), ...convKernels(h) };
}
