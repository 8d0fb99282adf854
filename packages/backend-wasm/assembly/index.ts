// The wasm module's exports: every kernel the TypeScript backend calls. Memory is imported and
// owned by the TypeScript side's pool; heapBase() tells it where static data ends.
export { unaryF32, unaryI32, logicalNot, cast } from './unary';
export { binaryF32, binaryF32Flat, binaryI32, binaryU8, where } from './binary';
export { reduceF32, reduceI32, argReduceKernel } from './reduce';
export { copyStrided, fill32, gather, scatterAdd } from './layout';
export { gemm, gemmPackABytes, gemmPackBBytes, relaxedSimd } from './gemm';
export { softmaxColumns, softmaxRows } from './softmax';
export { im2col, col2im } from './conv';
export { maxPool2d, maxPool2dGrad, avgPool2d, avgPool2dGrad } from './pool';

/** First byte after the module's static data: the pool may use memory from here on. */
export function heapBase(): usize {
  return __heap_base;
}
