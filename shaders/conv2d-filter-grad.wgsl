// conv2dFilterGrad as a GEMM per group: rows are the group's output channels, columns its
// (input channel, tap) pairs, the inner dimension output pixels (n, p, q): dW = dYᵀ · im2col(x),
// with im2col read in place.
//! include "common/conv.wgsl"
//! include "common/gemm.wgsl"

@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read_write> dw: array<f32>;

fn gemm_dims() -> vec3<u32> {
  let taps = params.kernel.x * params.kernel.y;
  return vec3(params.kernel.w, params.kernel.z * taps, params.y_shape.x * params.y_shape.z * params.y_shape.w);
}

fn gemm_a(row: u32, k: u32) -> f32 {
  let plane = params.y_shape.z * params.y_shape.w;
  return dy[y_offset(k / plane, row, (k % plane) / params.y_shape.w, k % params.y_shape.w)];
}

fn gemm_b(k: u32, col: u32) -> f32 {
  let plane = params.y_shape.z * params.y_shape.w;
  let n = k / plane;
  let p = (k % plane) / params.y_shape.w;
  let q = k % params.y_shape.w;
  let taps = params.kernel.x * params.kernel.y;
  let i = (col % taps) / params.kernel.y;
  let j = col % params.kernel.y;
  let h = in_row(p, i);
  let w = in_col(q, j);
  if (h < 0 || w < 0 || u32(h) >= params.x_shape.z || u32(w) >= params.x_shape.w) { return 0.0; }
  return x[x_offset(n, col / taps, u32(h), u32(w))];
}

fn gemm_store(row: u32, col: u32, v: f32) {
  let taps = params.kernel.x * params.kernel.y;
  dw[w_offset(row, col / taps, col % taps)] = v;
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  gemm_tile(lid, wid);
}
