// where(cond, a, b) with three-way broadcasting; values are copied as raw bits, any dtype.
//! include "common/grid.wgsl"
//! include "common/operand.wgsl"

// How each operand is indexed (common/operand.wgsl): 0 like the output, 1 repeating, 2 strided.
override C_MODE: u32 = 0u;
override A_MODE: u32 = 0u;
override B_MODE: u32 = 0u;
override WG: u32 = 64u;

struct Params {
  dims: vec4<u32>,               // x: output size, y: rank
  repeat: vec4<u32>,             // repeat lengths of cond, a, b
  shape: array<vec4<u32>, 2>,
  stride_c: array<vec4<u32>, 2>,
  stride_a: array<vec4<u32>, 2>,
  stride_b: array<vec4<u32>, 2>,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> cond: array<u32>;
@group(0) @binding(2) var<storage, read> a: array<u32>;
@group(0) @binding(3) var<storage, read> b: array<u32>;
@group(0) @binding(4) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let i = flat_invocation(wid, nwg, lid, WG);
  if (i >= params.dims.x) { return; }
  var ic = select(i, i % params.repeat.x, C_MODE == REPEAT);
  var ia = select(i, i % params.repeat.y, A_MODE == REPEAT);
  var ib = select(i, i % params.repeat.z, B_MODE == REPEAT);
  if (C_MODE == STRIDED || A_MODE == STRIDED || B_MODE == STRIDED) {
    var rest = i;
    var sc = 0u;
    var sa = 0u;
    var sb = 0u;
    for (var d = i32(params.dims.y) - 1; d >= 0; d--) {
      let n = params.shape[d >> 2][d & 3];
      let c = rest % n;
      rest = rest / n;
      sc += c * params.stride_c[d >> 2][d & 3];
      sa += c * params.stride_a[d >> 2][d & 3];
      sb += c * params.stride_b[d >> 2][d & 3];
    }
    if (C_MODE == STRIDED) { ic = sc; }
    if (A_MODE == STRIDED) { ia = sa; }
    if (B_MODE == STRIDED) { ib = sb; }
  }
  out[i] = select(b[ib], a[ia], cond[ic] != 0u);
}
