// Elementwise kernels. With fusion (the default) each one only defers its op to the fuser,
// which later runs a whole chain as one generated kernel; without, each dispatches the unary,
// binary, where or cast shader, specialised per (op, dtype) by override constants, with
// broadcasting as strides in the params.
import type { DType, Kernel, OpName, TensorInfo } from '@webgrad/tensor';
import type { GpuContext } from '../context.js';
import type { FusedOp } from '../fusion/expr.js';
import type { Fuser } from '../fusion/fuser.js';
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

/** How a shader indexes one operand (shaders/common/operand.wgsl) and its repeat length. */
interface Operand { mode: 0 | 1 | 2; repeat: number }

/** SAME when shapes match; REPEAT (i mod n) when the operand, less leading 1s, is a suffix of the output; else STRIDED. */
function operandOf(shape: readonly number[], out: readonly number[]): Operand {
  const size = sizeOf(shape);
  if (shape.length === out.length && shape.every((d, i) => d === out[i])) return { mode: 0, repeat: size };
  let lead = 0;
  while (lead < shape.length && shape[lead] === 1) lead++;
  const rest = shape.slice(lead);
  const suffix = out.slice(out.length - rest.length);
  return rest.length <= out.length && rest.every((d, i) => d === suffix[i]) ? { mode: 1, repeat: size } : { mode: 2, repeat: size };
}

/** Per operand: its indexing mode, repeat length, and strides over the output's (merged) axes. */
export function broadcastLayout(out: T, inputs: readonly T[]): { shape: number[]; strides: number[][]; operands: Operand[] } {
  const lists = inputs.map((t) => broadcastStrides(t.shape, out.shape));
  const { shape, lists: strides } = coalesce(out.shape, lists);
  return { shape, strides, operands: inputs.map((t) => operandOf(t.shape, out.shape)) };
}

function binary<N extends OpName>(ctx: GpuContext, op: N): K<N> {
  const OP = opCode('binary', op);
  return ({ inputs: [a, b], out }) => {
    const size = sizeOf(out.shape);
    const { shape, strides, operands: [oa, ob] } = broadcastLayout(out, [a!, b!]);
    const params = new Params().u(size, shape.length, oa!.repeat, ob!.repeat).axesU(shape, op).axesU(strides[0]!, op).axesU(strides[1]!, op).done();
    ctx.run({
      op, shader: 'binary', constants: { OP, DTYPE: dtypeCode(a!.dtype), A_MODE: oa!.mode, B_MODE: ob!.mode },
      params, inputs: [a!.storage, b!.storage], output: out.storage, grid: grid1d(size),
    });
  };
}

const UNARY = ['neg', 'abs', 'sign', 'relu', 'floor', 'ceil', 'round', 'exp', 'log', 'log1p', 'expm1', 'erf', 'sqrt', 'rsqrt', 'reciprocal', 'sin', 'cos', 'tanh', 'sigmoid', 'logicalNot'] as const;
const BINARY = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logicalAnd', 'logicalOr'] as const;

type Unary = (typeof UNARY)[number];
type Binary = (typeof BINARY)[number];

/** A kernel that records `op` (chosen from the operands) into the output for the fuser. */
function lazy<N extends OpName>(fuser: Fuser, name: N, opOf: (inputs: readonly T[], out: T) => FusedOp): K<N> {
  return ({ inputs, out }) => fuser.defer(out.storage, name, opOf(inputs, out), out.shape, inputs.map((t) => ({ storage: t.storage, shape: t.shape })));
}

/** broadcastTo as a pending read through the broadcast, fused into whatever consumes it. */
export function lazyBroadcastTo(fuser: Fuser): K<'broadcastTo'> {
  return lazy(fuser, 'broadcastTo', () => ({ kind: 'copy' }));
}

/**
 * reshape without a copy: the output reads the input's buffer (row-major, same elements). A
 * pending input is computed first, since its tree is indexed by its own shape.
 */
export function aliasReshape(ctx: GpuContext, fuser: Fuser): K<'reshape'> {
  return ({ inputs: [x], out }) => {
    ctx.materialise(x!.storage);
    fuser.alias(out.storage, x!.storage);
  };
}

function fusedKernels(fuser: Fuser): { [N in Unary | Binary | 'where' | 'cast']: K<N> } {
  const table = {} as Record<string, unknown>;
  for (const op of UNARY) {
    const code = opCode('unary', op);
    table[op] = lazy(fuser, op, ([x]) => ({ kind: 'unary', code, dtype: dtypeCode(x!.dtype) }));
  }
  for (const op of BINARY) {
    const code = opCode('binary', op);
    table[op] = lazy(fuser, op, ([a]) => ({ kind: 'binary', code, dtype: dtypeCode(a!.dtype) }));
  }
  table.where = lazy(fuser, 'where', () => ({ kind: 'where' }));
  table.cast = lazy(fuser, 'cast', ([x], out) => ({ kind: 'cast', from: dtypeCode(x!.dtype), to: dtypeCode(out.dtype) }));
  return table as ReturnType<typeof fusedKernels>;
}

/** The elementwise part of the kernel table: deferred to the fuser when the context has one. */
export function elementwiseKernels(ctx: GpuContext): { [N in Unary | Binary | 'where' | 'cast']: K<N> } {
  if (ctx.fuser) return fusedKernels(ctx.fuser);
  const table = {} as Record<string, unknown>;
  for (const op of UNARY) table[op] = unary(ctx, op);
  for (const op of BINARY) table[op] = binary(ctx, op);
  const where: K<'where'> = ({ inputs: [c, a, b], out }) => {
    const size = sizeOf(out.shape);
    const { shape, strides, operands: [oc, oa, ob] } = broadcastLayout(out, [c!, a!, b!]);
    const params = new Params().u(size, shape.length).u(oc!.repeat, oa!.repeat, ob!.repeat)
      .axesU(shape, 'where').axesU(strides[0]!, 'where').axesU(strides[1]!, 'where').axesU(strides[2]!, 'where').done();
    const constants = { C_MODE: oc!.mode, A_MODE: oa!.mode, B_MODE: ob!.mode };
    ctx.run({ op: 'where', shader: 'where', constants, params, inputs: [c!.storage, a!.storage, b!.storage], output: out.storage, grid: grid1d(size) });
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
