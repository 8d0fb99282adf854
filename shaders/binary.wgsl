// Binary elementwise ops with NumPy broadcasting: arithmetic keeps the dtype, comparisons and
// logical ops write bool. The op and dtype are override constants; shapes live in the params.
//! include "common/math.wgsl"
//! include "common/grid.wgsl"
//! include "common/operand.wgsl"

const OP_ADD: u32 = 0u;
const OP_SUB: u32 = 1u;
const OP_MUL: u32 = 2u;
const OP_DIV: u32 = 3u;
const OP_POW: u32 = 4u;
const OP_MAXIMUM: u32 = 5u;
const OP_MINIMUM: u32 = 6u;
const OP_EQ: u32 = 10u;
const OP_NE: u32 = 11u;
const OP_LT: u32 = 12u;
const OP_LE: u32 = 13u;
const OP_GT: u32 = 14u;
const OP_GE: u32 = 15u;
const OP_LOGICAL_AND: u32 = 20u;
const OP_LOGICAL_OR: u32 = 21u;

override OP: u32 = 0u;
override DTYPE: u32 = 0u;
// How each operand is indexed (common/operand.wgsl): 0 like the output, 1 repeating, 2 strided.
override A_MODE: u32 = 0u;
override B_MODE: u32 = 0u;
override WG: u32 = 64u;

struct Params {
  dims: vec4<u32>,               // x: output size, y: rank, z: a's repeat length, w: b's
  shape: array<vec4<u32>, 2>,    // output extents
  stride_a: array<vec4<u32>, 2>, // a's strides per output axis, 0 where broadcast
  stride_b: array<vec4<u32>, 2>,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> a: array<u32>;
@group(0) @binding(2) var<storage, read> b: array<u32>;
@group(0) @binding(3) var<storage, read_write> out: array<u32>;

fn arith_f32(x: f32, y: f32) -> f32 {
  switch OP {
    case OP_ADD: { return x + y; }
    case OP_SUB: { return x - y; }
    case OP_MUL: { return x * y; }
    case OP_DIV: { return x / y; }
    case OP_POW: { return pow_f32(x, y); }
    case OP_MAXIMUM: { return max_f32(x, y); }
    default: { return min_f32(x, y); }
  }
}

fn arith_i32(x: i32, y: i32) -> i32 {
  switch OP {
    case OP_ADD: { return x + y; }
    case OP_SUB: { return x - y; }
    case OP_MUL: { return x * y; }
    case OP_POW: { return pow_i32(x, y); }
    case OP_MAXIMUM: { return max(x, y); }
    default: { return min(x, y); }
  }
}

// Comparisons on float bits: a NaN operand makes every one false but ne.
fn compare_f32(x: f32, y: f32) -> bool {
  let nan = is_nan(x) || is_nan(y);
  switch OP {
    case OP_EQ: { return !nan && x == y; }
    case OP_NE: { return nan || x != y; }
    case OP_LT: { return !nan && x < y; }
    case OP_LE: { return !nan && x <= y; }
    case OP_GT: { return !nan && x > y; }
    default: { return !nan && x >= y; }
  }
}

fn compare_i32(x: i32, y: i32) -> bool {
  switch OP {
    case OP_EQ: { return x == y; }
    case OP_NE: { return x != y; }
    case OP_LT: { return x < y; }
    case OP_LE: { return x <= y; }
    case OP_GT: { return x > y; }
    default: { return x >= y; }
  }
}

fn apply(x: u32, y: u32) -> u32 {
  if (OP >= OP_LOGICAL_AND) {
    return bool_bits(select(x != 0u && y != 0u, x != 0u || y != 0u, OP == OP_LOGICAL_OR));
  }
  if (OP >= OP_EQ) {
    if (DTYPE == DT_F32) { return bool_bits(compare_f32(bitcast<f32>(x), bitcast<f32>(y))); }
    return bool_bits(compare_i32(bitcast<i32>(x), bitcast<i32>(y)));
  }
  if (DTYPE == DT_F32) { return bitcast<u32>(arith_f32(bitcast<f32>(x), bitcast<f32>(y))); }
  return bitcast<u32>(arith_i32(bitcast<i32>(x), bitcast<i32>(y)));
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let i = flat_invocation(wid, nwg, lid, WG);
  if (i >= params.dims.x) { return; }
  var ia = i;
  var ib = i;
  if (A_MODE == REPEAT) { ia = i % params.dims.z; }
  if (B_MODE == REPEAT) { ib = i % params.dims.w; }
  if (A_MODE == STRIDED || B_MODE == STRIDED) {
    var rest = i;
    var sa = 0u;
    var sb = 0u;
    for (var d = i32(params.dims.y) - 1; d >= 0; d--) {
      let n = params.shape[d >> 2][d & 3];
      let c = rest % n;
      rest = rest / n;
      sa += c * params.stride_a[d >> 2][d & 3];
      sb += c * params.stride_b[d >> 2][d & 3];
    }
    if (A_MODE == STRIDED) { ia = sa; }
    if (B_MODE == STRIDED) { ib = sb; }
  }
  out[i] = apply(a[ia], b[ib]);
}
