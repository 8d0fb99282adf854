// Unary elementwise kernels over contiguous storage: float32 (SIMD where wasm has the
// instruction; transcendentals in double precision, rounded once, as the reference does),
// int32, logicalNot on bool, and cast between every pair of dtypes.
import {
  ABS, CEIL, COS, ERF, EXP, EXPM1, F32, FLOOR, I32, LOG, LOG1P, NEG, RECIPROCAL, RELU, ROUND, RSQRT,
  SIGMOID, SIGN, SIN, SQRT, TANH, U8,
} from '../src/op-codes';
import { expF32x4, sigmoidF32x4 } from './vmath';
import { fromF64, hiF64, loF64, perLane } from './simd';

// Each op is a class whose methods are inlined into a loop specialised for it (AssemblyScript
// monomorphises generics): v = four float32 lanes, s = one float32, i = one int32.
@final class Neg {
  @inline v(x: v128): v128 { return f32x4.neg(x); }
  @inline s(x: f32): f32 { return -x; }
  @inline i(x: i32): i32 { return -x; }
}
@final class Abs {
  @inline v(x: v128): v128 { return f32x4.abs(x); }
  @inline s(x: f32): f32 { return abs<f32>(x); }
  @inline i(x: i32): i32 { return x < 0 ? -x : x; }
}
@final class Sign {
  @inline v(x: v128): v128 {
    const pos = v128.and(f32x4.gt(x, f32x4.splat(0)), f32x4.splat(1));
    const neg = v128.and(f32x4.lt(x, f32x4.splat(0)), f32x4.splat(-1));
    return v128.or(v128.or(pos, neg), v128.and(f32x4.ne(x, x), x));
  }
  @inline s(x: f32): f32 { return x > 0 ? 1 : x < 0 ? -1 : x != x ? x : 0; }
  @inline i(x: i32): i32 { return x > 0 ? 1 : x < 0 ? -1 : 0; }
}
// wasm max propagates NaN and orders -0 below +0, so relu(-0) is +0 as in the reference.
@final class Relu {
  @inline v(x: v128): v128 { return f32x4.max(x, f32x4.splat(0)); }
  @inline s(x: f32): f32 { return max<f32>(x, 0); }
  @inline i(x: i32): i32 { return x > 0 ? x : 0; }
}
@final class Floor {
  @inline v(x: v128): v128 { return f32x4.floor(x); }
  @inline s(x: f32): f32 { return floor<f32>(x); }
  @inline i(x: i32): i32 { return x; }
}
@final class Ceil {
  @inline v(x: v128): v128 { return f32x4.ceil(x); }
  @inline s(x: f32): f32 { return ceil<f32>(x); }
  @inline i(x: i32): i32 { return x; }
}
// nearest rounds half to even, like the reference's roundHalfEven.
@final class Round {
  @inline v(x: v128): v128 { return f32x4.nearest(x); }
  @inline s(x: f32): f32 { return nearest<f32>(x); }
  @inline i(x: i32): i32 { return x; }
}
@final class Sqrt {
  @inline v(x: v128): v128 { return f32x4.sqrt(x); }
  @inline s(x: f32): f32 { return sqrt<f32>(x); }
}
// 1 / sqrt(x) in double, rounded once: exactly the reference's value.
@final class Rsqrt {
  @inline v(x: v128): v128 {
    const one = f64x2.splat(1);
    return fromF64(f64x2.div(one, f64x2.sqrt(loF64(x))), f64x2.div(one, f64x2.sqrt(hiF64(x))));
  }
  @inline s(x: f32): f32 { return <f32>(1.0 / Math.sqrt(<f64>x)); }
}
@final class Reciprocal {
  @inline v(x: v128): v128 { return f32x4.div(f32x4.splat(1), x); }
  @inline s(x: f32): f32 { return 1 / x; }
}
@final class Exp {
  @inline v(x: v128): v128 { return expF32x4(x); }
  @inline s(x: f32): f32 { return <f32>Math.exp(<f64>x); }
}
@final class Log {
  @inline v(x: v128): v128 { return perLane<Log>(x); }
  @inline s(x: f32): f32 { return <f32>Math.log(<f64>x); }
}
@final class Log1p {
  @inline v(x: v128): v128 { return perLane<Log1p>(x); }
  @inline s(x: f32): f32 { return <f32>Math.log1p(<f64>x); }
}
@final class Expm1 {
  @inline v(x: v128): v128 { return perLane<Expm1>(x); }
  @inline s(x: f32): f32 { return <f32>Math.expm1(<f64>x); }
}
// erf in double, rounded once, with the fits of shaders/common/math.wgsl (scripts/fit-erf.py):
// 2.3e-9 from erf, so the rounded value is erf's float32 but for rare ties.
@final class Erf {
  @inline v(x: v128): v128 { return perLane<Erf>(x); }
  @inline s(x: f32): f32 {
    const a = abs<f64>(<f64>x);
    if (x != x || x == 0) return x; // keeps −0
    if (a < 0.875) {
      const t = a * a;
      const s = 0.12837917 + t * (-0.37612638 + t * (0.11283741 + t * (-0.02686197 + t * (0.0052076215
        + t * (-8.2205184e-4 + t * 8.71406e-5)))));
      return <f32>(<f64>x + <f64>x * s);
    }
    if (a >= 3.92) return x > 0 ? 1 : -1;
    const q = 3.0390397e-4 + a * (-1.1301746 + a * (-0.63191307 + a * (-0.110012524 + a * (0.026392449
      + a * (-0.0047538695 + a * (5.9692684e-4 + a * (-4.6354096e-5 + a * (1.6911944e-6 + a * -3.2739873e-9))))))));
    return <f32>((x > 0 ? 1.0 : -1.0) * (1.0 - Math.exp(q)));
  }
}
@final class Sin {
  @inline v(x: v128): v128 { return perLane<Sin>(x); }
  @inline s(x: f32): f32 { return <f32>Math.sin(<f64>x); }
}
@final class Cos {
  @inline v(x: v128): v128 { return perLane<Cos>(x); }
  @inline s(x: f32): f32 { return <f32>Math.cos(<f64>x); }
}
@final class Tanh {
  @inline v(x: v128): v128 { return perLane<Tanh>(x); }
  @inline s(x: f32): f32 { return <f32>Math.tanh(<f64>x); }
}
@final class Sigmoid {
  @inline v(x: v128): v128 { return sigmoidF32x4(x); }
  @inline s(x: f32): f32 { return <f32>(1.0 / (1.0 + Math.exp(-<f64>x))); }
}

