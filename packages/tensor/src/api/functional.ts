// Function forms of the elementwise ops, for code that prefers wg.add(a, b) to a.add(b).
import type { Tensor } from '../tensor.js';
import { arithOp, compareOp, logicalOp, unaryOp, type TensorOrScalar as T } from './elementwise.js';

// Each is documented as the Tensor method of the same name.
export const neg = (x: Tensor): Tensor => unaryOp('neg', x);
export const abs = (x: Tensor): Tensor => unaryOp('abs', x);
export const sign = (x: Tensor): Tensor => unaryOp('sign', x);
export const relu = (x: Tensor): Tensor => unaryOp('relu', x);
export const floor = (x: Tensor): Tensor => unaryOp('floor', x);
export const ceil = (x: Tensor): Tensor => unaryOp('ceil', x);
export const round = (x: Tensor): Tensor => unaryOp('round', x);
export const exp = (x: Tensor): Tensor => unaryOp('exp', x);
export const log = (x: Tensor): Tensor => unaryOp('log', x);
export const log1p = (x: Tensor): Tensor => unaryOp('log1p', x);
export const expm1 = (x: Tensor): Tensor => unaryOp('expm1', x);
export const erf = (x: Tensor): Tensor => unaryOp('erf', x);
export const sqrt = (x: Tensor): Tensor => unaryOp('sqrt', x);
export const rsqrt = (x: Tensor): Tensor => unaryOp('rsqrt', x);
export const reciprocal = (x: Tensor): Tensor => unaryOp('reciprocal', x);
export const sin = (x: Tensor): Tensor => unaryOp('sin', x);
export const cos = (x: Tensor): Tensor => unaryOp('cos', x);
export const tanh = (x: Tensor): Tensor => unaryOp('tanh', x);
export const sigmoid = (x: Tensor): Tensor => unaryOp('sigmoid', x);
export const add = (a: T, b: T): Tensor => arithOp('add', a, b);
export const sub = (a: T, b: T): Tensor => arithOp('sub', a, b);
export const mul = (a: T, b: T): Tensor => arithOp('mul', a, b);
export const pow = (a: T, b: T): Tensor => arithOp('pow', a, b);
export const maximum = (a: T, b: T): Tensor => arithOp('maximum', a, b);
export const minimum = (a: T, b: T): Tensor => arithOp('minimum', a, b);
export const eq = (a: T, b: T): Tensor => compareOp('eq', a, b);
export const ne = (a: T, b: T): Tensor => compareOp('ne', a, b);
export const lt = (a: T, b: T): Tensor => compareOp('lt', a, b);
export const le = (a: T, b: T): Tensor => compareOp('le', a, b);
export const gt = (a: T, b: T): Tensor => compareOp('gt', a, b);
export const ge = (a: T, b: T): Tensor => compareOp('ge', a, b);
export const logicalAnd = (a: T, b: T): Tensor => logicalOp('logicalAnd', a, b);
export const logicalOr = (a: T, b: T): Tensor => logicalOp('logicalOr', a, b);
