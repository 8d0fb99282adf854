// Small SIMD helpers shared by the kernels: widening float32 lanes to float64 and back, a 4x4
// transpose, and applying a scalar function lane by lane where wasm has no vector instruction.

/** Lanes 0 and 1 of a f32x4 as f64x2. */
@inline export function loF64(x: v128): v128 {
  return f64x2.promote_low_f32x4(x);
}

/** Lanes 2 and 3 of a f32x4 as f64x2. */
@inline export function hiF64(x: v128): v128 {
  return f64x2.promote_low_f32x4(i32x4.shuffle(x, x, 2, 3, 2, 3));
}

/** Two f64x2 rounded back into one f32x4 (lo in lanes 0-1, hi in lanes 2-3). */
@inline export function fromF64(lo: v128, hi: v128): v128 {
  return i64x2.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 2);
}

/** Horizontal sum of a f64x2. */
@inline export function sumF64x2(x: v128): f64 {
  return f64x2.extract_lane(x, 0) + f64x2.extract_lane(x, 1);
}

/** The 4x4 transpose of rows r0..r3, stored as four vectors at dst, dst + stride, ... (bytes). */
@inline export function transpose4x4Store(r0: v128, r1: v128, r2: v128, r3: v128, dst: usize, stride: usize): void {
  const t0 = i32x4.shuffle(r0, r1, 0, 4, 1, 5);
  const t1 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
  const t2 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
  const t3 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
  v128.store(dst, i64x2.shuffle(t0, t1, 0, 2));
  v128.store(dst + stride, i64x2.shuffle(t0, t1, 1, 3));
  v128.store(dst + 2 * stride, i64x2.shuffle(t2, t3, 0, 2));
  v128.store(dst + 3 * stride, i64x2.shuffle(t2, t3, 1, 3));
}

/** A unary op class: a scalar float32 function `s`; `perLane` lifts it to four lanes. */
@inline export function perLane<Op>(x: v128): v128 {
  const f = changetype<Op>(0);
  let r = f32x4.splat(f.s(f32x4.extract_lane(x, 0)));
  r = f32x4.replace_lane(r, 1, f.s(f32x4.extract_lane(x, 1)));
  r = f32x4.replace_lane(r, 2, f.s(f32x4.extract_lane(x, 2)));
  return f32x4.replace_lane(r, 3, f.s(f32x4.extract_lane(x, 3)));
}

/** A binary op class: a scalar float32 function `s`; `perLane2` lifts it to four lanes. */
@inline export function perLane2<Op>(a: v128, b: v128): v128 {
  const f = changetype<Op>(0);
  let r = f32x4.splat(f.s(f32x4.extract_lane(a, 0), f32x4.extract_lane(b, 0)));
  r = f32x4.replace_lane(r, 1, f.s(f32x4.extract_lane(a, 1), f32x4.extract_lane(b, 1)));
  r = f32x4.replace_lane(r, 2, f.s(f32x4.extract_lane(a, 2), f32x4.extract_lane(b, 2)));
  return f32x4.replace_lane(r, 3, f.s(f32x4.extract_lane(a, 3), f32x4.extract_lane(b, 3)));
}

/** JavaScript's ToInt32 of a double: truncate, wrap modulo 2^32, NaN and infinities to 0. */
@inline export function toInt32(x: f64): i32 {
  if (!isFinite<f64>(x)) return 0;
  const t = trunc<f64>(x);
  const m = t - Math.floor(t / 4294967296.0) * 4294967296.0;
  return <i32><u32>m;
}