function mapF32<Op>(x: usize, out: usize, n: usize): void {
  const f = changetype<Op>(0);
  const bytes = n << 2;
  const vec = bytes & ~15;
  for (let o: usize = 0; o < vec; o += 16) v128.store(out + o, f.v(v128.load(x + o)));
  for (let o = vec; o < bytes; o += 4) store<f32>(out + o, f.s(load<f32>(x + o)));
}

function mapI32<Op>(x: usize, out: usize, n: usize): void {
  const f = changetype<Op>(0);
  for (let o: usize = 0; o < n << 2; o += 4) store<i32>(out + o, f.i(load<i32>(x + o)));
}

/** out[i] = op(x[i]) over n float32 values. */
export function unaryF32(op: i32, x: usize, out: usize, n: usize): void {
  switch (op) {
    case NEG: mapF32<Neg>(x, out, n); break;
    case ABS: mapF32<Abs>(x, out, n); break;
    case SIGN: mapF32<Sign>(x, out, n); break;
    case RELU: mapF32<Relu>(x, out, n); break;
    case FLOOR: mapF32<Floor>(x, out, n); break;
    case CEIL: mapF32<Ceil>(x, out, n); break;
    case ROUND: mapF32<Round>(x, out, n); break;
    case EXP: mapF32<Exp>(x, out, n); break;
    case LOG: mapF32<Log>(x, out, n); break;
    case LOG1P: mapF32<Log1p>(x, out, n); break;
    case EXPM1: mapF32<Expm1>(x, out, n); break;
    case ERF: mapF32<Erf>(x, out, n); break;
    case SQRT: mapF32<Sqrt>(x, out, n); break;
    case RSQRT: mapF32<Rsqrt>(x, out, n); break;
    case RECIPROCAL: mapF32<Reciprocal>(x, out, n); break;
    case SIN: mapF32<Sin>(x, out, n); break;
    case COS: mapF32<Cos>(x, out, n); break;
    case TANH: mapF32<Tanh>(x, out, n); break;
    case SIGMOID: mapF32<Sigmoid>(x, out, n); break;
    default: unreachable();
  }
}

/** out[i] = op(x[i]) over n int32 values (neg, abs, sign, relu, floor, ceil, round). */
export function unaryI32(op: i32, x: usize, out: usize, n: usize): void {
  switch (op) {
    case NEG: mapI32<Neg>(x, out, n); break;
    case ABS: mapI32<Abs>(x, out, n); break;
    case SIGN: mapI32<Sign>(x, out, n); break;
    case RELU: mapI32<Relu>(x, out, n); break;
    case FLOOR:
    case CEIL:
    case ROUND: memory.copy(out, x, n << 2); break;
    default: unreachable();
  }
}

/** out[i] = x[i] == 0 over n bools. */
export function logicalNot(x: usize, out: usize, n: usize): void {
  for (let i: usize = 0; i < n; i++) store<u8>(out + i, load<u8>(x + i) == 0 ? 1 : 0);
}

function castFromF32(to: i32, x: usize, out: usize, n: usize): void {
  if (to == I32) {
    // trunc_sat: toward zero, saturating, NaN to 0 (the reference's rule).
    const vec = n & ~3;
    for (let i: usize = 0; i < vec; i += 4) v128.store(out + (i << 2), i32x4.trunc_sat_f32x4_s(v128.load(x + (i << 2))));
    for (let i = vec; i < n; i++) store<i32>(out + (i << 2), <i32>load<f32>(x + (i << 2)));
  } else {
    for (let i: usize = 0; i < n; i++) store<u8>(out + i, load<f32>(x + (i << 2)) != 0 ? 1 : 0);
  }
}

function castFromI32(to: i32, x: usize, out: usize, n: usize): void {
  if (to == F32) {
    const vec = n & ~3;
    for (let i: usize = 0; i < vec; i += 4) v128.store(out + (i << 2), f32x4.convert_i32x4_s(v128.load(x + (i << 2))));
    for (let i = vec; i < n; i++) store<f32>(out + (i << 2), <f32>load<i32>(x + (i << 2)));
  } else {
    for (let i: usize = 0; i < n; i++) store<u8>(out + i, load<i32>(x + (i << 2)) != 0 ? 1 : 0);
  }
}

/** Converts n values from dtype `from` to dtype `to` (F32, I32, U8 codes). */
export function cast(from: i32, to: i32, x: usize, out: usize, n: usize): void {
  if (from == to) memory.copy(out, x, from == U8 ? n : n << 2);
  else if (from == F32) castFromF32(to, x, out, n);
  else if (from == I32) castFromI32(to, x, out, n);
  else if (to == F32) for (let i: usize = 0; i < n; i++) store<f32>(out + (i << 2), <f32>load<u8>(x + i));
  else for (let i: usize = 0; i < n; i++) store<i32>(out + (i << 2), <i32>load<u8>(x + i));
}
