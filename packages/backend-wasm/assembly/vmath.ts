// Vectorised float32 transcendentals for the hot paths (softmax's exp, sigmoid). Cephes' expf:
// range reduction by ln 2 in two parts, a degree-5 polynomial on [-ln2/2, ln2/2], then scaling
// by 2^n in two halves so that results down to the subnormals are right. About 1 ulp.

/** e^x on four float32 lanes; NaN stays NaN, overflow gives +Inf, underflow 0. */
@inline export function expF32x4(x: v128): v128 {
  // Clamp so 2^n stays representable in two halves; NaN passes through min/max.
  const xc = f32x4.max(f32x4.min(x, f32x4.splat(89)), f32x4.splat(-104));
  const n = f32x4.nearest(f32x4.mul(xc, f32x4.splat(1.44269504088896341)));
  let r = f32x4.sub(xc, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  const y = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), f32x4.splat(1));
  const k = i32x4.trunc_sat_f32x4_s(n);
  const k1 = i32x4.shr_s(k, 1);
  const k2 = i32x4.sub(k, k1);
  const bias = i32x4.splat(127);
  const s1 = i32x4.shl(i32x4.add(k1, bias), 23);
  const s2 = i32x4.shl(i32x4.add(k2, bias), 23);
  return f32x4.mul(f32x4.mul(y, s1), s2);
}

/** 1 / (1 + e^-x) on four lanes, written as e/(1+e) with e = e^-|x| so neither side loses digits. */
@inline export function sigmoidF32x4(x: v128): v128 {
  const e = expF32x4(f32x4.neg(f32x4.abs(x)));
  const d = f32x4.add(f32x4.splat(1), e);
  const pos = f32x4.div(f32x4.splat(1), d);
  const neg = f32x4.div(e, d);
  return v128.bitselect(neg, pos, f32x4.lt(x, f32x4.splat(0)));
}

/**
 * tanh on four lanes (Cephes tanhf): x + x³ P(x²) for |x| < 0.625, where 1 - 2/(e^2|x| + 1)
 * would cancel, and that form with the sign restored elsewhere (e^2|x| = Inf gives 1). NaN stays NaN.
 */
@inline export function tanhF32x4(x: v128): v128 {
  const z = f32x4.mul(x, x);
  let p = f32x4.splat(-5.70498872745e-3);
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(2.06390887954e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-5.37397155531e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(1.33314422036e-1));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-3.33332819422e-1));
  const small = f32x4.add(f32x4.mul(f32x4.mul(p, z), x), x);
  const ax = f32x4.abs(x);
  const e = expF32x4(f32x4.add(ax, ax));
  const big = f32x4.sub(f32x4.splat(1), f32x4.div(f32x4.splat(2), f32x4.add(e, f32x4.splat(1))));
  // Copy x's sign bit onto the large-argument form.
  const signed = v128.or(big, v128.and(x, i32x4.splat(0x80000000)));
  return v128.bitselect(small, signed, f32x4.lt(ax, f32x4.splat(0.625)));
}
