// Strided copy: walks an index space of up to 8 axes and copies raw bits from
// src[src_base + Σ c·src_stride] to dst[dst_base + Σ c·dst_stride]. reshape, transpose,
// broadcastTo, slice (negative steps too), sliceGrad, concat, pad and tile are all this one
// shader with different strides; the host merges axes that are contiguous in both first.
//! include "common/grid.wgsl"

override WG: u32 = 64u;
// True for a plain run of elements (reshape, concat of leading blocks): no index arithmetic.
override CONTIGUOUS: bool = false;

struct Params {
  dims: vec4<u32>,                 // x: elements to copy, y: rank
  base: vec4<i32>,                 // x: src base, y: dst base (elements)
  shape: array<vec4<u32>, 2>,
  src_stride: array<vec4<i32>, 2>,
  dst_stride: array<vec4<i32>, 2>,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> dst: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let i = flat_invocation(wid, nwg, lid, WG);
  if (i >= params.dims.x) { return; }
  if (CONTIGUOUS) {
    dst[u32(params.base.y) + i] = src[u32(params.base.x) + i];
    return;
  }
  var rest = i;
  var s = params.base.x;
  var d = params.base.y;
  for (var axis = i32(params.dims.y) - 1; axis >= 0; axis--) {
    let n = params.shape[axis >> 2][axis & 3];
    let c = i32(rest % n);
    rest = rest / n;
    s += c * params.src_stride[axis >> 2][axis & 3];
    d += c * params.dst_stride[axis >> 2][axis & 3];
  }
  dst[u32(d)] = src[u32(s)];
}
