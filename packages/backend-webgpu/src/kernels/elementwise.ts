// Elementwise kernels: the unary, binary, where and cast shaders, each one templated shader
// specialised per (op, dtype) by override constants; broadcasting is strides in the params.
import type { DType, Kernel, OpName, TensorInfo } from '@webgrad/tensor';
import type { GpuContext } from '../context.js';
import type { GpuStorage } from '../pool.js';
import { shaders } from '../shaders.generated.js';
import { grid1d, Params } from './params.js';
import { broadcastStrides, coalesce, sizeOf } from './strides.js';

type T = TensorInfo<GpuStorage>;
type K<N extends OpName> = Kernel<N, GpuStorage>;

/** The code a dtype has in shaders/common/num.wgsl. */
export function dtypeCode(dtype: DType): number {
  return dtype === 'float32' ? 0 : dtype === 'int32' ? 1 : 2;
}

/** `logicalNot` → `OP_LOGICAL_NOT`. */
function constName(op: string): string {
  return `OP_${op.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/** An op's code in a shader's `const OP_…` list; throws if the shader lacks it. */
export function opCode(shader: keyof typeof shaders, op: string): number {
  const code = (shaders[shader].constants as Record<string, number>)[constName(op)];
  if (code === undefined) throw new Error(`webgpu: shaders/${shader}.wgsl has no ${constName(op)} for op ${op}`);
  return code;
}

function unary<N extends OpName>(ctx: GpuContext, op: N): K<N> {
  const OP = opCode('unary', op);
  return ({ inputs: [x], out }) => {
    const size = sizeOf(out.shape);
    ctx.run({
      op, shader: 'unary', constants: { OP, DTYPE: dtypeCode(x!.dtype) },
      params: new Params().u(size).done(), inputs: [x!.storage], output: out.storage, grid: grid1d(size),
    });
  };
}

/** Output shape and, per input, strides over it, merged where contiguous in all of them. */
export function broadcastLayout(out: T, inputs: readonly T[]): { shape: number[]; strides: number[][]; plain: boolean } {
  const plain = inputs.every((t) => t.shape.length === out.shape.length && t.shape.every((d, i) => d === out.shape[i]));
  const lists = [...inputs.map((t) => broadcastStrides(t.shape, out.shape))];
  const { shape, lists: strides } = coalesce(out.shape, lists);
  return { shape, strides, plain };
}

function binary<N extends OpName>(ctx: GpuContext, op: N): K<N> {
  const OP = opCode('binary', op);
  return ({ inputs: [a, b], out }) => {
    const size = sizeOf(out.shape);
    const { shape, strides, plain } = broadcastLayout(out, [a!, b!]);
    const params = new Params().u(size, shape.length).axesU(shape, op).axesU(strides[0]!, op).axesU(strides[1]!, op).done();
    ctx.run({
      op, shader: 'binary', constants: { OP, DTYPE: dtypeCode(a!.dtype), BROADCAST: !plain },
      params, inputs: [a!.storage, b!.storage], output: out.storage, grid: grid1d(size),
    });
  };
}

const UNARY = ['neg', 'abs', 'sign', 'relu', 'floor', 'ceil', 'round', 'exp', 'log', 'log1p', 'expm1', 'sqrt', 'rsqrt', 'reciprocal', 'sin', 'cos', 'tanh', 'sigmoid', 'logicalNot'] as const;
const BINARY = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logicalAnd', 'logicalOr'] as const;

type Unary = (typeof UNARY)[number];
type Binary = (typeof BINARY)[number];

/** The elementwise part of the kernel table. */
export function elementwiseKernels(ctx: GpuContext): { [N in Unary | Binary | 'where' | 'cast']: K<N> } {
  const table = {} as Record<string, unknown>;
  for (const op of UNARY) table[op] = unary(ctx, op);
  for (const op of BINARY) table[op] = binary(ctx, op);
  const where: K<'where'> = ({ inputs: [c, a, b], out }) => {
    const size = sizeOf(out.shape);
    const { shape, strides, plain } = broadcastLayout(out, [c!, a!, b!]);
    const params = new Params().u(size, shape.length).axesU(shape, 'where').axesU(strides[0]!, 'where').axesU(strides[1]!, 'where').axesU(strides[2]!, 'where').done();
    ctx.run({ op: 'where', shader: 'where', constants: { BROADCAST: !plain }, params, inputs: [c!.storage, a!.storage, b!.storage], output: out.storage, grid: grid1d(size) });
  };
  const cast: K<'cast'> = ({ inputs: [x], out }) => {
    const size = sizeOf(out.shape);
    ctx.run({
      op: 'cast', shader: 'cast', constants: { FROM: dtypeCode(x!.dtype), TO: dtypeCode(out.dtype) },
      params: new Params().u(size).done(), inputs: [x!.storage], output: out.storage, grid: grid1d(size),
    });
  };
  return { ...table, where, cast } as ReturnType<typeof elementwiseKernels>;
}
