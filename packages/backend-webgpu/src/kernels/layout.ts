// Layout kernels: every op that moves elements is one strided copy (shaders/copy.wgsl), after
// a fill where some outputs get no input (pad, sliceGrad); gather and scatterAdd have their
// own shaders. Indices written from JavaScript are checked here, synchronously, like the
// reference backend; indices computed on the GPU are not (out-of-range reads give zeros).
import type { DType, Kernel, OpName, TensorInfo } from '@webgrad/tensor';
import type { GpuContext } from '../context.js';
import type { GpuStorage } from '../pool.js';
import { dtypeCode, lazyBroadcastTo, aliasReshape } from './elementwise.js';
import { grid1d, Params } from './params.js';
import { broadcastStrides, coalesce, sizeOf, stridesOf } from './strides.js';

type K<N extends OpName> = Kernel<N, GpuStorage>;
type T = TensorInfo<GpuStorage>;

interface CopySpec {
  shape: readonly number[];
  src: readonly number[];
  dst: readonly number[];
  srcBase?: number;
  dstBase?: number;
}

function copy(ctx: GpuContext, op: string, from: GpuStorage, to: GpuStorage, spec: CopySpec): void {
  const size = sizeOf(spec.shape);
  if (size === 0) return;
  const { shape, lists } = coalesce(spec.shape, [spec.src, spec.dst]);
  const params = new Params()
    .u(size, shape.length)
    .i(spec.srcBase ?? 0, spec.dstBase ?? 0)
    .axesU(shape, op).axesI(lists[0]!, op).axesI(lists[1]!, op)
    .done();
  const contiguous = shape.length === 0 || (shape.length === 1 && lists[0]![0] === 1 && lists[1]![0] === 1);
  ctx.run({ op, shader: 'copy', constants: { CONTIGUOUS: contiguous }, params, inputs: [from], output: to, grid: grid1d(size) });
}

function fill(ctx: GpuContext, op: string, to: GpuStorage, size: number, bits: number): void {
  ctx.run({ op, shader: 'fill', params: new Params().u(size, bits).done(), inputs: [], output: to, grid: grid1d(size) });
}

/** The 32 bits a value of `dtype` is stored as (what a typed array's fill would store). */
export function bitsOf(value: number, dtype: DType): number {
  if (dtype === 'float32') return new Uint32Array(new Float32Array([value]).buffer)[0]!;
  if (dtype === 'int32') return (value | 0) >>> 0;
  return Math.trunc(value) & 255;
}

function checkIndices(op: string, indices: T, extent: number, axis: number): void {
  const shadow = (indices.storage.alias ?? indices.storage).shadow;
  if (!shadow) return;
  for (const index of shadow.subarray(0, sizeOf(indices.shape))) {
    if (!(index >= 0 && index < extent)) throw new Error(`${op}: index ${index} is out of range for axis ${axis} of extent ${extent}`);
  }
}

function sliceView(shape: readonly number[], begin: readonly number[], step: readonly number[]): { strides: number[]; base: number } {
  const own = stridesOf(shape);
  return { strides: own.map((s, i) => s * step[i]!), base: begin.reduce((acc, b, i) => acc + b * own[i]!, 0) };
}

function tileSpec(x: readonly number[], reps: readonly number[], out: readonly number[]): CopySpec {
  const own = stridesOf(x);
  const outStrides = stridesOf(out);
  const shape: number[] = [];
  const src: number[] = [];
  const dst: number[] = [];
  x.forEach((d, i) => {
    shape.push(reps[i]!, d);
    src.push(0, own[i]!);
    dst.push(d * outStrides[i]!, outStrides[i]!);
  });
  return { shape, src, dst };
}

