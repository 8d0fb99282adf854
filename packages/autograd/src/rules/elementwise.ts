// Gradient rules of the elementwise ops, each the textbook derivative times the incoming gradient.
import { where } from '@webgrad/tensor';
import { unbroadcast, type GradRule, type GradRules } from '../rule.js';
import type { OpName, Tensor } from '../deps.js';

type R<K extends OpName> = GradRule<K>;

const unary = <K extends OpName>(local: (x: Tensor, out: Tensor) => any): R<K> => ({ inputs: [x], out, dy }) => [dy.mul(local(x!, out))];
/** Both inputs of a binary op, with the broadcast undone. */
const binary = <K extends OpName>(da: (a: Tensor, b: Tensor, out: Tensor, dy: Tensor) => any, db: (a: Tensor, b: Tensor, out: Tensor, dy: Tensor) => any): R<K> =>
  ({ inputs: [a, b], out, dy }) => [unbroadcast(da(a!, b!, out, dy), a!.shape), unbroadcast(db(a!, b!, out, dy), b!.shape)];

/**
 * The part of a max/min's gradient that goes to the side `wins` marks: all where it wins, half on
 * a tie, and all to both sides where either is NaN (the NaN is the result; as torch).
 */
const share = (a: Tensor, b: Tensor, wins: Tensor): Tensor =>
  where(a.ne(a).logicalOr(b.ne(b)), 1, wins.cast('float32').add(a.eq(b).cast('float32').mul(0.5)));

/** The elementwise part of the gradient table. */
export const elementwiseRules = {
  neg: ({ dy }) => [dy.neg()],
  // At NaN, abs's slope is sign(NaN) = NaN and relu passes dy (as PyTorch's relu): a NaN input
  // never turns into a silent zero gradient.
  abs: unary((x) => x.sign()),
  relu: ({ inputs: [x], dy }) => [where(x!.le(0), 0, dy)],
  exp: unary((_x, out) => out),
  log: ({ inputs: [x], dy }) => [dy.div(x!)],
  log1p: ({ inputs: [x], dy }) => [dy.div(x!.add(1))],
  expm1: unary((_x, out) => out.add(1)),
  erf: unary((x) => x.square().neg().exp().mul(2 / Math.sqrt(Math.PI))),
  sqrt: ({ out, dy }) => [dy.mul(0.5).div(out)],
  rsqrt: unary((_x, out) => out.mul(out).mul(out).mul(-0.5)),
  reciprocal: unary((_x, out) => out.mul(out).neg()),
  sin: unary((x) => x.cos()),
  cos: unary((x) => x.sin().neg()),
  tanh: unary((_x, out) => out.mul(out).neg().add(1)),
  sigmoid: unary((_x, out) => out.mul(out.neg().add(1))),
  add: binary((_a, _b, _o, dy) => dy, (_a, _b, _o, dy) => dy),
  sub: binary((_a, _b, _o, dy) => dy, (_a, _b, _o, dy) => dy.neg()),
  mul: binary((_a, b, _o, dy) => dy.mul(b), (a, _b, _o, dy) => dy.mul(a)),
  div: binary((_a, b, _o, dy) => dy.div(b), (_a, b, out, dy) => dy.mul(out).div(b).neg()),
  // d(a^b)/da = b a^(b-1), zero where b = 0 (as PyTorch, a = NaN included); d(a^b)/db = a^b ln a,
  // taken as zero where a <= 0. The b = 0 guard replaces the base (0 or NaN, where a^-1 is not
  // finite), not the result: masking the result would cut the mixed second derivative
  // (d2/da db = 1/a at b = 0). The log gets a safe input so that the unused branch holds no NaN
  // to come back as 0 * NaN in the gradient of the gradient.
  pow: binary(
    (a, b, _o, dy) => dy.mul(b).mul(where(a.eq(0).logicalOr(a.ne(a)).logicalAnd(b.eq(0)), 1, a).pow(b.sub(1))),
    (a, _b, out, dy) => where(a.gt(0), dy.mul(out).mul(where(a.gt(0), a, 1).log()), 0),
  ),
  maximum: binary((a, b, _o, dy) => dy.mul(share(a, b, a.gt(b))), (a, b, _o, dy) => dy.mul(share(a, b, b.gt(a)))),
  minimum: binary((a, b, _o, dy) => dy.mul(share(a, b, a.lt(b))), (a, b, _o, dy) => dy.mul(share(a, b, b.lt(a)))),
  where: ({ inputs: [cond, a, b], dy }) => [null, unbroadcast(where(cond!, dy, 0), a!.shape), unbroadcast(where(cond!, 0, dy), b!.shape)],
  cast: ({ inputs: [x], dy }) => [x!.dtype === 'float32' ? dy : null],
  sign: 'not-differentiable', floor: 'not-differentiable', ceil: 'not-differentiable', round: 'not-differentiable',
  logicalNot: 'not-differentiable', logicalAnd: 'not-differentiable', logicalOr: 'not-differentiable',
  eq: 'not-differentiable', ne: 'not-differentiable', lt: 'not-differentiable', le: 'not-differentiable', gt: 'not-differentiable', ge: 'not-differentiable',
} satisfies Partial<GradRules>;
