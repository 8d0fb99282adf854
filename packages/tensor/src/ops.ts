// The op table: every primitive op, its attributes, and its shape and dtype inference. Backends
// implement exactly these (`Kernels`), autograd gives each a rule (`GradRules`); composite ops
// (gelu, layerNorm, ...) are written from them in api/. Adding an op starts here.
import { isDType, type DType } from './dtype.js';
import {
  binary, checkAxes, checkNonEmptyReduction, checkNonNegativeInts, checkPositiveInts, checkSameSize,
  expectDType, expectRank, expectShape, reducedShape, unary, windowExtent, type Meta,
} from './infer.js';
import { broadcastShapes, checkShape, fmt, sameShape, type Shape } from './shape.js';

type None = Record<string, never>;

/** Attributes of a reduction: sorted, normalised axes. */
export interface ReduceAttrs { axes: number[]; keepdims: boolean }
/** Attributes of argmax/argmin: one normalised axis. */
export interface ArgReduceAttrs { axis: number; keepdims: boolean }
/** Attributes of a strided slice, one entry per axis, already normalised by the frontend. */
export interface SliceAttrs { begin: number[]; end: number[]; step: number[] }
/** 2-D convolution over NCHW input with OIHW filters; padding is [top, bottom, left, right]. */
export interface Conv2dAttrs { stride: [number, number]; padding: [number, number, number, number]; dilation: [number, number]; groups: number }
/**
 * 2-D pooling over NCHW input; padding is [top, bottom, left, right] and smaller than the window.
 * ceilMode rounds the output extent up (see `windowExtent` in infer.ts); windows are clipped to the input.
 */
export interface PoolAttrs { kernel: [number, number]; stride: [number, number]; padding: [number, number, number, number]; ceilMode: boolean }
/** Average pooling: countIncludePad divides by the window's positions inside the padded input (see {@link avgPoolCounted}). */
export interface AvgPoolAttrs extends PoolAttrs { countIncludePad: boolean }
/** The activations `dense` can apply to its output. */
export type DenseActivation = 'linear' | 'relu' | 'sigmoid' | 'tanh';
/** Every {@link DenseActivation}, in a fixed order (backends number them by it). */
export const DENSE_ACTIVATIONS: readonly DenseActivation[] = ['linear', 'relu', 'sigmoid', 'tanh'];

/** Every primitive op and its attributes. */
export interface OpAttrs {
  neg: None; abs: None; sign: None; relu: None; floor: None; ceil: None; round: None;
  exp: None; log: None; log1p: None; expm1: None; erf: None; sqrt: None; rsqrt: None; reciprocal: None;
  sin: None; cos: None; tanh: None; sigmoid: None; logicalNot: None;
  add: None; sub: None; mul: None; div: None; pow: None; maximum: None; minimum: None;
  eq: None; ne: None; lt: None; le: None; gt: None; ge: None; logicalAnd: None; logicalOr: None;
  where: None; cast: { dtype: DType };
  sum: ReduceAttrs; prod: ReduceAttrs; max: ReduceAttrs; min: ReduceAttrs; argmax: ArgReduceAttrs; argmin: ArgReduceAttrs;
  matmul: { transposeA: boolean; transposeB: boolean };
  dense: { activation: DenseActivation };
  softmax: { axis: number }; logSoftmax: { axis: number };
  reshape: { shape: number[] }; transpose: { perm: number[] }; broadcastTo: { shape: number[] };
  slice: SliceAttrs; sliceGrad: SliceAttrs & { inputShape: number[] };
  concat: { axis: number }; pad: { pads: [number, number][]; value: number }; tile: { reps: number[] };
  gather: { axis: number }; scatterAdd: { axis: number; size: number };
  conv2d: Conv2dAttrs; conv2dInputGrad: Conv2dAttrs & { inputShape: number[] }; conv2dFilterGrad: Conv2dAttrs & { filterShape: number[] };
  maxPool2d: PoolAttrs; maxPool2dGrad: PoolAttrs; avgPool2d: AvgPoolAttrs; avgPool2dGrad: AvgPoolAttrs & { inputShape: number[] };
}

/** The name of a primitive op. */
export type OpName = keyof OpAttrs;

/** How an op is checked: its input names (or 'many' for a list) and its inference. */
export interface OpSpec<K extends OpName> {
  /** Names of the tensor inputs, used in errors; 'many' for one list of tensors (concat). */
  readonly inputs: readonly string[] | 'many';
  /** Validates inputs and attributes and returns the output's shape and dtype. */
  readonly infer: (op: K, inputs: readonly Meta[], attrs: OpAttrs[K]) => Meta;
}

