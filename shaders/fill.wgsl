// Fills a range of a tensor with one raw 32-bit value (pad's constant, sliceGrad's zeros).
//! include "common/grid.wgsl"

override WG: u32 = 64u;

struct Params {
  fill: vec4<u32>, // x: element count, y: the value's bits
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> dst: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let i = flat_invocation(wid, nwg, lid, WG);
  if (i >= params.fill.x) { return; }
  dst[i] = params.fill.y;
}
