// softmax and logSoftmax along one axis, numerically stable: each row is shifted by its maximum
// when that is finite (by 0 otherwise, so +Inf or NaN in a row, or a row of -Inf, gives NaN as
// the reference does). Sums of exponentials accumulate in double precision. Rows along the last
// axis run four elements at a time; an axis with inner extent runs four rows (columns) at a time.
import { loF64, hiF64, sumF64x2 } from './simd';
import { expF32x4 } from './vmath';

/** The shift of each lane: its maximum where finite, 0 where it is ±Inf or NaN. */
@inline function shiftOf(m: v128): v128 {
  return v128.and(m, f32x4.eq(f32x4.sub(m, m), f32x4.splat(0)));
}

@inline function expScalar(x: f32): f32 {
  return f32x4.extract_lane(expF32x4(f32x4.splat(x)), 0);
}

/** One contiguous row of n >= 1 values at x into out. */
function row(log: bool, x: usize, out: usize, n: usize): void {
  const bytes = n << 2;
  const vec = bytes & ~15;
  // Pass 1: the maximum; wasm's max propagates NaN.
  let mv = f32x4.splat(-Infinity);
  for (let i: usize = 0; i < vec; i += 16) mv = f32x4.max(mv, v128.load(x + i));
  let m = max<f32>(max<f32>(f32x4.extract_lane(mv, 0), f32x4.extract_lane(mv, 1)), max<f32>(f32x4.extract_lane(mv, 2), f32x4.extract_lane(mv, 3)));
  for (let i = vec; i < bytes; i += 4) m = max<f32>(m, load<f32>(x + i));
  const shift: f32 = m - m == 0 ? m : 0;
  const sv = f32x4.splat(shift);
  // Pass 2: exponentials, kept in out for softmax, summed in double.
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  for (let i: usize = 0; i < vec; i += 16) {
    const e = expF32x4(f32x4.sub(v128.load(x + i), sv));
    if (!log) v128.store(out + i, e);
    s0 = f64x2.add(s0, loF64(e));
    s1 = f64x2.add(s1, hiF64(e));
  }
  let s = sumF64x2(f64x2.add(s0, s1));
  for (let i = vec; i < bytes; i += 4) {
    const e = expScalar(load<f32>(x + i) - shift);
    if (!log) store<f32>(out + i, e);
    s += <f64>e;
  }
  // Pass 3: normalise.
  if (log) {
    const ls = f32x4.splat(<f32>Math.log(s));
    for (let i: usize = 0; i < vec; i += 16) v128.store(out + i, f32x4.sub(f32x4.sub(v128.load(x + i), sv), ls));
    for (let i = vec; i < bytes; i += 4) store<f32>(out + i, load<f32>(x + i) - shift - f32x4.extract_lane(ls, 0));
  } else {
    const r = f32x4.splat(<f32>(1.0 / s));
    for (let i: usize = 0; i < vec; i += 16) v128.store(out + i, f32x4.mul(v128.load(out + i), r));
    for (let i = vec; i < bytes; i += 4) store<f32>(out + i, load<f32>(out + i) * f32x4.extract_lane(r, 0));
  }
}

/** softmax (log = 0) or logSoftmax (log = 1) of `rows` contiguous rows of n >= 1 float32 values. */
export function softmaxRows(log: i32, x: usize, out: usize, rows: i32, n: i32): void {
  const pitch = <usize>n << 2;
  for (let r = 0; r < rows; r++) row(log != 0, x + <usize>r * pitch, out + <usize>r * pitch, <usize>n);
}

/**
 * The same along the middle axis of an [outer, r >= 1, inner] view: for each block of four
 * neighbouring columns, three passes down the r rows with one vector per row.
 */
export function softmaxColumns(log: i32, x: usize, out: usize, outer: i32, r: i32, inner: i32): void {
  const pitch = <usize>inner << 2;
  const vecCols = inner & ~3;
  for (let o = 0; o < outer; o++) {
    const base = <usize>o * <usize>r * pitch;
    for (let j = 0; j < inner; j += 4) {
      // A tail of fewer than four columns is done as one-column rows (lanes beyond it unused).
      if (j >= vecCols) {
        for (let t = j; t < inner; t++) column(log != 0, x + base + (<usize>t << 2), out + base + (<usize>t << 2), r, pitch);
        break;
      }
      const xc = x + base + (<usize>j << 2);
      const oc = out + base + (<usize>j << 2);
      let m = f32x4.splat(-Infinity);
      for (let t = 0; t < r; t++) m = f32x4.max(m, v128.load(xc + <usize>t * pitch));
      const sv = shiftOf(m);
      let s0 = f64x2.splat(0);
      let s1 = f64x2.splat(0);
      for (let t = 0; t < r; t++) {
        const e = expF32x4(f32x4.sub(v128.load(xc + <usize>t * pitch), sv));
        if (log == 0) v128.store(oc + <usize>t * pitch, e);
        s0 = f64x2.add(s0, loF64(e));
        s1 = f64x2.add(s1, hiF64(e));
      }
      if (log != 0) {
        const ls = i64x2.shuffle(f32x4.demote_f64x2_zero(logF64x2(s0)), f32x4.demote_f64x2_zero(logF64x2(s1)), 0, 2);
        for (let t = 0; t < r; t++) {
          const at = <usize>t * pitch;
          v128.store(oc + at, f32x4.sub(f32x4.sub(v128.load(xc + at), sv), ls));
        }
      } else {
        const one = f64x2.splat(1);
        const rv = i64x2.shuffle(f32x4.demote_f64x2_zero(f64x2.div(one, s0)), f32x4.demote_f64x2_zero(f64x2.div(one, s1)), 0, 2);
        for (let t = 0; t < r; t++) {
          const at = oc + <usize>t * pitch;
          v128.store(at, f32x4.mul(v128.load(at), rv));
        }
      }
    }
  }
}

@inline function logF64x2(v: v128): v128 {
  return f64x2.replace_lane(f64x2.splat(Math.log(f64x2.extract_lane(v, 0))), 1, Math.log(f64x2.extract_lane(v, 1)));
}

/** One column of r values, `pitch` bytes apart. */
function column(log: bool, x: usize, out: usize, r: i32, pitch: usize): void {
  let m: f32 = -Infinity;
  for (let t = 0; t < r; t++) m = max<f32>(m, load<f32>(x + <usize>t * pitch));
  const shift: f32 = m - m == 0 ? m : 0;
  let s: f64 = 0;
  for (let t = 0; t < r; t++) {
    const e = expScalar(load<f32>(x + <usize>t * pitch) - shift);
    if (!log) store<f32>(out + <usize>t * pitch, e);
    s += <f64>e;
  }
  const ls = <f32>Math.log(s);
  const inv = <f32>(1.0 / s);
  for (let t = 0; t < r; t++) {
    const at = <usize>t * pitch;
    store<f32>(out + at, log ? load<f32>(x + at) - shift - ls : load<f32>(out + at) * inv);
  }
}
