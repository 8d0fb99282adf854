// Function forms of the elementwise ops, for code that prefers wg.add(a, b) to a.add(b).
import type { Tensor } from '../tensor.js';
import { arithOp, compareOp, logicalOp, unaryOp, type TensorOrScalar as T } from './elementwise.js';

/** Elementwise −x; bool becomes int32; other dtypes are kept. */
export const neg = (x: Tensor): Tensor => unaryOp('neg', x);
/** Elementwise |x|; bool becomes int32; other dtypes are kept. */
export const abs = (x: Tensor): Tensor => unaryOp('abs', x);
/** Elementwise sign −1, 0 or 1 (NaN stays NaN); bool becomes int32; other dtypes are kept. */
export const sign = (x: Tensor): Tensor => unaryOp('sign', x);
/**
 * Elementwise max(x, 0); bool becomes int32; other dtypes are kept.
 * @example
 * ```ts
 * wg.relu(wg.tensor([-1, 0, 2])); // [0, 0, 2]
 * ```
 */
export const relu = (x: Tensor): Tensor => unaryOp('relu', x);
/** Rounds down; bool becomes int32; other dtypes are kept. */
export const floor = (x: Tensor): Tensor => unaryOp('floor', x);
/** Rounds up; bool becomes int32; other dtypes are kept. */
export const ceil = (x: Tensor): Tensor => unaryOp('ceil', x);
/** Rounds half to even, as NumPy and WGSL do; bool becomes int32; other dtypes are kept. */
export const round = (x: Tensor): Tensor => unaryOp('round', x);
/** Elementwise eˣ. Integer and bool inputs are cast to float32. */
export const exp = (x: Tensor): Tensor => unaryOp('exp', x);
/** Elementwise natural logarithm. Integer and bool inputs are cast to float32. */
export const log = (x: Tensor): Tensor => unaryOp('log', x);
/** Elementwise log(1 + x), accurate near 0. Integer and bool inputs are cast to float32. */
export const log1p = (x: Tensor): Tensor => unaryOp('log1p', x);
/** Elementwise eˣ − 1, accurate near 0. Integer and bool inputs are cast to float32. */
export const expm1 = (x: Tensor): Tensor => unaryOp('expm1', x);
/** The error function, 2/√π ∫₀ˣ exp(−t²) dt. Integer and bool inputs are cast to float32. */
export const erf = (x: Tensor): Tensor => unaryOp('erf', x);
/** Elementwise square root. Integer and bool inputs are cast to float32. */
export const sqrt = (x: Tensor): Tensor => unaryOp('sqrt', x);
/** Elementwise 1/√x. Integer and bool inputs are cast to float32. */
export const rsqrt = (x: Tensor): Tensor => unaryOp('rsqrt', x);
/** Elementwise 1/x. Integer and bool inputs are cast to float32. */
export const reciprocal = (x: Tensor): Tensor => unaryOp('reciprocal', x);
/** Elementwise sine (radians). Integer and bool inputs are cast to float32. */
export const sin = (x: Tensor): Tensor => unaryOp('sin', x);
/** Elementwise cosine (radians). Integer and bool inputs are cast to float32. */
export const cos = (x: Tensor): Tensor => unaryOp('cos', x);
/** Elementwise hyperbolic tangent. Integer and bool inputs are cast to float32. */
export const tanh = (x: Tensor): Tensor => unaryOp('tanh', x);
/** Elementwise logistic function 1/(1 + e⁻ˣ). Integer and bool inputs are cast to float32. */
export const sigmoid = (x: Tensor): Tensor => unaryOp('sigmoid', x);
/**
 * Elementwise a + b in the promoted dtype (bool < int32 < float32); two bools give their logical or. Broadcasts by NumPy rules; numbers lift to scalars.
 * Throws when the shapes cannot broadcast.
 * @example
 * ```ts
 * wg.add(wg.tensor([[1], [2]]), wg.tensor([10, 20])); // [[11, 21], [12, 22]]
 * ```
 */
export const add = (a: T, b: T): Tensor => arithOp('add', a, b);
/** Elementwise a − b in the promoted dtype. Broadcasts by NumPy rules; numbers lift to scalars. */
export const sub = (a: T, b: T): Tensor => arithOp('sub', a, b);
/** Elementwise a · b in the promoted dtype; two bools give their logical and. Broadcasts by NumPy rules; numbers lift to scalars. */
export const mul = (a: T, b: T): Tensor => arithOp('mul', a, b);
/** Elementwise aᵇ (IEEE 754 pow) in the promoted dtype. Broadcasts by NumPy rules; numbers lift to scalars. */
export const pow = (a: T, b: T): Tensor => arithOp('pow', a, b);
/** Elementwise larger of a and b; NaN wins. Broadcasts by NumPy rules; numbers lift to scalars. */
export const maximum = (a: T, b: T): Tensor => arithOp('maximum', a, b);
/** Elementwise smaller of a and b; NaN wins. Broadcasts by NumPy rules; numbers lift to scalars. */
export const minimum = (a: T, b: T): Tensor => arithOp('minimum', a, b);
/** Elementwise a == b, as bool. Broadcasts by NumPy rules; numbers lift to scalars. */
export const eq = (a: T, b: T): Tensor => compareOp('eq', a, b);
/** Elementwise a != b, as bool. Broadcasts by NumPy rules; numbers lift to scalars. */
export const ne = (a: T, b: T): Tensor => compareOp('ne', a, b);
/** Elementwise a < b, as bool. Broadcasts by NumPy rules; numbers lift to scalars. */
export const lt = (a: T, b: T): Tensor => compareOp('lt', a, b);
/** Elementwise a <= b, as bool. Broadcasts by NumPy rules; numbers lift to scalars. */
export const le = (a: T, b: T): Tensor => compareOp('le', a, b);
/** Elementwise a > b, as bool. Broadcasts by NumPy rules; numbers lift to scalars. */
export const gt = (a: T, b: T): Tensor => compareOp('gt', a, b);
/** Elementwise a >= b, as bool. Broadcasts by NumPy rules; numbers lift to scalars. */
export const ge = (a: T, b: T): Tensor => compareOp('ge', a, b);
/** Elementwise logical and of two bool tensors (broadcast); other dtypes throw. */
export const logicalAnd = (a: T, b: T): Tensor => logicalOp('logicalAnd', a, b);
/** Elementwise logical or of two bool tensors (broadcast); other dtypes throw. */
export const logicalOr = (a: T, b: T): Tensor => logicalOp('logicalOr', a, b);
