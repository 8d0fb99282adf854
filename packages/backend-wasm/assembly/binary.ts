// Binary elementwise kernels with NumPy broadcasting, and where(). The TypeScript side collapses
// the shapes and passes, at `p`, the output shape and each operand's strides (i32 elements, 0 on
// broadcast axes); rows of the innermost axis run as SIMD when both operands are contiguous or
// one is a broadcast scalar.
import {
  ADD, DIV, EQ, GE, GT, LE, LOGICAL_AND, LOGICAL_OR, LT, MAXIMUM, MINIMUM, MUL, NE, POW, SUB,
} from '../src/op-codes';
import { perLane2, toInt32 } from './simd';

// Op classes (see unary.ts): v = f32x4, s = float32, i = int32, c = comparison of any type.
@final class Add {
  @inline v(a: v128, b: v128): v128 { return f32x4.add(a, b); }
  @inline s(a: f32, b: f32): f32 { return a + b; }
  @inline i(a: i32, b: i32): i32 { return a + b; }
}
@final class Sub {
  @inline v(a: v128, b: v128): v128 { return f32x4.sub(a, b); }
  @inline s(a: f32, b: f32): f32 { return a - b; }
  @inline i(a: i32, b: i32): i32 { return a - b; }
}
@final class Mul {
  @inline v(a: v128, b: v128): v128 { return f32x4.mul(a, b); }
  @inline s(a: f32, b: f32): f32 { return a * b; }
  @inline i(a: i32, b: i32): i32 { return a * b; }
}
@final class Div {
  @inline v(a: v128, b: v128): v128 { return f32x4.div(a, b); }
  @inline s(a: f32, b: f32): f32 { return a / b; }
  @inline i(a: i32, b: i32): i32 { return 0; }
}
// pow in double, rounded once (float32) or wrapped like JavaScript's ToInt32 (int32). IEEE 754
// (as C99 and PyTorch) where Math.pow differs: 1^y = 1 for every y, NaN too, and (-1)^±Inf = 1.
@final class Pow {
  @inline v(a: v128, b: v128): v128 { return perLane2<Pow>(a, b); }
  @inline s(a: f32, b: f32): f32 {
    if (a == 1 || (a == -1 && abs<f32>(b) == Infinity)) return 1;
    return <f32>Math.pow(<f64>a, <f64>b);
  }
  @inline i(a: i32, b: i32): i32 { return toInt32(Math.pow(<f64>a, <f64>b)); }
}
// wasm min/max propagate NaN and order -0 below +0, as Math.min/Math.max do.
@final class Maximum {
  @inline v(a: v128, b: v128): v128 { return f32x4.max(a, b); }
  @inline s(a: f32, b: f32): f32 { return max<f32>(a, b); }
  @inline i(a: i32, b: i32): i32 { return a > b ? a : b; }
}
@final class Minimum {
  @inline v(a: v128, b: v128): v128 { return f32x4.min(a, b); }
  @inline s(a: f32, b: f32): f32 { return min<f32>(a, b); }
  @inline i(a: i32, b: i32): i32 { return a < b ? a : b; }
}
// Comparisons: c on any element type, v on f32x4 giving all-ones lanes where true.
@final class Eq {
  @inline c<T>(a: T, b: T): bool { return a == b; }
  @inline v(a: v128, b: v128): v128 { return f32x4.eq(a, b); }
}
@final class Ne {
  @inline c<T>(a: T, b: T): bool { return a != b; }
  @inline v(a: v128, b: v128): v128 { return f32x4.ne(a, b); }
}
@final class Lt {
  @inline c<T>(a: T, b: T): bool { return a < b; }
  @inline v(a: v128, b: v128): v128 { return f32x4.lt(a, b); }
}
@final class Le {
  @inline c<T>(a: T, b: T): bool { return a <= b; }
  @inline v(a: v128, b: v128): v128 { return f32x4.le(a, b); }
}
@final class Gt {
  @inline c<T>(a: T, b: T): bool { return a > b; }
  @inline v(a: v128, b: v128): v128 { return f32x4.gt(a, b); }
}
@final class Ge {
  @inline c<T>(a: T, b: T): bool { return a >= b; }
  @inline v(a: v128, b: v128): v128 { return f32x4.ge(a, b); }
}
@final class And { @inline c<T>(a: T, b: T): bool { return a != 0 && b != 0; } }
@final class Or { @inline c<T>(a: T, b: T): bool { return a != 0 || b != 0; } }

/**
 * Where a row operand is a broadcast scalar (stride 0), copies it into four lanes of `tmp` so the
 * SIMD loop can read it like a contiguous operand with a step of 0 bytes.
 */