const floatUnary = { inputs: ['x'], infer: unary('float') } as const;
const numericUnary = { inputs: ['x'], infer: unary('numeric') } as const;
const numericBinary = { inputs: ['a', 'b'], infer: binary('numeric') } as const;
const compare = { inputs: ['a', 'b'], infer: binary('any', 'bool') } as const;

function reduce(opts: { cls: 'numeric'; needsElements?: boolean }): OpSpec<'sum' | 'prod' | 'max' | 'min'> {
  return {
    inputs: ['x'],
    infer: (op, [x], { axes, keepdims }) => {
      expectDType(op, 'x', x!.dtype, opts.cls);
      checkAxes(op, axes, x!.shape.length);
      if (opts.needsElements) checkNonEmptyReduction(op, x!.shape, axes);
      return { shape: reducedShape(x!.shape, axes, keepdims), dtype: x!.dtype };
    },
  };
}

const argReduce: OpSpec<'argmax' | 'argmin'> = {
  inputs: ['x'],
  infer: (op, [x], { axis, keepdims }) => {
    expectDType(op, 'x', x!.dtype, 'numeric');
    checkAxes(op, [axis], x!.shape.length);
    checkNonEmptyReduction(op, x!.shape, [axis]);
    return { shape: reducedShape(x!.shape, [axis], keepdims), dtype: 'int32' };
  },
};

function sliceShape(op: string, shape: Shape, { begin, end, step }: SliceAttrs): number[] {
  for (const [arg, v] of [['begin', begin], ['end', end], ['step', step]] as const) {
    if (v.length !== shape.length || !v.every(Number.isInteger)) {
      throw new Error(`${op}: ${arg} must be ${shape.length} integers, one per axis of ${fmt(shape)}, got ${fmt(v)}`);
    }
  }
  return shape.map((d, i) => {
    const [b, e, s] = [begin[i]!, end[i]!, step[i]!];
    const ok = s > 0 ? 0 <= b && b <= d && b <= e && e <= d : s < 0 && -1 <= e && e <= b && b <= d - 1;
    if (!ok) throw new Error(`${op}: axis ${i} of ${fmt(shape)}: begin ${b}, end ${e}, step ${s} is not a normalised slice`);
    return Math.max(0, Math.ceil((e - b) / s));
  });
}

function convOutShape(op: string, x: Shape, w: Shape, a: Conv2dAttrs): number[] {
  expectRank(op, 'x', x, 4, 'N, C, H, W');
  expectRank(op, 'filter', w, 4, 'outChannels, inChannels / groups, kernelH, kernelW');
  checkPositiveInts(op, 'stride', a.stride, 2);
  checkPositiveInts(op, 'dilation', a.dilation, 2);
  checkNonNegativeInts(op, 'padding', a.padding, 4);
  checkPositiveInts(op, 'groups', [a.groups], 1);
  const [n, c, h, wd] = x as [number, number, number, number];
  const [o, ci, kh, kw] = w as [number, number, number, number];
  if (c % a.groups || o % a.groups) throw new Error(`${op}: groups ${a.groups} must divide input channels ${c} and output channels ${o}`);
  if (ci * a.groups !== c) throw new Error(`${op}: filter ${fmt(w)} expects ${ci * a.groups} input channels with groups ${a.groups}, x ${fmt(x)} has ${c}`);
  return [n, o,
    windowExtent(op, h, kh, a.stride[0], a.padding[0], a.padding[1], a.dilation[0]),
    windowExtent(op, wd, kw, a.stride[1], a.padding[2], a.padding[3], a.dilation[1])];
}

function poolOutShape(op: string, x: Shape, a: PoolAttrs): number[] {
  expectRank(op, 'x', x, 4, 'N, C, H, W');
  checkBoolean(op, 'ceilMode', a.ceilMode);
  checkPositiveInts(op, 'kernel', a.kernel, 2);
  checkPositiveInts(op, 'stride', a.stride, 2);
  checkNonNegativeInts(op, 'padding', a.padding, 4);
  a.padding.forEach((p, i) => {
    const k = a.kernel[i < 2 ? 0 : 1];
    if (p >= k) throw new Error(`${op}: padding ${fmt(a.padding)} must be smaller than the window ${fmt(a.kernel)}`);
  });
  const [n, c, h, w] = x as [number, number, number, number];
  if (h === 0 || w === 0) throw new Error(`${op}: x ${fmt(x)} has an empty spatial axis, so every window would cover only padding`);
  return [n, c,
    windowExtent(op, h, a.kernel[0], a.stride[0], a.padding[0], a.padding[1], 1, a.ceilMode),
    windowExtent(op, w, a.kernel[1], a.stride[1], a.padding[2], a.padding[3], 1, a.ceilMode)];
}

