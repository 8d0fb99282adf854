// softmax and logSoftmax: shaders/softmax.wgsl in one dispatch, x seen as rows of `extent`
// values `inner` apart. A workgroup per row (tree reductions) for long rows over few of them;
// one invocation per row otherwise, as for the reductions (kernels/reduce.ts).
import type { Kernel } from '@webgrad/tensor';
import type { GpuContext } from '../context.js';
import type { GpuStorage } from '../pool.js';
import { grid1d, gridPerItem, Params } from './params.js';
import { sizeOf } from './strides.js';

const LONG = 128;
const ROWS_TREE = 1024;
const WG = 64;

function alongAxis(ctx: GpuContext, op: 'softmax' | 'logSoftmax'): Kernel<typeof op, GpuStorage> {
  return ({ inputs: [x], attrs: { axis }, out }) => {
    const extent = x!.shape[axis]!;
    const inner = sizeOf(x!.shape.slice(axis + 1));
    const rows = sizeOf(x!.shape.slice(0, axis)) * inner;
    if (extent === 0) return;
    const serial = extent <= LONG || rows >= ROWS_TREE;
    ctx.run({
      op, shader: 'softmax', entry: serial ? 'main_serial' : 'main',
      constants: { LOG: op === 'logSoftmax', WG },
      params: new Params().u(rows, extent, inner).done(),
      inputs: [x!.storage], output: out.storage,
      grid: serial ? grid1d(rows, WG) : gridPerItem(rows),
    });
  };
}

/** The softmax part of the kernel table. */
export function softmaxKernels(ctx: GpuContext): { softmax: Kernel<'softmax', GpuStorage>; logSoftmax: Kernel<'logSoftmax', GpuStorage> } {
  return { softmax: alongAxis(ctx, 'softmax'), logSoftmax: alongAxis(ctx, 'logSoftmax') };
}
