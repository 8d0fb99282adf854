// The 'webgpu' kernel table: one kernel per op in the op table, gathered by family, and which
// shader each op runs (named when a shader fails to compile).
import type { Kernels, OpName } from '@webgrad/tensor';
import type { GpuContext } from '../context.js';
import type { GpuStorage } from '../pool.js';
import type { ShaderName } from '../shader-library.js';
import { elementwiseKernels } from './elementwise.js';
import { layoutKernels } from './layout.js';
import { convKernels, denseKernel, matmulKernel } from './matmul.js';
import { poolKernels } from './pool.js';
import { reduceKernels } from './reduce.js';
import { softmaxKernels } from './softmax.js';

/** Every op's kernel for one device. */
export function createKernels(ctx: GpuContext): Kernels<GpuStorage> {
  return {
    ...elementwiseKernels(ctx),
    ...reduceKernels(ctx),
    matmul: matmulKernel(ctx),
    dense: denseKernel(ctx),
    ...softmaxKernels(ctx),
    ...convKernels(ctx),
    ...poolKernels(ctx),
    ...layoutKernels(ctx),
  };
}

const LAYOUT: OpName[] = ['reshape', 'transpose', 'broadcastTo', 'slice', 'sliceGrad', 'concat', 'pad', 'tile'];

/** The ops that run each shader. */
export const shaderUsers: Record<ShaderName, readonly OpName[]> = {
  unary: ['neg', 'abs', 'sign', 'relu', 'floor', 'ceil', 'round', 'exp', 'log', 'log1p', 'expm1', 'erf', 'sqrt', 'rsqrt', 'reciprocal', 'sin', 'cos', 'tanh', 'sigmoid', 'logicalNot'],
  binary: ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logicalAnd', 'logicalOr'],
  where: ['where'],
  cast: ['cast'],
  'reduce-subgroups': ['sum', 'prod', 'max', 'min', 'argmax', 'argmin'], // where the device has `subgroups`
  fused: ['neg', 'relu', 'add', 'mul', 'where', 'cast'], // the prelude of every fused kernel (any elementwise op)
  reduce: ['sum', 'prod', 'max', 'min', 'argmax', 'argmin'],
  matmul: ['matmul'],
  dense: ['dense'],
  softmax: ['softmax', 'logSoftmax'],
  conv2d: ['conv2d'],
  'conv2d-input-grad': ['conv2dInputGrad'],
  'conv2d-filter-grad': ['conv2dFilterGrad'],
  pool: ['maxPool2d', 'avgPool2d'],
  'max-pool-grad': ['maxPool2dGrad'],
  'avg-pool-grad': ['avgPool2dGrad'],
  copy: LAYOUT,
  fill: ['pad', 'sliceGrad'],
  gather: ['gather'],
  'scatter-add': ['scatterAdd'],
};
