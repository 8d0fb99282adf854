// cast between float32, int32 and bool: float to int truncates toward zero and saturates, NaN
// becomes 0; anything to bool is "not zero" (NaN is true, −0 is false).
//! include "common/num.wgsl"
//! include "common/grid.wgsl"

override FROM: u32 = 0u;
override TO: u32 = 0u;
override WG: u32 = 64u;

struct Params {
  size: vec4<u32>,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read_write> y: array<u32>;

fn f32_to_i32(v: f32) -> i32 {
  if (is_nan(v)) { return 0; }
  if (v >= 2147483648.0) { return 2147483647; }
  if (v <= -2147483648.0) { return -2147483647 - 1; }
  return i32(trunc(v));
}

fn convert(bits: u32) -> u32 {
  if (FROM == TO) { return bits; }
  if (TO == DT_BOOL) {
    if (FROM == DT_F32) { return bool_bits((bits & 0x7fffffffu) != 0u); }
    return bool_bits(bits != 0u);
  }
  if (TO == DT_F32) {
    if (FROM == DT_I32) { return bitcast<u32>(f32(bitcast<i32>(bits))); }
    return bitcast<u32>(f32(bits)); // bool: 0 or 1
  }
  if (FROM == DT_F32) { return bitcast<u32>(f32_to_i32(bitcast<f32>(bits))); }
  return bits; // bool to int32: 0 or 1 already
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let i = flat_invocation(wid, nwg, lid, WG);
  if (i >= params.size.x) { return; }
  y[i] = convert(x[i]);
}
