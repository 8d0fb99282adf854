// conv2dInputGrad as an implicit GEMM per group, gathered over the input (deterministic, no
// atomics): rows are input pixels (n, h, w), columns the group's input channels, the inner
// dimension (output channel, tap) pairs; dy[p, q] contributes where h = p·stride − pad + i·dil.
//! include "common/conv.wgsl"
//! include "common/gemm.wgsl"

@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read> weights: array<f32>;
@group(0) @binding(3) var<storage, read_write> dx: array<f32>;

fn gemm_dims() -> vec3<u32> {
  let taps = params.kernel.x * params.kernel.y;
  return vec3(params.x_shape.x * params.x_shape.z * params.x_shape.w, params.kernel.z, params.kernel.w * taps);
}

// Output position along one axis whose tap t lands on input position h, or -1.
fn source(h: u32, t: u32, stride: u32, dilation: u32, pad: u32, extent: u32) -> i32 {
  let num = i32(h + pad) - i32(t * dilation);
  if (num < 0 || u32(num) % stride != 0u) { return -1; }
  let p = u32(num) / stride;
  return select(-1, i32(p), p < extent);
}

fn gemm_a(row: u32, k: u32) -> f32 {
  let plane = params.x_shape.z * params.x_shape.w;
  let n = row / plane;
  let h = (row % plane) / params.x_shape.w;
  let w = row % params.x_shape.w;
  let taps = params.kernel.x * params.kernel.y;
  let o = k / taps;
  let i = (k % taps) / params.kernel.y;
  let j = k % params.kernel.y;
  let p = source(h, i, params.stride.x, params.stride.z, params.pad.x, params.y_shape.z);
  let q = source(w, j, params.stride.y, params.stride.w, params.pad.y, params.y_shape.w);
  if (p < 0 || q < 0) { return 0.0; }
  return dy[y_offset(n, o, u32(p), u32(q))];
}

fn gemm_b(k: u32, col: u32) -> f32 {
  let taps = params.kernel.x * params.kernel.y;
  return weights[w_offset(k / taps, col, k % taps)];
}

fn gemm_store(row: u32, col: u32, v: f32) {
  let plane = params.x_shape.z * params.x_shape.w;
  dx[x_offset(row / plane, col, (row % plane) / params.x_shape.w, row % params.x_shape.w)] = v;
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  gemm_tile(lid, wid);
}
