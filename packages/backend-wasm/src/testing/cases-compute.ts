// Differential test cases for reductions, matmul, convolution and pooling: every axis pattern,
// sizes around the SIMD width and the gemm blocking (KC 256, MC 128, NR 8), transposes,
// broadcast batches, groups, dilation, asymmetric padding, NaN in pooling windows; dense with
// each activation and softmax/logSoftmax along contiguous and strided axes.
import { ops, type AvgPoolAttrs, type Conv2dAttrs, type DenseActivation, type DType, type OpName, type PoolAttrs, type ReduceAttrs } from '@webgrad/tensor';
import type { OpCase } from './cases-elementwise.js';

const AXES: [number[], number[]][] = [
  [[4, 5, 6], [0]], [[4, 5, 6], [1]], [[4, 5, 6], [2]], [[4, 5, 6], [0, 2]], [[4, 5, 6], [0, 1, 2]], [[4, 5, 6], []],
  [[4, 1, 6], [1]], [[3, 1031], [1]], [[1031, 3], [0]], [[3, 600, 2], [0, 2]], [[2, 700], [0]], [[3, 0], [1]], [[0, 3], [0]],
  [[2, 3, 4, 5], [1, 3]], [[], []], [[7], [0]],
];

function reduce<K extends 'sum' | 'prod' | 'max' | 'min'>(op: K): OpCase<K>[] {
  const empty = op === 'max' || op === 'min';
  const out: OpCase<K>[] = [];
  for (const dtype of ['float32', 'int32'] as DType[]) {
    for (const [shape, axes] of AXES) {
      if (empty && axes.some((a) => shape[a] === 0)) continue;
      const attrs = { axes, keepdims: false } as ReduceAttrs;
      out.push({ name: `${dtype} ${JSON.stringify(shape)} axes ${JSON.stringify(axes)}`, inputs: [{ shape, dtype }], attrs, rtol: 1e-6, atol: 1e-5 });
    }
  }
  out.push({ name: 'keepdims', inputs: [{ shape: [4, 5, 6] }], attrs: { axes: [1], keepdims: true }, rtol: 1e-6 });
  out.push({ name: 'NaN and Inf', inputs: [{ shape: [2, 6], values: [1, NaN, 3, -1, 2, 0, Infinity, 1, -Infinity, 5, 6, 7] }], attrs: { axes: [1], keepdims: false } });
  return out;
}

function argReduce<K extends 'argmax' | 'argmin'>(): OpCase<K>[] {
  return [
    { name: 'axis 0', inputs: [{ shape: [5, 6] }], attrs: { axis: 0, keepdims: false } },
    { name: 'axis 1 keepdims', inputs: [{ shape: [5, 6] }], attrs: { axis: 1, keepdims: true } },
    { name: 'int32 ties', inputs: [{ shape: [2, 3, 4], dtype: 'int32', values: Array.from({ length: 24 }, (_, i) => i % 3) }], attrs: { axis: 1, keepdims: false } },
    { name: 'NaN first wins', inputs: [{ shape: [2, 4], values: [1, NaN, 5, NaN, 3, 3, -1, 3] }], attrs: { axis: 1, keepdims: false } },
  ];
}

const MATMUL: [number[], number[], boolean, boolean][] = [
  [[1, 1], [1, 1], false, false], [[13, 17], [17, 9], false, false], [[17, 13], [17, 9], true, false],
  [[13, 17], [9, 17], false, true], [[17, 13], [9, 17], true, true], [[70, 300], [300, 40], false, false],
  [[300, 70], [40, 300], true, true], [[130, 20], [20, 17], false, false], [[5, 3], [3, 2050], false, false],
  [[2, 3, 5, 4], [4, 6], false, false], [[1, 5, 4], [3, 4, 6], false, false], [[2, 1, 4, 5], [3, 6, 4], true, true],
  [[3, 0], [0, 4], false, false], [[64, 64], [64, 64], false, false], [[2, 7, 33], [2, 33, 11], false, false],
];

