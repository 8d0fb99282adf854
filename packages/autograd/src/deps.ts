// What autograd takes from @webgrad/tensor, in one place.
export {
  Tensor, fromValues, onOp, runOp, scope, untracked, withTracking, isTracking, setBackwardHandler, keep,
  conv2dAttrs, type DenseActivation, type OpAttrs, type OpName, type Shape,
} from '@webgrad/tensor';

/** `[2,3]` */
export const fmt = (shape: readonly number[]): string => `[${shape.join(',')}]`;

/** Whether two shapes are identical. */
export const sameShapeAs = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);
