// Elementwise kernels of the 'wasm' backend: unary maps, broadcast binary maps, where and cast.
// Shapes are collapsed here; the loops run in assembly/unary.ts and assembly/binary.ts.
import type { Kernel, OpName, TensorInfo } from '@webgrad/tensor';
import { dtypeCode, elemBytes, type Heap } from '../heap.js';
import * as C from '../op-codes.js';
import { broadcastStrides, checkRank, collapse, sizeOf, stridesOf } from './strides.js';

type K<N extends OpName> = Kernel<N, number>;
type Unary = 'neg' | 'abs' | 'sign' | 'relu' | 'floor' | 'ceil' | 'round' | 'exp' | 'log' | 'log1p' | 'expm1' | 'erf' | 'sqrt' | 'rsqrt' | 'reciprocal' | 'sin' | 'cos' | 'tanh' | 'sigmoid';
type Binary = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum' | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'logicalAnd' | 'logicalOr';

const UNARY: Record<Unary, number> = {
  neg: C.NEG, abs: C.ABS, sign: C.SIGN, relu: C.RELU, floor: C.FLOOR, ceil: C.CEIL, round: C.ROUND,
  exp: C.EXP, log: C.LOG, log1p: C.LOG1P, expm1: C.EXPM1, erf: C.ERF, sqrt: C.SQRT, rsqrt: C.RSQRT,
  reciprocal: C.RECIPROCAL, sin: C.SIN, cos: C.COS, tanh: C.TANH, sigmoid: C.SIGMOID,
};

const BINARY: Record<Binary, number> = {
  add: C.ADD, sub: C.SUB, mul: C.MUL, div: C.DIV, pow: C.POW, maximum: C.MAXIMUM, minimum: C.MINIMUM,
  eq: C.EQ, ne: C.NE, lt: C.LT, le: C.LE, gt: C.GT, ge: C.GE, logicalAnd: C.LOGICAL_AND, logicalOr: C.LOGICAL_OR,
};

/** Float32 arithmetic, which has a flat kernel that threads can share (comparisons do not). */
const FLAT_F32: ReadonlySet<string> = new Set(['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum']);

/** Each operand's stride when both are the output's shape or a single value; else undefined. */
function flatStrides(a: TensorInfo<number>, b: TensorInfo<number>, out: TensorInfo<number>): [number, number] | undefined {
  const n = sizeOf(out.shape);
  const stride = (t: TensorInfo<number>): number | undefined => (sizeOf(t.shape) === n ? 1 : sizeOf(t.shape) === 1 ? 0 : undefined);
  const [sa, sb] = [stride(a), stride(b)];
  return sa === undefined || sb === undefined ? undefined : [sa, sb];
}

/** Writes the collapsed broadcast of `inputs` onto `out`'s shape into the parameter block. */
function broadcastParams(h: Heap, op: string, out: TensorInfo<number>, inputs: readonly TensorInfo<number>[]): { rank: number; params: number } {
  const strides = inputs.map((t) => broadcastStrides(t.shape, out.shape));
  const s = collapse(out.shape, [...strides, stridesOf(out.shape)]);
  checkRank(op, s);
  return { rank: s.shape.length, params: h.setParams(s.shape, ...s.strides.slice(0, inputs.length)) };
}

/** The elementwise part of the kernel table, bound to a module instance. */
export function elementwiseKernels(h: Heap) {
  const unary = <N extends Unary>(op: N): K<N> => ({ inputs: [x], out }) => {
    const n = sizeOf(out.shape);
    if (x!.dtype === 'float32') h.unaryF32(UNARY[op], x!.storage, out.storage, n);
    else h.k.unaryI32(UNARY[op], x!.storage, out.storage, n);
  };
  const binary = <N extends Binary>(op: N): K<N> => ({ inputs: [a, b], out }) => {
    const flat = a!.dtype === 'float32' && FLAT_F32.has(op) ? flatStrides(a!, b!, out) : undefined;
    if (flat) return h.binaryF32Flat(BINARY[op], a!.storage, flat[0], b!.storage, flat[1], out.storage, sizeOf(out.shape));
    const { rank, params } = broadcastParams(h, op, out, [a!, b!]);
    const run = a!.dtype === 'float32' ? h.k.binaryF32 : a!.dtype === 'int32' ? h.k.binaryI32 : h.k.binaryU8;
    run(BINARY[op], a!.storage, b!.storage, out.storage, rank, params);
  };
  const table = {
    logicalNot: (({ inputs: [x], out }) => h.k.logicalNot(x!.storage, out.storage, sizeOf(out.shape))) as K<'logicalNot'>,
    where: (({ inputs: [c, a, b], out }) => {
      const { rank, params } = broadcastParams(h, 'where', out, [c!, a!, b!]);
      h.k.where(elemBytes(out.dtype), c!.storage, a!.storage, b!.storage, out.storage, rank, params);
    }) as K<'where'>,
    cast: (({ inputs: [x], out }) => h.k.cast(dtypeCode(x!.dtype), dtypeCode(out.dtype), x!.storage, out.storage, sizeOf(out.shape))) as K<'cast'>,
  };
  const unaries = Object.fromEntries(Object.keys(UNARY).map((op) => [op, unary(op as Unary)])) as { [N in Unary]: K<N> };
  const binaries = Object.fromEntries(Object.keys(BINARY).map((op) => [op, binary(op as Binary)])) as { [N in Binary]: K<N> };
  return { ...unaries, ...binaries, ...table };
}