function conv(stride: [number, number], padding: [number, number, number, number], dilation: [number, number], groups: number): Conv2dAttrs {
  return { stride, padding, dilation, groups };
}

const CONVS: [number[], number[], Conv2dAttrs][] = [
  [[2, 3, 7, 7], [4, 3, 3, 3], conv([1, 1], [1, 1, 1, 1], [1, 1], 1)],
  [[1, 4, 9, 8], [6, 2, 3, 2], conv([2, 1], [0, 2, 1, 0], [1, 2], 2)],
  [[2, 5, 6, 6], [3, 5, 1, 1], conv([1, 1], [0, 0, 0, 0], [1, 1], 1)],
  [[1, 2, 10, 10], [3, 2, 3, 3], conv([3, 2], [2, 1, 0, 2], [2, 1], 1)],
  [[3, 8, 5, 5], [8, 1, 3, 3], conv([1, 1], [1, 1, 1, 1], [1, 1], 8)],
];

function outShape(x: number[], f: number[], a: Conv2dAttrs): number[] {
  const ext = (size: number, k: number, s: number, p0: number, p1: number, d: number) => Math.floor((size + p0 + p1 - d * (k - 1) - 1) / s) + 1;
  return [x[0]!, f[0]!, ext(x[2]!, f[2]!, a.stride[0], a.padding[0], a.padding[1], a.dilation[0]), ext(x[3]!, f[3]!, a.stride[1], a.padding[2], a.padding[3], a.dilation[1])];
}

const POOLS: [number[], PoolAttrs][] = [
  [[2, 3, 6, 6], { kernel: [2, 2], stride: [2, 2], padding: [0, 0, 0, 0], ceilMode: false }],
  [[1, 2, 7, 5], { kernel: [3, 3], stride: [2, 1], padding: [1, 2, 1, 0], ceilMode: false }],
  [[1, 1, 4, 4], { kernel: [2, 3], stride: [1, 2], padding: [1, 1, 2, 2], ceilMode: false }],
  [[1, 2, 6, 8], { kernel: [3, 3], stride: [2, 2], padding: [1, 1, 1, 1], ceilMode: true }],
];

/** Each pooling geometry for averages with padding counted in the divisor and not. */
const AVG_POOLS: [number[], AvgPoolAttrs][] = POOLS.flatMap(([x, a]) => [true, false].map((countIncludePad): [number[], AvgPoolAttrs] => [x, { ...a, countIncludePad }]));

function poolOut(x: number[], a: PoolAttrs): number[] {
  return [...ops.maxPool2d.infer('maxPool2d', [{ shape: x, dtype: 'float32' }], a).shape];
}

const TOL = { rtol: 1e-4, atol: 1e-4 };

/** dense: shapes around the 4x8 tile and the KC 256 / MC 128 blocking, each activation, an empty k. */
const DENSE: [number[], number, number, DenseActivation][] = [
  [[13], 17, 9, 'linear'], [[13], 17, 9, 'relu'], [[13], 17, 9, 'sigmoid'], [[13], 17, 9, 'tanh'],
  [[70], 300, 40, 'relu'], [[130], 20, 17, 'tanh'], [[2, 3, 5], 4, 6, 'sigmoid'], [[5], 3, 2050, 'relu'],
  [[3], 0, 4, 'sigmoid'], [[64], 64, 64, 'linear'],
];

/** softmax/logSoftmax: last-axis rows around the SIMD width, strided axes with 4-column blocks and tails. */
const ALONG: [number[], number][] = [
  [[3, 7], 1], [[2, 1031], 1], [[4, 1], 1], [[5], 0], [[4, 5, 6], 1], [[4, 5, 6], 0], [[3, 600, 2], 1], [[2, 9, 13], 1], [[0, 3], 1],
];
const ALONG_SPECIAL = { name: 'NaN, ±Inf and all -Inf rows', inputs: [{ shape: [5, 3], values: [1, -Infinity, 2, -Infinity, -Infinity, -Infinity, Infinity, 0, 1, NaN, 1, 2, 3, 4, 5] }], attrs: { axis: 1 }, ...TOL };
const NAN_PLANE = [1, 2, NaN, 0, 5, 5, 3, -1, NaN, 2, 2, 4, 0, 9, 1, 1];

