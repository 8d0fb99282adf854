// Batched matmul C[t] = op(A[t]) · op(B[t]) with broadcast batches and transposed operands read
// in place through strides (no transpose is materialised). Grid: x over column tiles, y over
// row tiles, z over batch entries.
//! include "common/coords.wgsl"
//! include "common/gemm.wgsl"

struct Params {
  dims: vec4<u32>,                // M, N, K, batch rank
  strides: vec4<u32>,             // a row stride, a k stride, b k stride, b column stride
  batch_shape: array<vec4<u32>, 2>,
  a_batch: array<vec4<u32>, 2>,   // a's batch strides in elements, 0 where broadcast
  b_batch: array<vec4<u32>, 2>,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;

var<private> a_base: u32;
var<private> b_base: u32;
var<private> c_base: u32;

fn gemm_dims() -> vec3<u32> {
  return params.dims.xyz;
}

fn gemm_setup(z: u32) {
  var rest = z;
  a_base = 0u;
  b_base = 0u;
  for (var d = i32(params.dims.w) - 1; d >= 0; d--) {
    let n = axis_u(params.batch_shape, u32(d));
    let i = rest % n;
    rest = rest / n;
    a_base += i * axis_u(params.a_batch, u32(d));
    b_base += i * axis_u(params.b_batch, u32(d));
  }
  c_base = z * params.dims.x * params.dims.y;
}

fn gemm_a(row: u32, k: u32) -> f32 {
  return a[a_base + row * params.strides.x + k * params.strides.y];
}

fn gemm_b(k: u32, col: u32) -> f32 {
  return b[b_base + k * params.strides.z + col * params.strides.w];
}

fn gemm_store(row: u32, col: u32, v: f32) {
  c[c_base + row * params.dims.y + col] = v;
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  gemm_tile(lid, wid);
}