function checkBoolean(op: string, arg: string, v: unknown): void {
  if (typeof v !== 'boolean') throw new Error(`${op}: ${arg} must be true or false, got ${JSON.stringify(v)}`);
}

/**
 * The rows [top, bottom) and columns [left, right), in input coordinates, whose positions an
 * average window divides by: the input itself, or with countIncludePad the input and its
 * padding. A ceilMode window that runs past the padding does not count the excess (PyTorch's
 * avg_pool2d: the divisor is the window clipped to input + padding).
 */
export function avgPoolCounted(inputShape: Shape, a: AvgPoolAttrs): [number, number, number, number] {
  const [h, w] = [inputShape[2]!, inputShape[3]!];
  const [top, bottom, left, right] = a.countIncludePad ? a.padding : [0, 0, 0, 0];
  return [-top, h + bottom, -left, w + right];
}

function float(op: string, arg: string, m: Meta): void {
  expectDType(op, arg, m.dtype, 'float');
}

/** softmax and logSoftmax: float x, one normalised axis; the output is shaped like x. */
const alongAxis: OpSpec<'softmax' | 'logSoftmax'> = {
  inputs: ['x'],
  infer: (op, [x], { axis }) => {
    float(op, 'x', x!);
    checkAxes(op, [axis], x!.shape.length);
    return { shape: x!.shape, dtype: 'float32' };
  },
};

