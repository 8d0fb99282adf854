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

// Bits of 2/π from the first fractional bit, after one word of zeros (fdlibm's two_over_pi).
const TWO_OVER_PI = array<u32, 10>(0u, 0xa2f9836eu, 0x4e441529u, 0xfc2757d1u, 0xf534ddc0u,
  0xdb629599u, 0x3c439041u, 0xfe5163abu, 0xdebbc561u, 0xb7246e3au);

// 32 × 32 → 64-bit product as (low, high) words.
fn mul_wide(a: u32, b: u32) -> vec2<u32> {
  let al = a & 0xffffu;
  let ah = a >> 16u;
  let bl = b & 0xffffu;
  let bh = b >> 16u;
  let mid = al * bh + ((al * bl) >> 16u);
  let mid2 = (mid & 0xffffu) + ah * bl;
  return vec2(a * b, ah * bh + (mid >> 16u) + (mid2 >> 16u));
}

// 32 bits of the table starting at bit g (bit 0 is the top of word 0).
fn two_over_pi_bits(g: u32) -> u32 {
  let w = g >> 5u;
  let s = g & 31u;
  if (s == 0u) { return TWO_OVER_PI[w]; }
  return (TWO_OVER_PI[w] << s) | (TWO_OVER_PI[w + 1u] >> (32u - s));
}

struct Reduced {
  quadrant: i32,
  y: f32, // x − quadrant·π/2, in [−π/4, π/4]
}

// Payne–Hanek reduction of |x| ≥ 8192: x = M·2^E with M a 24-bit integer; M times a 96-bit
// window of 2/π's bits gives x·2/π mod 4 as two quadrant bits and a fraction, exactly.
fn reduce_large(ax: f32) -> Reduced {
  let bits = bitcast<u32>(ax);
  let m = (bits & 0x7fffffu) | 0x800000u;
  let e = i32(bits >> 23u) - 150;
  let g = u32(e - 1 + 31); // window starts at 2/π's bit E − 1 (bits before it give multiples of 4)
  let a = mul_wide(m, two_over_pi_bits(g + 64u));
  let b = mul_wide(m, two_over_pi_bits(g + 32u));
  let c = m * two_over_pi_bits(g);
  let p1 = a.y + b.x;
  let p2 = b.y + c + select(0u, 1u, p1 < a.y);
  var q = i32(p2 >> 30u);
  var f = f32(p2 & 0x3fffffffu) * 9.313225746154785e-10 + f32(p1) * 2.168404344971009e-19; // 2^-30, 2^-62
  if (f >= 0.5) {
    f = f - 1.0;
    q = q + 1;
  }
  return Reduced(q, f * 1.5707963267948966);
}

// sin and cos to about 1 ulp (Cephes sinf/cosf polynomials on [−π/4, π/4]): WGSL only promises
// an absolute error of 2^-11 on [−π, π], which is what some drivers deliver. Arguments up to 8192
// are reduced by π/2 in three parts (Cody–Waite), larger ones by Payne–Hanek.
fn sincos_f32(x: f32, want_cos: bool) -> f32 {
  if (is_nan(x) || is_inf(x)) { return nan_f32(); }
  var r: Reduced;
  let ax = abs(x);
  if (ax > 8192.0) {
    r = reduce_large(ax);
    if (x < 0.0) { r = Reduced(-r.quadrant, -r.y); }
  } else {
    let j = round(x * 0.63661977236758134);
    r = Reduced(i32(j), ((x - j * 1.5703125) - j * 4.837512969970703125e-4) - j * 7.54978995489188216e-8);
  }
  let y = r.y;
  let z = y * y;
  let s = y + y * z * (-1.6666654611e-1 + z * (8.3321608736e-3 + z * -1.9515295891e-4));
  let c = 1.0 - 0.5 * z + z * z * (4.166664568298827e-2 + z * (-1.388731625493765e-3 + z * 2.443315711809948e-5));
  let q = (r.quadrant + select(0, 1, want_cos)) & 3;
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

// erf without a builtin (WGSL has none): x + x·S(x²) below 0.875, 1 − exp(Q(|x|)) up to 3.92,
// ±1 beyond (erfc is below half an ulp of 1 there). S and Q are least-squares fits made by
// scripts/fit-erf.py: 2.3e-9 from erf in exact arithmetic, under 1e-7 evaluated in float32.
// assembly/unary.ts (wasm) uses the same coefficients.
fn erf_f32(x: f32) -> f32 {
  if (is_nan(x) || x == 0.0) { return x; } // keeps −0
  let a = abs(x);
  if (a < 0.875) {
    let t = x * x;
    let s = 0.12837917 + t * (-0.37612638 + t * (0.11283741 + t * (-0.02686197 + t * (0.0052076215
      + t * (-8.2205184e-4 + t * 8.71406e-5)))));
    return x + x * s;
  }
  if (a >= 3.92) { return sign(x); }
  let q = 3.0390397e-4 + a * (-1.1301746 + a * (-0.63191307 + a * (-0.110012524 + a * (0.026392449
    + a * (-0.0047538695 + a * (5.9692684e-4 + a * (-4.6354096e-5 + a * (1.6911944e-6 + a * -3.2739873e-9))))))));
  return sign(x) * (1.0 - exp(q));
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

// IEEE 754 pow's special cases (as C99 and PyTorch; ECMA-262 gives NaN for 1^NaN and
// (±1)^±Inf), then exp2(y log2 |x|).
fn pow_f32(x: f32, y: f32) -> f32 {
  if (y == 0.0 || x == 1.0) { return 1.0; }
  if (is_nan(x) || is_nan(y)) { return nan_f32(); }
  let ax = abs(x);
  if (is_inf(y)) {
    if (ax == 1.0) { return 1.0; }
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
