// Reduction kernels: the reduce shader over any axes. Kept and reduced axes are each merged
// where contiguous; an output gets a workgroup tree when its reduction is long (its first
// steps in subgroups where the device has them), one invocation when it is short or there
// are very many outputs.
import type { Kernel, OpName, TensorInfo } from '@webgrad/tensor';
import type { GpuContext } from '../context.js';
import type { GpuStorage } from '../pool.js';
import { dtypeCode, opCode } from './elementwise.js';
import { grid1d, gridPerItem, Params } from './params.js';
import { coalesce, sizeOf, stridesOf } from './strides.js';

type K<N extends OpName> = Kernel<N, GpuStorage>;

/**
 * A workgroup tree per output only for long reductions over few outputs (a loss, a norm);
 * otherwise one invocation per output, which on SwiftShader also avoids the cost of barriers
 * (a bias gradient, [100,128] summed over rows, ran 3× faster this way).
 */
const LONG = 256;
const OUTPUTS_TREE = 1024;
const WG = 64;

/** The workgroup step of a long reduction: subgroup builtins first where the device has them. */
function tree(ctx: GpuContext): 'reduce' | 'reduce-subgroups' {
  return ctx.subgroups ? 'reduce-subgroups' : 'reduce';
}

function reduceAlong(ctx: GpuContext, op: OpName, x: TensorInfo<GpuStorage>, axes: readonly number[], out: GpuStorage): void {
  const strides = stridesOf(x.shape);
  const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const k = coalesce(kept.map((i) => x.shape[i]!), [kept.map((i) => strides[i]!)]);
  const r = coalesce(axes.map((i) => x.shape[i]!), [axes.map((i) => strides[i]!)]);
  const outputs = sizeOf(k.shape);
  const length = sizeOf(r.shape);
  const serial = length <= LONG || outputs >= OUTPUTS_TREE;
  const params = new Params()
    .u(outputs, length, k.shape.length, r.shape.length)
    .axesU(k.shape, op).axesU(k.lists[0]!, op)
    .axesU(r.shape, op).axesU(r.lists[0]!, op)
    .done();
  ctx.run({
    op, shader: serial ? 'reduce' : tree(ctx), entry: serial ? 'main_serial' : 'main',
    constants: { OP: opCode('reduce', op), DTYPE: dtypeCode(x.dtype), WG },
    params, inputs: [x.storage], output: out, grid: serial ? grid1d(outputs, WG) : gridPerItem(outputs),
  });
}

/** The reduction part of the kernel table. */
export function reduceKernels(ctx: GpuContext): { [N in 'sum' | 'prod' | 'max' | 'min' | 'argmax' | 'argmin']: K<N> } {
  const fold = <N extends 'sum' | 'prod' | 'max' | 'min'>(op: N): K<N> => ({ inputs: [x], attrs, out }) => reduceAlong(ctx, op, x!, attrs.axes, out.storage);
  const arg = <N extends 'argmax' | 'argmin'>(op: N): K<N> => ({ inputs: [x], attrs, out }) => reduceAlong(ctx, op, x!, [attrs.axis], out.storage);
  return { sum: fold('sum'), prod: fold('prod'), max: fold('max'), min: fold('min'), argmax: arg('argmax'), argmin: arg('argmin') };
}
