// Binary elementwise ops with NumPy broadcasting: arithmetic keeps the dtype, comparisons and
// logical ops write bool. The op and dtype are override constants; shapes live in the params;
// the ops themselves live in common/binary-ops.wgsl, shared with the fused shaders.
//! include "common/binary-ops.wgsl"
//! include "common/grid.wgsl"
//! include "common/operand.wgsl"

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
  out[i] = binary_op(OP, DTYPE, a[ia], b[ib]);
}
