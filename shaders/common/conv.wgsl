// The convolution geometry shared by conv2d and its two gradients: NCHW input, OIHW filters,
// per-axis stride, padding and dilation, and groups. The grid's z is the group.

struct Params {
  x_shape: vec4<u32>,  // N, C, H, W
  y_shape: vec4<u32>,  // N, O, OH, OW
  kernel: vec4<u32>,   // KH, KW, input channels per group, output channels per group
  stride: vec4<u32>,   // stride h, stride w, dilation h, dilation w
  pad: vec4<u32>,      // top, left
}

@group(0) @binding(0) var<uniform> params: Params;

var<private> group: u32;

fn gemm_setup(z: u32) {
  group = z;
}

// Input row of filter tap i for output row p (may fall in the padding: then outside [0, H)).
fn in_row(p: u32, i: u32) -> i32 {
  return i32(p * params.stride.x + i * params.stride.z) - i32(params.pad.x);
}

fn in_col(q: u32, j: u32) -> i32 {
  return i32(q * params.stride.y + j * params.stride.w) - i32(params.pad.y);
}

fn x_offset(n: u32, c: u32, h: u32, w: u32) -> u32 {
  return ((n * params.x_shape.y + group * params.kernel.z + c) * params.x_shape.z + h) * params.x_shape.w + w;
}

fn y_offset(n: u32, o: u32, p: u32, q: u32) -> u32 {
  return ((n * params.y_shape.y + group * params.kernel.w + o) * params.y_shape.z + p) * params.y_shape.w + q;
}

fn w_offset(o: u32, c: u32, tap: u32) -> u32 {
  return ((group * params.kernel.w + o) * params.kernel.z + c) * params.kernel.x * params.kernel.y + tap;
}

// No vector loads here (A_LOAD and B_LOAD stay 0); gemm.wgsl needs the functions to exist.
fn gemm_a4(row: u32, k: u32) -> vec4<f32> {
  return vec4(gemm_a(row, k), gemm_a(row, k + 1u), gemm_a(row, k + 2u), gemm_a(row, k + 3u));
}

fn gemm_b4(k: u32, col: u32) -> vec4<f32> {
  return vec4(gemm_b(k, col), gemm_b(k, col + 1u), gemm_b(k, col + 2u), gemm_b(k, col + 3u));
}

fn gemm_a4t(row: u32, k: u32) -> vec4<f32> {
  return vec4(gemm_a(row, k), gemm_a(row + 1u, k), gemm_a(row + 2u, k), gemm_a(row + 3u, k));
}

fn gemm_b4t(k: u32, col: u32) -> vec4<f32> {
  return vec4(gemm_b(k, col), gemm_b(k + 1u, col), gemm_b(k + 2u, col), gemm_b(k + 3u, col));
}