/** The layout part of the kernel table. */
export function layoutKernels(ctx: GpuContext): { [N in 'reshape' | 'transpose' | 'broadcastTo' | 'slice' | 'sliceGrad' | 'concat' | 'pad' | 'tile' | 'gather' | 'scatterAdd']: K<N> } {
  return {
    // With fusion, reshape shares its input's buffer and broadcastTo fuses into its consumer.
    reshape: ctx.fuser ? aliasReshape(ctx, ctx.fuser) : ({ inputs: [x], out }) => copy(ctx, 'reshape', x!.storage, out.storage, { shape: [sizeOf(out.shape)], src: [1], dst: [1] }),
    transpose: ({ inputs: [x], attrs: { perm }, out }) => {
      const own = stridesOf(x!.shape);
      copy(ctx, 'transpose', x!.storage, out.storage, { shape: out.shape, src: perm.map((p) => own[p]!), dst: stridesOf(out.shape) });
    },
    broadcastTo: ctx.fuser ? lazyBroadcastTo(ctx.fuser) : ({ inputs: [x], out }) =>
      copy(ctx, 'broadcastTo', x!.storage, out.storage, { shape: out.shape, src: broadcastStrides(x!.shape, out.shape), dst: stridesOf(out.shape) }),
    slice: ({ inputs: [x], attrs, out }) => {
      const { strides, base } = sliceView(x!.shape, attrs.begin, attrs.step);
      copy(ctx, 'slice', x!.storage, out.storage, { shape: out.shape, src: strides, dst: stridesOf(out.shape), srcBase: base });
    },
    sliceGrad: ({ inputs: [dy], attrs, out }) => {
      const { strides, base } = sliceView(attrs.inputShape, attrs.begin, attrs.step);
      fill(ctx, 'sliceGrad', out.storage, sizeOf(out.shape), 0);
      copy(ctx, 'sliceGrad', dy!.storage, out.storage, { shape: dy!.shape, src: stridesOf(dy!.shape), dst: strides, dstBase: base });
    },
    concat: ({ inputs, attrs: { axis }, out }) => {
      const outStrides = stridesOf(out.shape);
      let at = 0;
      for (const x of inputs) {
        copy(ctx, 'concat', x.storage, out.storage, { shape: x.shape, src: stridesOf(x.shape), dst: outStrides, dstBase: at * outStrides[axis]! });
        at += x.shape[axis]!;
      }
    },
    pad: ({ inputs: [x], attrs: { pads, value }, out }) => {
      const outStrides = stridesOf(out.shape);
      fill(ctx, 'pad', out.storage, sizeOf(out.shape), bitsOf(value, out.dtype));
      const base = pads.reduce((acc, [before], i) => acc + before * outStrides[i]!, 0);
      copy(ctx, 'pad', x!.storage, out.storage, { shape: x!.shape, src: stridesOf(x!.shape), dst: outStrides, dstBase: base });
    },
    tile: ({ inputs: [x], attrs: { reps }, out }) => copy(ctx, 'tile', x!.storage, out.storage, tileSpec(x!.shape, reps, out.shape)),
    gather: ({ inputs: [x, indices], attrs: { axis }, out }) => {
      const extent = x!.shape[axis]!;
      checkIndices('gather', indices!, extent, axis);
      const inner = sizeOf(x!.shape.slice(axis + 1));
      const size = sizeOf(out.shape);
      const params = new Params().u(size, extent, inner, sizeOf(indices!.shape)).done();
      ctx.run({ op: 'gather', shader: 'gather', params, inputs: [x!.storage, indices!.storage], output: out.storage, grid: grid1d(size) });
    },
    scatterAdd: ({ inputs: [indices, updates], attrs: { axis, size: extent }, out }) => {
      checkIndices('scatterAdd', indices!, extent, axis);
      const inner = sizeOf(out.shape.slice(axis + 1));
      const size = sizeOf(out.shape);
      const params = new Params().u(size, extent, inner, sizeOf(indices!.shape)).done();
      ctx.run({
        op: 'scatterAdd', shader: 'scatter-add', constants: { DTYPE: dtypeCode(out.dtype) },
        params, inputs: [indices!.storage, updates!.storage], output: out.storage, grid: grid1d(size),
      });
    },
  };
}