@inline function vectorOperand(p: usize, stride: i32, tmp: usize): usize {
  if (stride != 0) return p;
  v128.store(tmp, v128.load32_splat(p));
  return tmp;
}

/** A float32 row: SIMD for contiguous/contiguous, contiguous/scalar and scalar/contiguous. */
@final class RowF32<Op> {
  @inline run(a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void {
    const f = changetype<Op>(0);
    const vec = <usize>(n & ~3) << 2;
    const bytes = <usize>n << 2;
    let i: usize = 0;
    if (sa == 1 && sb == 1) {
      for (; i < vec; i += 16) v128.store(o + i, f.v(v128.load(a + i), v128.load(b + i)));
      for (; i < bytes; i += 4) store<f32>(o + i, f.s(load<f32>(a + i), load<f32>(b + i)));
    } else if (sa == 1 && sb == 0) {
      const y = load<f32>(b);
      const vy = f32x4.splat(y);
      for (; i < vec; i += 16) v128.store(o + i, f.v(v128.load(a + i), vy));
      for (; i < bytes; i += 4) store<f32>(o + i, f.s(load<f32>(a + i), y));
    } else if (sa == 0 && sb == 1) {
      const x = load<f32>(a);
      const vx = f32x4.splat(x);
      for (; i < vec; i += 16) v128.store(o + i, f.v(vx, v128.load(b + i)));
      for (; i < bytes; i += 4) store<f32>(o + i, f.s(x, load<f32>(b + i)));
    } else {
      const da = <usize>sa << 2;
      const db = <usize>sb << 2;
      for (; i < bytes; i += 4) {
        store<f32>(o + i, f.s(load<f32>(a), load<f32>(b)));
        a += da;
        b += db;
      }
    }
  }
}

/** An int32 row, scalar. */
@final class RowI32<Op> {
  @inline run(a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void {
    const f = changetype<Op>(0);
    const da = <usize>sa << 2;
    const db = <usize>sb << 2;
    for (let i: usize = 0; i < <usize>n << 2; i += 4) {
      store<i32>(o + i, f.i(load<i32>(a), load<i32>(b)));
      a += da;
      b += db;
    }
  }
}

/** A row of float32 comparisons: 16 lanes at a time, masks narrowed to bytes, when strides are 0 or 1. */
@final class RowCompareF32<Op> {
  @inline run(a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void {
    const f = changetype<Op>(0);
    let i = 0;
    if ((sa == 0 || sa == 1) && (sb == 0 || sb == 1)) {
      const pa = vectorOperand(a, sa, memory.data(16, 16));
      const pb = vectorOperand(b, sb, memory.data(16, 16));
      const da = <usize>(sa << 4);
      const db = <usize>(sb << 4);
      const one = i8x16.splat(1);
      for (; i + 16 <= n; i += 16) {
        const at = <usize>i;
        const m0 = f.v(v128.load(pa + (at >> 2) * da), v128.load(pb + (at >> 2) * db));
        const m1 = f.v(v128.load(pa + ((at >> 2) + 1) * da), v128.load(pb + ((at >> 2) + 1) * db));
        const m2 = f.v(v128.load(pa + ((at >> 2) + 2) * da), v128.load(pb + ((at >> 2) + 2) * db));
        const m3 = f.v(v128.load(pa + ((at >> 2) + 3) * da), v128.load(pb + ((at >> 2) + 3) * db));
        const bytes = i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(m0, m1), i16x8.narrow_i32x4_s(m2, m3));
        v128.store(o + at, v128.and(bytes, one));
      }
    }
    const da = <usize>sa << 2;
    const db = <usize>sb << 2;
    for (; i < n; i++) store<u8>(o + <usize>i, f.c<f32>(load<f32>(a + <usize>i * da), load<f32>(b + <usize>i * db)) ? 1 : 0);
  }
}

/** A row of comparisons of T values giving bools. */
@final class RowCompare<Op, T> {
  @inline run(a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void {
    const f = changetype<Op>(0);
    const da = <usize>sa * sizeof<T>();
    const db = <usize>sb * sizeof<T>();
    for (let i: usize = 0; i < <usize>n; i++) {
      store<u8>(o + i, f.c<T>(load<T>(a), load<T>(b)) ? 1 : 0);
      a += da;
      b += db;
    }
  }
}

/** Walks every row of the broadcast output; T is the input element type, R the output's. */
function drive<Row, T, R>(a: usize, b: usize, out: usize, rank: i32, p: usize): void {
  const row = changetype<Row>(0);
  const last = <usize>(rank - 1) << 2;
  const n = load<i32>(p + last);
  const sa = load<i32>(p + (<usize>rank << 2) + last);
  const sb = load<i32>(p + (<usize>rank << 3) + last);
  let outer: i32 = 1;
  for (let d = 0; d < rank - 1; d++) outer *= load<i32>(p + (<usize>d << 2));
  const idx = memory.data(256);
  memory.fill(idx, 0, 256);
  let offA: usize = 0;
  let offB: usize = 0;
  const rowBytes = <usize>n * sizeof<R>();
  for (let o = 0; o < outer; o++) {
    row.run(a + offA * sizeof<T>(), sa, b + offB * sizeof<T>(), sb, out + <usize>o * rowBytes, n);
    for (let d = rank - 2; d >= 0; d--) {
      const at = <usize>d << 2;
      const extent = load<i32>(p + at);
      const strideA = <usize>load<i32>(p + (<usize>rank << 2) + at);
      const strideB = <usize>load<i32>(p + (<usize>rank << 3) + at);
      const i = load<i32>(idx + at) + 1;
      offA += strideA;
      offB += strideB;
      if (i < extent) {
        store<i32>(idx + at, i);
        break;
      }
      offA -= strideA * <usize>extent;
      offB -= strideB * <usize>extent;
      store<i32>(idx + at, 0);
    }
  }
}

function compare<T>(op: i32, a: usize, b: usize, out: usize, rank: i32, p: usize): void {
  if (isFloat<T>()) {
    switch (op) {
      case EQ: drive<RowCompareF32<Eq>, f32, u8>(a, b, out, rank, p); return;
      case NE: drive<RowCompareF32<Ne>, f32, u8>(a, b, out, rank, p); return;
      case LT: drive<RowCompareF32<Lt>, f32, u8>(a, b, out, rank, p); return;
      case LE: drive<RowCompareF32<Le>, f32, u8>(a, b, out, rank, p); return;
      case GT: drive<RowCompareF32<Gt>, f32, u8>(a, b, out, rank, p); return;
      case GE: drive<RowCompareF32<Ge>, f32, u8>(a, b, out, rank, p); return;
      default: unreachable();
    }
  }
  switch (op) {
    case EQ: drive<RowCompare<Eq, T>, T, u8>(a, b, out, rank, p); break;
    case NE: drive<RowCompare<Ne, T>, T, u8>(a, b, out, rank, p); break;
    case LT: drive<RowCompare<Lt, T>, T, u8>(a, b, out, rank, p); break;
    case LE: drive<RowCompare<Le, T>, T, u8>(a, b, out, rank, p); break;
    case GT: drive<RowCompare<Gt, T>, T, u8>(a, b, out, rank, p); break;
    case GE: drive<RowCompare<Ge, T>, T, u8>(a, b, out, rank, p); break;
    case LOGICAL_AND: drive<RowCompare<And, T>, T, u8>(a, b, out, rank, p); break;
    case LOGICAL_OR: drive<RowCompare<Or, T>, T, u8>(a, b, out, rank, p); break;
    default: unreachable();
  }
}

/** A binary op on float32 operands (arithmetic gives float32, comparisons bool). */
export function binaryF32(op: i32, a: usize, b: usize, out: usize, rank: i32, p: usize): void {
  switch (op) {
    case ADD: drive<RowF32<Add>, f32, f32>(a, b, out, rank, p); break;
    case SUB: drive<RowF32<Sub>, f32, f32>(a, b, out, rank, p); break;
    case MUL: drive<RowF32<Mul>, f32, f32>(a, b, out, rank, p); break;
    case DIV: drive<RowF32<Div>, f32, f32>(a, b, out, rank, p); break;
    case POW: drive<RowF32<Pow>, f32, f32>(a, b, out, rank, p); break;
    case MAXIMUM: drive<RowF32<Maximum>, f32, f32>(a, b, out, rank, p); break;
    case MINIMUM: drive<RowF32<Minimum>, f32, f32>(a, b, out, rank, p); break;
    default: compare<f32>(op, a, b, out, rank, p);
  }
}

/**
 * out[i] = a[i·sa] op b[i·sb] over n float32 values, strides 0 or 1, arithmetic ops only: the
 * flat case a thread's share of a large elementwise op reduces to (it uses no static scratch).
 */
export function binaryF32Flat(op: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32): void {
  switch (op) {
    case ADD: changetype<RowF32<Add>>(0).run(a, sa, b, sb, out, n); break;
    case SUB: changetype<RowF32<Sub>>(0).run(a, sa, b, sb, out, n); break;
    case MUL: changetype<RowF32<Mul>>(0).run(a, sa, b, sb, out, n); break;
    case DIV: changetype<RowF32<Div>>(0).run(a, sa, b, sb, out, n); break;
    case POW: changetype<RowF32<Pow>>(0).run(a, sa, b, sb, out, n); break;
    case MAXIMUM: changetype<RowF32<Maximum>>(0).run(a, sa, b, sb, out, n); break;
    case MINIMUM: changetype<RowF32<Minimum>>(0).run(a, sa, b, sb, out, n); break;
    default: unreachable();
  }
}

/** A binary op on int32 operands (arithmetic wraps like JavaScript's int32 stores). */
export function binaryI32(op: i32, a: usize, b: usize, out: usize, rank: i32, p: usize): void {
  switch (op) {
    case ADD: drive<RowI32<Add>, i32, i32>(a, b, out, rank, p); break;
    case SUB: drive<RowI32<Sub>, i32, i32>(a, b, out, rank, p); break;
    case MUL: drive<RowI32<Mul>, i32, i32>(a, b, out, rank, p); break;
    case POW: drive<RowI32<Pow>, i32, i32>(a, b, out, rank, p); break;
    case MAXIMUM: drive<RowI32<Maximum>, i32, i32>(a, b, out, rank, p); break;
    case MINIMUM: drive<RowI32<Minimum>, i32, i32>(a, b, out, rank, p); break;
    default: compare<i32>(op, a, b, out, rank, p);
  }
}

/** A comparison or logical op on bool operands. */
export function binaryU8(op: i32, a: usize, b: usize, out: usize, rank: i32, p: usize): void {
  compare<u8>(op, a, b, out, rank, p);
}

/** One row of where(): SIMD bit-select for 4-byte elements when every stride is 0 or 1. */
@inline function whereRow(elem: usize, c: usize, sc: i32, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void {
  let i = 0;
  if (elem == 4 && sc == 1 && (sa == 0 || sa == 1) && (sb == 0 || sb == 1)) {
    const pa = vectorOperand(a, sa, memory.data(16, 16));
    const pb = vectorOperand(b, sb, memory.data(16, 16));
    const da = <usize>(sa << 4);
    const db = <usize>(sb << 4);
    for (; i + 4 <= n; i += 4) {
      const v = <usize>(i >> 2);
      // Four condition bytes widened to four 32-bit lanes, then to all-ones where nonzero.
      const bytes = v128.load32_zero(c + <usize>i);
      const mask = i32x4.ne(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(bytes)), i32x4.splat(0));
      v128.store(o + (<usize>i << 2), v128.bitselect(v128.load(pa + v * da), v128.load(pb + v * db), mask));
    }
  }
  for (; i < n; i++) {
    const k = <usize>i;
    const from = load<u8>(c + k * <usize>sc) != 0 ? a + k * <usize>sa * elem : b + k * <usize>sb * elem;
    if (elem == 4) store<i32>(o + (k << 2), load<i32>(from));
    else store<u8>(o + k, load<u8>(from));
  }
}

/**
 * out = cond ? a : b with broadcasting; `elem` is 4 or 1 bytes. At p: shape, then the strides
 * of cond, a and b.
 */
export function where(elem: i32, c: usize, a: usize, b: usize, out: usize, rank: i32, p: usize): void {
  const size = <usize>elem;
  const idx = memory.data(256);
  memory.fill(idx, 0, 256);
  const r4 = <usize>rank << 2;
  const last = r4 - 4;
  const n = load<i32>(p + last);
  let outer: i32 = 1;
  for (let d = 0; d < rank - 1; d++) outer *= load<i32>(p + (<usize>d << 2));
  let oc: usize = 0;
  let oa: usize = 0;
  let ob: usize = 0;
  for (let o = 0; o < outer; o++) {
    whereRow(size, c + oc, load<i32>(p + r4 + last), a + oa * size, load<i32>(p + 2 * r4 + last), b + ob * size, load<i32>(p + 3 * r4 + last), out + <usize>o * <usize>n * size, n);
    for (let d = rank - 2; d >= 0; d--) {
      const at = <usize>d << 2;
      const extent = load<i32>(p + at);
      const i = load<i32>(idx + at) + 1;
      const sc = <usize>load<i32>(p + r4 + at);
      const sa = <usize>load<i32>(p + 2 * r4 + at);
      const sb = <usize>load<i32>(p + 3 * r4 + at);
      oc += sc;
      oa += sa;
      ob += sb;
      if (i < extent) {
        store<i32>(idx + at, i);
        break;
      }
      oc -= sc * <usize>extent;
      oa -= sa * <usize>extent;
      ob -= sb * <usize>extent;
      store<i32>(idx + at, 0);
    }
  }
}