/** The reduction, matmul, convolution and pooling part of the case table. */
export const computeCases = {
  sum: reduce('sum'), prod: reduce('prod'), max: reduce('max'), min: reduce('min'),
  argmax: argReduce<'argmax'>(), argmin: argReduce<'argmin'>(),
  matmul: MATMUL.map(([a, b, transposeA, transposeB]) => ({ name: `${JSON.stringify(a)}${transposeA ? 'ᵀ' : ''} @ ${JSON.stringify(b)}${transposeB ? 'ᵀ' : ''}`, inputs: [{ shape: a }, { shape: b }], attrs: { transposeA, transposeB }, ...TOL })),
  dense: DENSE.map(([x, k, n, activation]) => ({ name: `${activation} ${JSON.stringify([...x, k])} @ [${k},${n}]`, inputs: [{ shape: [...x, k] }, { shape: [k, n] }, { shape: [n] }], attrs: { activation }, ...TOL })),
  softmax: [...ALONG.map(([shape, axis]) => ({ name: `${JSON.stringify(shape)} axis ${axis}`, inputs: [{ shape }], attrs: { axis }, ...TOL })), ALONG_SPECIAL],
  logSoftmax: [...ALONG.map(([shape, axis]) => ({ name: `${JSON.stringify(shape)} axis ${axis}`, inputs: [{ shape }], attrs: { axis }, ...TOL })), ALONG_SPECIAL],
  conv2d: CONVS.map(([x, f, attrs]) => ({ name: `x ${JSON.stringify(x)} filter ${JSON.stringify(f)}`, inputs: [{ shape: x }, { shape: f }], attrs, ...TOL })),
  conv2dInputGrad: CONVS.map(([x, f, attrs]) => ({ name: `x ${JSON.stringify(x)} filter ${JSON.stringify(f)}`, inputs: [{ shape: outShape(x, f, attrs) }, { shape: f }], attrs: { ...attrs, inputShape: x }, ...TOL })),
  conv2dFilterGrad: CONVS.map(([x, f, attrs]) => ({ name: `x ${JSON.stringify(x)} filter ${JSON.stringify(f)}`, inputs: [{ shape: x }, { shape: outShape(x, f, attrs) }], attrs: { ...attrs, filterShape: f }, ...TOL })),
  maxPool2d: [...POOLS.map(([x, attrs]) => ({ name: JSON.stringify(x), inputs: [{ shape: x }], attrs })),
    { name: 'NaN in windows', inputs: [{ shape: [1, 1, 4, 4], values: NAN_PLANE }], attrs: POOLS[0]![1] }],
  maxPool2dGrad: [...POOLS.map(([x, attrs]) => ({ name: JSON.stringify(x), inputs: [{ shape: x }, { shape: poolOut(x, attrs) }], attrs, ...TOL })),
    { name: 'NaN in windows', inputs: [{ shape: [1, 1, 4, 4], values: NAN_PLANE }, { shape: [1, 1, 2, 2] }], attrs: POOLS[0]![1] }],
  avgPool2d: AVG_POOLS.map(([x, attrs]) => ({ name: `${JSON.stringify(x)} countIncludePad ${attrs.countIncludePad}`, inputs: [{ shape: x }], attrs, rtol: 1e-6 })),
  avgPool2dGrad: AVG_POOLS.map(([x, attrs]) => ({ name: `${JSON.stringify(x)} countIncludePad ${attrs.countIncludePad}`, inputs: [{ shape: poolOut(x, attrs) }], attrs: { ...attrs, inputShape: x }, rtol: 1e-6, atol: 1e-6 })),
} satisfies { [K in OpName]?: OpCase<K>[] };
