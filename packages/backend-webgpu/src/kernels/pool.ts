// Pooling kernels: forward passes one invocation per output, gradients one per input element
// (gathered over the windows that cover it, so no atomics and deterministic sums).
import { avgPoolCounted, type AvgPoolAttrs, type Kernel, type PoolAttrs } from '@webgrad/tensor';
import type { GpuContext } from '../context.js';
import type { GpuStorage } from '../pool.js';
import { grid1d, Params } from './params.js';
import { sizeOf } from './strides.js';

type PoolOp = 'maxPool2d' | 'maxPool2dGrad' | 'avgPool2d' | 'avgPool2dGrad';

/** The uniform block of shaders/common/pool.wgsl; the counted region (average divisors) is the input for max. */
function poolParams(x: readonly number[], y: readonly number[], a: PoolAttrs | AvgPoolAttrs): Uint32Array {
  const counted = 'countIncludePad' in a ? avgPoolCounted(x, a) : [0, x[2]!, 0, x[3]!];
  return new Params().u(...x).u(...y).u(a.kernel[0], a.kernel[1], a.stride[0], a.stride[1]).u(a.padding[0], a.padding[2]).i(...counted).done();
}

/** The pooling part of the kernel table. */
export function poolKernels(ctx: GpuContext): { [N in PoolOp]: Kernel<N, GpuStorage> } {
  return {
    maxPool2d: ({ inputs: [x], attrs, out }) =>
      ctx.run({ op: 'maxPool2d', shader: 'pool', entry: 'max_pool', params: poolParams(x!.shape, out.shape, attrs), inputs: [x!.storage], output: out.storage, grid: grid1d(sizeOf(out.shape)) }),
    avgPool2d: ({ inputs: [x], attrs, out }) =>
      ctx.run({ op: 'avgPool2d', shader: 'pool', entry: 'avg_pool', params: poolParams(x!.shape, out.shape, attrs), inputs: [x!.storage], output: out.storage, grid: grid1d(sizeOf(out.shape)) }),
    maxPool2dGrad: ({ inputs: [x, dy], attrs, out }) =>
      ctx.run({ op: 'maxPool2dGrad', shader: 'max-pool-grad', params: poolParams(x!.shape, dy!.shape, attrs), inputs: [x!.storage, dy!.storage], output: out.storage, grid: grid1d(sizeOf(out.shape)) }),
    avgPool2dGrad: ({ inputs: [dy], attrs, out }) =>
      ctx.run({ op: 'avgPool2dGrad', shader: 'avg-pool-grad', params: poolParams(attrs.inputShape, dy!.shape, attrs), inputs: [dy!.storage], output: out.storage, grid: grid1d(sizeOf(out.shape)) }),
  };
}
