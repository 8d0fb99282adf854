// cast between float32, int32 and bool: float to int truncates toward zero and saturates, NaN
// becomes 0; anything to bool is "not zero" (NaN is true, −0 is false).
//! include "common/cast-ops.wgsl"
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

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let i = flat_invocation(wid, nwg, lid, WG);
  if (i >= params.size.x) { return; }
  y[i] = cast_bits(FROM, TO, x[i]);
}