/** The op table. */
export const ops: { readonly [K in OpName]: OpSpec<K> } = {
  neg: numericUnary, abs: numericUnary, sign: numericUnary, relu: numericUnary,
  floor: numericUnary, ceil: numericUnary, round: numericUnary,
  exp: floatUnary, log: floatUnary, log1p: floatUnary, expm1: floatUnary, erf: floatUnary, sqrt: floatUnary, rsqrt: floatUnary,
  reciprocal: floatUnary, sin: floatUnary, cos: floatUnary, tanh: floatUnary, sigmoid: floatUnary,
  logicalNot: { inputs: ['x'], infer: unary('bool') },
  add: numericBinary, sub: numericBinary, mul: numericBinary, pow: numericBinary, maximum: numericBinary, minimum: numericBinary,
  div: { inputs: ['a', 'b'], infer: binary('float') },
  eq: compare, ne: compare, lt: compare, le: compare, gt: compare, ge: compare,
  logicalAnd: { inputs: ['a', 'b'], infer: binary('bool') },
  logicalOr: { inputs: ['a', 'b'], infer: binary('bool') },
  where: {
    inputs: ['cond', 'a', 'b'],
    infer: (op, [cond, a, b]) => {
      expectDType(op, 'cond', cond!.dtype, 'bool');
      if (a!.dtype !== b!.dtype) throw new Error(`${op}: a and b must share a dtype, got ${a!.dtype} and ${b!.dtype}`);
      return { shape: broadcastShapes(op, [cond!.shape, a!.shape, b!.shape], ['cond', 'a', 'b']), dtype: a!.dtype };
    },
  },
  cast: {
    inputs: ['x'],
    infer: (op, [x], { dtype }) => {
      if (!isDType(dtype)) throw new Error(`${op}: dtype must be float32, int32 or bool, got ${JSON.stringify(dtype)}`);
      return { shape: x!.shape, dtype };
    },
  },
  sum: reduce({ cls: 'numeric' }), prod: reduce({ cls: 'numeric' }),
  max: reduce({ cls: 'numeric', needsElements: true }), min: reduce({ cls: 'numeric', needsElements: true }),
  argmax: argReduce, argmin: argReduce,
  matmul: {
    inputs: ['a', 'b'],
    infer: (op, [a, b], { transposeA, transposeB }) => {
      for (const [arg, m] of [['a', a!], ['b', b!]] as const) {
        float(op, arg, m);
        if (m.shape.length < 2) throw new Error(`${op}: ${arg} must have rank 2 or more, got ${fmt(m.shape)}`);
      }
      const [ra, rb] = [a!.shape.length, b!.shape.length];
      const [m, ka] = transposeA ? [a!.shape[ra - 1]!, a!.shape[ra - 2]!] : [a!.shape[ra - 2]!, a!.shape[ra - 1]!];
      const [kb, n] = transposeB ? [b!.shape[rb - 1]!, b!.shape[rb - 2]!] : [b!.shape[rb - 2]!, b!.shape[rb - 1]!];
      if (ka !== kb) {
        throw new Error(`${op}: inner dimensions differ: a is ${fmt(a!.shape)}${transposeA ? ' (transposed)' : ''}, b is ${fmt(b!.shape)}${transposeB ? ' (transposed)' : ''}`);
      }
      const batch = broadcastShapes(op, [a!.shape.slice(0, -2), b!.shape.slice(0, -2)], ['batch of a', 'batch of b']);
      return { shape: [...batch, m, n], dtype: 'float32' };
    },
  },
  // act(x @ w + b) over x's last axis: a fully connected layer in one kernel.
  dense: {
    inputs: ['x', 'w', 'b'],
    infer: (op, [x, w, b], { activation }) => {
      for (const [arg, m] of [['x', x!], ['w', w!], ['b', b!]] as const) float(op, arg, m);
      if (!DENSE_ACTIVATIONS.includes(activation)) throw new Error(`${op}: activation must be one of ${DENSE_ACTIVATIONS.join(', ')}, got ${JSON.stringify(activation)}`);
      if (x!.shape.length < 1) throw new Error(`${op}: x must have rank 1 or more, got ${fmt(x!.shape)}`);
      expectRank(op, 'w', w!.shape, 2, 'inputs, outputs');
      const [k, n] = w!.shape as [number, number];
      if (x!.shape[x!.shape.length - 1] !== k) throw new Error(`${op}: x ${fmt(x!.shape)} must end in w's input extent ${k} (w is ${fmt(w!.shape)})`);
      expectShape(op, 'b', b!.shape, [n]);
      return { shape: [...x!.shape.slice(0, -1), n], dtype: 'float32' };
    },
  },
  softmax: alongAxis,
  logSoftmax: alongAxis,
  reshape: { inputs: ['x'], infer: (op, [x], { shape }) => (checkSameSize(op, x!.shape, shape), { shape, dtype: x!.dtype }) },
  transpose: {
    inputs: ['x'],
    infer: (op, [x], { perm }) => {
      const rank = x!.shape.length;
      const sorted = [...perm].sort((p, q) => p - q);
      if (perm.length !== rank || !sorted.every((p, i) => p === i)) {
        throw new Error(`${op}: perm must be a permutation of 0..${rank - 1} for x ${fmt(x!.shape)}, got ${fmt(perm)}`);
      }
      return { shape: perm.map((p) => x!.shape[p]!), dtype: x!.dtype };
    },
  },
  broadcastTo: {
    inputs: ['x'],
    infer: (op, [x], { shape }) => {
      checkShape(op, shape);
      const out = broadcastShapes(op, [x!.shape, shape], ['x', 'shape']);
      if (!sameShape(out, shape)) throw new Error(`${op}: x ${fmt(x!.shape)} does not broadcast to ${fmt(shape)}`);
      return { shape, dtype: x!.dtype };
    },
  },
  slice: { inputs: ['x'], infer: (op, [x], attrs) => ({ shape: sliceShape(op, x!.shape, attrs), dtype: x!.dtype }) },
  sliceGrad: {
    inputs: ['dy'],
    infer: (op, [dy], attrs) => {
      checkShape(op, attrs.inputShape, 'inputShape');
      expectShape(op, 'dy', dy!.shape, sliceShape(op, attrs.inputShape, attrs));
      return { shape: attrs.inputShape, dtype: dy!.dtype };
    },
  },
  concat: {
    inputs: 'many',
    infer: (op, xs, { axis }) => {
      if (xs.length === 0) throw new Error(`${op}: needs at least one tensor, got none`);
      const first = xs[0]!;
      checkAxes(op, [axis], first.shape.length);
      let total = 0;
      xs.forEach((x, i) => {
        if (x.dtype !== first.dtype) throw new Error(`${op}: tensor ${i} is ${x.dtype}, tensor 0 is ${first.dtype}`);
        const fits = x.shape.length === first.shape.length && x.shape.every((d, j) => j === axis || d === first.shape[j]);
        if (!fits) throw new Error(`${op}: tensor ${i} has shape ${fmt(x.shape)}, which does not match tensor 0 ${fmt(first.shape)} off axis ${axis}`);
        total += x.shape[axis]!;
      });
      return { shape: first.shape.map((d, j) => (j === axis ? total : d)), dtype: first.dtype };
    },
  },
  pad: {
    inputs: ['x'],
    infer: (op, [x], { pads }) => {
      if (pads.length !== x!.shape.length) throw new Error(`${op}: pads needs one [before, after] pair per axis of ${fmt(x!.shape)}, got ${JSON.stringify(pads)}`);
      pads.forEach((p) => checkNonNegativeInts(op, 'pads', p, 2));
      return { shape: x!.shape.map((d, i) => d + pads[i]![0] + pads[i]![1]), dtype: x!.dtype };
    },
  },
  tile: {
    inputs: ['x'],
    infer: (op, [x], { reps }) => {
      checkNonNegativeInts(op, 'reps', reps, x!.shape.length);
      return { shape: x!.shape.map((d, i) => d * reps[i]!), dtype: x!.dtype };
    },
  },
  gather: {
    inputs: ['x', 'indices'],
    infer: (op, [x, idx], { axis }) => {
      if (idx!.dtype !== 'int32') throw new Error(`${op}: indices must be int32, got ${idx!.dtype}`);
      checkAxes(op, [axis], x!.shape.length);
      return { shape: [...x!.shape.slice(0, axis), ...idx!.shape, ...x!.shape.slice(axis + 1)], dtype: x!.dtype };
    },
  },
  scatterAdd: {
    inputs: ['indices', 'updates'],
    infer: (op, [idx, upd], { axis, size }) => {
      if (idx!.dtype !== 'int32') throw new Error(`${op}: indices must be int32, got ${idx!.dtype}`);
      expectDType(op, 'updates', upd!.dtype, 'numeric');
      checkNonNegativeInts(op, 'size', [size], 1);
      const r = idx!.shape.length;
      const expected = upd!.shape.slice(axis, axis + r);
      if (axis < 0 || axis + r > upd!.shape.length || !sameShape(expected, idx!.shape)) {
        throw new Error(`${op}: updates ${fmt(upd!.shape)} must hold indices ${fmt(idx!.shape)} at axis ${axis}`);
      }
      return { shape: [...upd!.shape.slice(0, axis), size, ...upd!.shape.slice(axis + r)], dtype: upd!.dtype };
    },
  },
  conv2d: {
    inputs: ['x', 'filter'],
    infer: (op, [x, w], attrs) => (float(op, 'x', x!), float(op, 'filter', w!), { shape: convOutShape(op, x!.shape, w!.shape, attrs), dtype: 'float32' }),
  },
  conv2dInputGrad: {
    inputs: ['dy', 'filter'],
    infer: (op, [dy, w], attrs) => {
      float(op, 'dy', dy!);
      float(op, 'filter', w!);
      expectShape(op, 'dy', dy!.shape, convOutShape(op, attrs.inputShape, w!.shape, attrs));
      return { shape: attrs.inputShape, dtype: 'float32' };
    },
  },
  conv2dFilterGrad: {
    inputs: ['x', 'dy'],
    infer: (op, [x, dy], attrs) => {
      float(op, 'x', x!);
      float(op, 'dy', dy!);
      expectShape(op, 'dy', dy!.shape, convOutShape(op, x!.shape, attrs.filterShape, attrs));
      return { shape: attrs.filterShape, dtype: 'float32' };
    },
  },
  maxPool2d: { inputs: ['x'], infer: (op, [x], attrs) => (float(op, 'x', x!), { shape: poolOutShape(op, x!.shape, attrs), dtype: 'float32' }) },
  maxPool2dGrad: {
    inputs: ['x', 'dy'],
    infer: (op, [x, dy], attrs) => {
      float(op, 'x', x!);
      float(op, 'dy', dy!);
      expectShape(op, 'dy', dy!.shape, poolOutShape(op, x!.shape, attrs));
      return { shape: x!.shape, dtype: 'float32' };
    },
  },
  avgPool2d: {
    inputs: ['x'],
    infer: (op, [x], attrs) => (float(op, 'x', x!), checkBoolean(op, 'countIncludePad', attrs.countIncludePad), { shape: poolOutShape(op, x!.shape, attrs), dtype: 'float32' }),
  },
  avgPool2dGrad: {
    inputs: ['dy'],
    infer: (op, [dy], attrs) => {
      float(op, 'dy', dy!);
      checkBoolean(op, 'countIncludePad', attrs.countIncludePad);
      expectShape(op, 'dy', dy!.shape, poolOutShape(op, attrs.inputShape, attrs));
      return { shape: attrs.inputShape, dtype: 'float32' };
    },
  },
};

/** Every op name, in table order. */
export const opNames = Object.keys(ops) as OpName[];
