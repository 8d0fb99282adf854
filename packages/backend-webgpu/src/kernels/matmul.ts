// matmul, dense and the convolutions: all run the GEMM of shaders/common/gemm.wgsl, 8×8
// invocations computing a 32×32 tile of outputs, 4×4 per invocation, tiled or direct per adapter.
import type { Conv2dAttrs, DenseActivation, Kernel, TensorInfo } from '@webgrad/tensor';
import type { GpuContext } from '../context.js';
import type { GpuStorage } from '../pool.js';
import { Params } from './params.js';
import { broadcastStrides, coalesce, sizeOf } from './strides.js';

type T = TensorInfo<GpuStorage>;
const RM = 4;

/**
 * Workgroup shape, GEMM path and grid for an m × n output. 8 × 8 invocations, 4 × 4 outputs
 * each: on SwiftShader 16 × 16 ran the tiled matmul 256³ four times slower (barriers switch
 * between more invocations). The path (TILED) is the context's choice for its adapter.
 */
export function gemmGrid(ctx: GpuContext, op: string, m: number, n: number, z: number): { constants: { WG_X: number; WG_Y: number; TILED: boolean }; grid: [number, number, number] } {
  const wg = 8;
  const tiled = ctx.gemm === 'tiled' || (ctx.gemm === 'auto-direct' && op !== 'matmul' && op !== 'dense');
  return { constants: { WG_X: wg, WG_Y: wg, TILED: tiled }, grid: [Math.ceil(n / (wg * RM)), Math.ceil(m / (wg * RM)), z] };
}

/** Batched matmul with transposed operands read through strides and broadcast batch axes. */
export function matmulKernel(ctx: GpuContext): Kernel<'matmul', GpuStorage> {
  return ({ inputs: [a, b], attrs: { transposeA, transposeB }, out }) => {
    const rank = out.shape.length;
    const [m, n] = [out.shape[rank - 2]!, out.shape[rank - 1]!];
    const k = transposeA ? a!.shape[a!.shape.length - 2]! : a!.shape[a!.shape.length - 1]!;
    const batch = out.shape.slice(0, -2);
    const aBatch = broadcastStrides(a!.shape.slice(0, -2), batch).map((s) => s * m * k);
    const bBatch = broadcastStrides(b!.shape.slice(0, -2), batch).map((s) => s * k * n);
    const outBatch = broadcastStrides(batch, batch).map((s) => s * m * n);
    const merged = coalesce(batch, [aBatch, bBatch, outBatch]);
    const [ai, ak] = transposeA ? [1, m] : [k, 1];
    const [bk, bj] = transposeB ? [1, k] : [n, 1];
    const params = new Params()
      .u(m, n, k, merged.shape.length)
      .u(ai, ak, bk, bj)
      .axesU(merged.shape, 'matmul').axesU(merged.lists[0]!, 'matmul').axesU(merged.lists[1]!, 'matmul')
      .done();
    const { constants, grid } = gemmGrid(ctx, 'matmul', m, n, sizeOf(batch));
    // Tile loads follow each operand's layout; vec4s where its contiguous extent divides by 4.
    const vec = { A_LOAD: (transposeA ? 2 : 0) + ((transposeA ? m : k) % 4 === 0 ? 1 : 0), B_LOAD: (transposeB ? 2 : 0) + ((transposeB ? k : n) % 4 === 0 ? 1 : 0) };
    ctx.run({ op: 'matmul', shader: 'matmul', constants: { ...constants, ...vec }, params, inputs: [a!.storage, b!.storage], output: out.storage, grid });
  };
}

/** The ACTIVATION override of shaders/dense.wgsl. */
const ACTIVATION: { readonly [A in DenseActivation]: number } = { linear: 0, relu: 1, sigmoid: 2, tanh: 3 };

/** dense in one dispatch: x's leading axes fold into rows; bias and activation run in the GEMM's store. */
export function denseKernel(ctx: GpuContext): Kernel<'dense', GpuStorage> {
  return ({ inputs: [x, w, b], attrs: { activation }, out }) => {
    const [k, n] = w!.shape as [number, number];
    const m = sizeOf(x!.shape.slice(0, -1));
    const params = new Params().u(m, n, k, 0).u(k, 1, n, 1).axesU([], 'dense').axesU([], 'dense').axesU([], 'dense').done();
    const { constants, grid } = gemmGrid(ctx, 'dense', m, n, 1);
    const vec = { A_LOAD: k % 4 === 0 ? 1 : 0, B_LOAD: n % 4 === 0 ? 1 : 0, ACTIVATION: ACTIVATION[activation] };
    ctx.run({ op: 'dense', shader: 'dense', constants: { ...constants, ...vec }, params, inputs: [x!.storage, w!.storage, b!.storage], output: out.storage, grid });
  };
}

function convParams(x: readonly number[], y: readonly number[], w: readonly number[], a: Conv2dAttrs): Uint32Array {
  const [o, cg, kh, kw] = w as [number, number, number, number];
  return new Params()
    .u(...x).u(...y)
    .u(kh, kw, cg, o / a.groups)
    .u(a.stride[0], a.stride[1], a.dilation[0], a.dilation[1])
    .u(a.padding[0], a.padding[2])
    .done();
}

type ConvOp = 'conv2d' | 'conv2dInputGrad' | 'conv2dFilterGrad';
const SHADER = { conv2d: 'conv2d', conv2dInputGrad: 'conv2d-input-grad', conv2dFilterGrad: 'conv2d-filter-grad' } as const;

function conv(ctx: GpuContext, op: ConvOp, x: readonly number[], y: readonly number[], w: readonly number[], a: Conv2dAttrs, inputs: readonly T[], out: T): void {
  const [n, , h, wd] = x as [number, number, number, number];
  const [, o, oh, ow] = y as [number, number, number, number];
  const [, cg, kh, kw] = w as [number, number, number, number];
  const opg = o / a.groups;
  const [rows, cols] = op === 'conv2d' ? [n * oh * ow, opg] : op === 'conv2dInputGrad' ? [n * h * wd, cg] : [opg, cg * kh * kw];
  const { constants, grid } = gemmGrid(ctx, op, rows, cols, a.groups);
  ctx.run({ op, shader: SHADER[op], constants, params: convParams(x, y, w, a), inputs: inputs.map((t) => t.storage), output: out.storage, grid });
}

/** conv2d and its two gradients as implicit GEMMs. */
export function convKernels(ctx: GpuContext): { [N in ConvOp]: Kernel<N, GpuStorage> } {
  return {
    conv2d: ({ inputs: [x, w], attrs, out }) => conv(ctx, 'conv2d', x!.shape, out.shape, w!.shape, attrs, [x!, w!], out),
    conv2dInputGrad: ({ inputs: [dy, w], attrs, out }) => conv(ctx, 'conv2dInputGrad', attrs.inputShape, dy!.shape, w!.shape, attrs, [dy!, w!], out),
    conv2dFilterGrad: ({ inputs: [x, dy], attrs, out }) => conv(ctx, 'conv2dFilterGrad', x!.shape, dy!.shape, attrs.filterShape, attrs, [x!, dy!], out),
  };
}
