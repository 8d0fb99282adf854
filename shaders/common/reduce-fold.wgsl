// The reduction machinery shared by reduce.wgsl and reduce-subgroups.wgsl: ops, params and
// bindings, folding one invocation's strided slice of a reduction, and combining two partials.
//! include "common/math.wgsl"
//! include "common/grid.wgsl"

const OP_SUM: u32 = 0u;
const OP_PROD: u32 = 1u;
const OP_MAX: u32 = 2u;
const OP_MIN: u32 = 3u;
const OP_ARGMAX: u32 = 4u;
const OP_ARGMIN: u32 = 5u;
const NONE: u32 = 0xffffffffu; // position of an empty partial argmax

override OP: u32 = 0u;
override DTYPE: u32 = 0u;
override WG: u32 = 64u;

struct Params {
  dims: vec4<u32>,                  // x: outputs, y: elements per output, z: kept rank, w: reduced rank
  kept_shape: array<vec4<u32>, 2>,  // extents of the kept axes (the output's axes)
  kept_stride: array<vec4<u32>, 2>, // their strides in x
  red_shape: array<vec4<u32>, 2>,   // extents of the reduced axes
  red_stride: array<vec4<u32>, 2>,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<u32>;

// Offsets in x of output o's first element and of element r of a reduction. The params are
// read in place: passing their arrays to a function would copy them on every call.
fn kept_offset(o: u32) -> u32 {
  var rest = o;
  var off = 0u;
  for (var d = i32(params.dims.z) - 1; d >= 0; d--) {
    let n = params.kept_shape[d >> 2][d & 3];
    off += (rest % n) * params.kept_stride[d >> 2][d & 3];
    rest = rest / n;
  }
  return off;
}

fn red_offset(r: u32) -> u32 {
  if (params.dims.w == 1u) { return r * params.red_stride[0].x; }
  var rest = r;
  var off = 0u;
  for (var d = i32(params.dims.w) - 1; d >= 0; d--) {
    let n = params.red_shape[d >> 2][d & 3];
    off += (rest % n) * params.red_stride[d >> 2][d & 3];
    rest = rest / n;
  }
  return off;
}

fn identity() -> u32 {
  if (OP == OP_PROD) { return select(1u, bitcast<u32>(1.0), DTYPE == DT_F32); }
  return 0u; // sum; max and min never reduce an empty axis, so their start is replaced
}

fn fold_f32(a: f32, b: f32) -> f32 {
  switch OP {
    case OP_SUM: { return a + b; }
    case OP_PROD: { return a * b; }
    case OP_MAX: { return max_f32(a, b); }
    default: { return min_f32(a, b); }
  }
}

fn fold_i32(a: i32, b: i32) -> i32 {
  switch OP {
    case OP_SUM: { return a + b; }
    case OP_PROD: { return a * b; }
    case OP_MAX: { return max(a, b); }
    default: { return min(a, b); }
  }
}

fn fold(a: u32, b: u32) -> u32 {
  if (DTYPE == DT_F32) { return bitcast<u32>(fold_f32(bitcast<f32>(a), bitcast<f32>(b))); }
  return bitcast<u32>(fold_i32(bitcast<i32>(a), bitcast<i32>(b)));
}

// Whether candidate (vb at ib) beats the current best (va at ia) for argmax/argmin.
fn arg_beats(va: u32, ia: u32, vb: u32, ib: u32) -> bool {
  if (ib == NONE) { return false; }
  if (ia == NONE) { return true; }
  var nan_a = false;
  var nan_b = false;
  var better = false;
  var equal = va == vb;
  if (DTYPE == DT_F32) {
    let fa = bitcast<f32>(va);
    let fb = bitcast<f32>(vb);
    nan_a = is_nan(fa);
    nan_b = is_nan(fb);
    better = select((fb < fa), (fb > fa), OP == OP_ARGMAX);
    equal = fa == fb;
  } else {
    let ia32 = bitcast<i32>(va);
    let ib32 = bitcast<i32>(vb);
    better = select((ib32 < ia32), (ib32 > ia32), OP == OP_ARGMAX);
  }
  if (nan_a || nan_b) { return select(nan_b, ib < ia, nan_a && nan_b); }
  return better || (equal && ib < ia);
}

struct Partial {
  value: u32,
  pos: u32,
}

// Folds elements first, first + step, ... of output o's reduction.
fn fold_range(base: u32, first: u32, step: u32) -> Partial {
  var p = Partial(identity(), NONE);
  let n = params.dims.y;
  for (var r = first; r < n; r += step) {
    let v = x[base + red_offset(r)];
    if (OP >= OP_ARGMAX) {
      if (arg_beats(p.value, p.pos, v, r)) { p = Partial(v, r); }
    } else if (p.pos == NONE) {
      p = Partial(select(fold(p.value, v), v, OP == OP_MAX || OP == OP_MIN), r);
    } else {
      p.value = fold(p.value, v);
    }
  }
  return p;
}

fn result(p: Partial) -> u32 {
  return select(p.value, p.pos, OP >= OP_ARGMAX);
}


// Combines two partials of one reduction (either may be empty: pos NONE).
fn combine(a: Partial, b: Partial) -> Partial {
  if (OP >= OP_ARGMAX) {
    if (arg_beats(a.value, a.pos, b.value, b.pos)) { return b; }
    return a;
  }
  if (b.pos == NONE) { return a; }
  return Partial(select(fold(a.value, b.value), b.value, a.pos == NONE), min(a.pos, b.pos));
}
