// where(cond, a, b) with three-way broadcasting; values are copied as raw bits, any dtype.
//! include "common/grid.wgsl"
//! include "common/coords.wgsl"

override BROADCAST: bool = true;
override WG: u32 = 64u;

struct Params {
  dims: vec4<u32>,               // x: output size, y: rank
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
  var ic = i;
  var ia = i;
  var ib = i;
  if (BROADCAST) {
    var rest = i;
    ic = 0u;
    ia = 0u;
    ib = 0u;
    for (var d = i32(params.dims.y) - 1; d >= 0; d--) {
      let n = axis_u(params.shape, u32(d));
      let c = rest % n;
      rest = rest / n;
      ic += c * axis_u(params.stride_c, u32(d));
      ia += c * axis_u(params.stride_a, u32(d));
      ib += c * axis_u(params.stride_b, u32(d));
    }
  }
  out[i] = select(b[ib], a[ia], cond[ic] != 0u);
}
