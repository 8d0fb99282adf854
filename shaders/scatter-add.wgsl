// scatterAdd as a gather over the output, since WGSL has no float atomics: each output element
// out[a, s, r] sums updates[a, p, r] over the positions p whose index is s, in increasing p,
// so results are deterministic. Work is output size × index count.
//! include "common/num.wgsl"
//! include "common/grid.wgsl"

override DTYPE: u32 = 0u;
override WG: u32 = 64u;

struct Params {
  dims: vec4<u32>, // x: output size, y: size of the scattered axis, z: inner size, w: index count
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> indices: array<i32>;
@group(0) @binding(2) var<storage, read> updates: array<u32>;
@group(0) @binding(3) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let i = flat_invocation(wid, nwg, lid, WG);
  if (i >= params.dims.x) { return; }
  let inner = params.dims.z;
  let count = params.dims.w;
  let r = i % inner;
  let t = i / inner;
  let s = i32(t % params.dims.y);
  let first = (t / params.dims.y) * count * inner + r;
  var acc_f = 0.0;
  var acc_i = 0;
  for (var p = 0u; p < count; p++) {
    if (indices[p] != s) { continue; }
    let v = updates[first + p * inner];
    if (DTYPE == DT_F32) { acc_f += bitcast<f32>(v); } else { acc_i += bitcast<i32>(v); }
  }
  out[i] = select(bitcast<u32>(acc_i), bitcast<u32>(acc_f), DTYPE == DT_F32);
}
