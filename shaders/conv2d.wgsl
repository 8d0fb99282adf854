// conv2d as an implicit GEMM per group: rows are output pixels (n, p, q), columns the group's
// output channels, the inner dimension its (input channel, tap) pairs; x is read through the
// window geometry with padding as zeros, never materialised as im2col.
//! include "common/conv.wgsl"
//! include "common/gemm.wgsl"

@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> weights: array<f32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;

fn gemm_dims() -> vec3<u32> {
  let taps = params.kernel.x * params.kernel.y;
  return vec3(params.y_shape.x * params.y_shape.z * params.y_shape.w, params.kernel.w, params.kernel.z * taps);
}

fn gemm_a(row: u32, k: u32) -> f32 {
  let plane = params.y_shape.z * params.y_shape.w;
  let n = row / plane;
  let p = (row % plane) / params.y_shape.w;
  let q = row % params.y_shape.w;
  let taps = params.kernel.x * params.kernel.y;
  let c = k / taps;
  let i = (k % taps) / params.kernel.y;
  let j = k % params.kernel.y;
  let h = in_row(p, i);
  let w = in_col(q, j);
  if (h < 0 || w < 0 || u32(h) >= params.x_shape.z || u32(w) >= params.x_shape.w) { return 0.0; }
  return x[x_offset(n, c, u32(h), u32(w))];
}

fn gemm_b(k: u32, col: u32) -> f32 {
  let taps = params.kernel.x * params.kernel.y;
  return weights[w_offset(col, k / taps, k % taps)];
}

fn gemm_store(row: u32, col: u32, v: f32) {
  let plane = params.y_shape.z * params.y_shape.w;
  y[y_offset(row / plane, col, (row % plane) / params.y_shape.w, row % params.y_shape.w)] = v;
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  gemm_tile(lid, wid);
}
