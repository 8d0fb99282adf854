// Float functions with the reference backend's edge cases (NaN, ±Inf, −0): WGSL leaves many
// builtins undefined outside their domain, so each domain edge is handled explicitly here.
//! include "common/num.wgsl"

fn safe_log(x: f32) -> f32 {
  if (is_nan(x) || x < 0.0) { return nan_f32(); }
  if (x == 0.0) { return -inf_f32(); }
  if (is_inf(x)) { return x; }
  return log(x);
}

fn safe_sqrt(x: f32) -> f32 {
  if (is_nan(x) || x < 0.0) { return nan_f32(); }
  if (x == 0.0 || is_inf(x)) { return x; }
  return sqrt(x);
}

// exp that stays finite up to f32's limit (x ≈ 88.72): some drivers' exp overflows early.
fn exp_f32(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  if (x > 80.0) {
    let h = exp(0.5 * x);
    return h * h;
  }
  return exp(x);
}

// sin and cos to about 1 ulp for |x| < 1e4 (Cephes sinf/cosf): WGSL only promises an absolute
// error of 2^-11, which is what some drivers deliver. Reduce by multiples of π/2 in three
// parts (Cody–Waite), then minimax polynomials on [−π/4, π/4].
fn sincos_f32(x: f32, want_cos: bool) -> f32 {
  if (is_nan(x) || is_inf(x)) { return nan_f32(); }
  let j = round(x * 0.63661977236758134);
  let y = ((x - j * 1.5703125) - j * 4.837512969970703125e-4) - j * 7.54978995489188216e-8;
  let z = y * y;
  let s = y + y * z * (-1.6666654611e-1 + z * (8.3321608736e-3 + z * -1.9515295891e-4));
  let c = 1.0 - 0.5 * z + z * z * (4.166664568298827e-2 + z * (-1.388731625493765e-3 + z * 2.443315711809948e-5));
  let q = (i32(j) + select(0, 1, want_cos)) & 3;
  switch q {
    case 0: { return s; }
    case 1: { return c; }
    case 2: { return -s; }
    default: { return -c; }
  }
}

// log(1 + x) without cancellation: log(u) * x / (u - 1) with u = 1 + x (Goldberg 1991, thm. 4).
fn log1p_f32(x: f32) -> f32 {
  if (is_nan(x) || x < -1.0) { return nan_f32(); }
  if (x == -1.0) { return -inf_f32(); }
  if (is_inf(x)) { return x; }
  let u = 1.0 + x;
  if (u == 1.0) { return x; }
  return log(u) * x / (u - 1.0);
}

// exp(x) - 1 without cancellation: (u - 1) * x / log(u) with u = exp(x) (Kahan's trick).
fn expm1_f32(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  if (x > 88.8) { return inf_f32(); }
  if (x < -17.0) { return -1.0; }
  if (x > 20.0) { return exp_f32(x); } // exp(x) − 1 rounds to exp(x) in f32 here
  let u = exp(x);
  if (u == 1.0) { return x; }
  let um1 = u - 1.0;
  if (um1 == -1.0) { return -1.0; }
  return um1 * x / log(u);
}

// tanh saturates to ±1 in f32 beyond |x| = 10; clamping avoids inf / inf in exp-based builtins.
fn tanh_f32(x: f32) -> f32 {
  if (is_nan(x) || x == 0.0) { return x; } // keeps −0
  if (x > 10.0) { return 1.0; }
  if (x < -10.0) { return -1.0; }
  return tanh(x);
}

fn sigmoid_f32(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  if (x >= 0.0) { return 1.0 / (1.0 + exp(-x)); } // exp(−x) ≤ 1: no overflow
  let e = exp(x);
  return e / (1.0 + e);
}

fn is_odd_integer(y: f32) -> bool {
  return abs(y) < 16777216.0 && floor(y) == y && (i32(y) & 1) == 1;
}

// a^n for integer n by repeated squaring: exact for the small powers networks use (x^2, x^-1).
fn powi_f32(a: f32, n: i32) -> f32 {
  var base = a;
  var e = u32(abs(n));
  var r = 1.0;
  loop {
    if (e == 0u) { break; }
    if ((e & 1u) == 1u) { r = r * base; }
    base = base * base;
    e = e >> 1u;
  }
  return select(r, 1.0 / r, n < 0);
}

// Math.pow's special cases (ECMA-262 Number::exponentiate), then exp2(y log2 |x|).
fn pow_f32(x: f32, y: f32) -> f32 {
  if (y == 0.0) { return 1.0; }
  if (is_nan(x) || is_nan(y)) { return nan_f32(); }
  let ax = abs(x);
  if (is_inf(y)) {
    if (ax == 1.0) { return nan_f32(); }
    return select(0.0, inf_f32(), (ax > 1.0) == (y > 0.0));
  }
  let odd = is_odd_integer(y);
  if (x == 0.0 || is_inf(x)) {
    let big = (x == 0.0) == (y < 0.0);
    let mag = select(0.0, inf_f32(), big);
    let neg = odd && bitcast<u32>(x) >= 0x80000000u;
    return select(mag, -mag, neg);
  }
  if (floor(y) == y && abs(y) <= 64.0) { return powi_f32(x, i32(y)); }
  if (x < 0.0 && floor(y) != y) { return nan_f32(); }
  let r = exp2(y * log2(ax));
  return select(r, -r, x < 0.0 && odd);
}

fn pow_i32(a: i32, b: i32) -> i32 {
  if (b < 0) {
    if (a == 1) { return 1; }
    if (a == -1) { return select(1, -1, (b & 1) == 1); }
    return 0;
  }
  var base = a;
  var e = u32(b);
  var r = 1;
  loop {
    if (e == 0u) { break; }
    if ((e & 1u) == 1u) { r = r * base; }
    base = base * base;
    e = e >> 1u;
  }
  return r;
}

// Math.max / Math.min: NaN wins; of +0 and −0, max is +0 and min is −0 (sign bits and/or).
fn max_f32(a: f32, b: f32) -> f32 {
  if (is_nan(a) || is_nan(b)) { return nan_f32(); }
  if (a == b) { return bitcast<f32>(bitcast<u32>(a) & bitcast<u32>(b)); }
  return select(b, a, a > b);
}

fn min_f32(a: f32, b: f32) -> f32 {
  if (is_nan(a) || is_nan(b)) { return nan_f32(); }
  if (a == b) { return bitcast<f32>(bitcast<u32>(a) | bitcast<u32>(b)); }
  return select(b, a, a < b);
}
