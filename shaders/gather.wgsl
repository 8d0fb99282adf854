// gather along one axis: x viewed as [outer, extent, inner], indices flattened to [count];
// out[a, p, r] = x[a, indices[p], r]. An index out of range reads as zero bits (the host
// checks indices it knows; see kernels/layout.ts).
//! include "common/grid.wgsl"

override WG: u32 = 64u;

struct Params {
  dims: vec4<u32>, // x: output size, y: extent of the axis, z: inner size, w: index count
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read> indices: array<i32>;
@group(0) @binding(3) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let i = flat_invocation(wid, nwg, lid, WG);
  if (i >= params.dims.x) { return; }
  let inner = params.dims.z;
  let r = i % inner;
  let t = i / inner;
  let p = t % params.dims.w;
  let a = t / params.dims.w;
  let row = indices[p];
  if (row < 0 || u32(row) >= params.dims.y) {
    out[i] = 0u;
    return;
  }
  out[i] = x[(a * params.dims.y + u32(row)) * inner + r];
}
