// The operands of a batched product op(A[t]) · op(B[t]) as common/gemm.wgsl reads them: the
// Params struct, bindings 0 (params), 1 (A) and 2 (B), and the gemm_* accessors, with transposes
// read through strides and broadcast batches. The including shader binds C and defines gemm_store.

struct Params {
  dims: vec4<u32>,                // M, N, K, batch rank
  strides: vec4<u32>,             // a row stride, a k stride, b k stride, b column stride
  batch_shape: array<vec4<u32>, 2>,
  a_batch: array<vec4<u32>, 2>,   // a's batch strides in elements, 0 where broadcast
  b_batch: array<vec4<u32>, 2>,
}

@group(0) @binding(0) var<uniform> params: Params;
// Bound as vec4s so aligned rows load 16 bytes at a time (every pooled buffer is a multiple of 16 bytes).
@group(0) @binding(1) var<storage, read> a: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> b: array<vec4<f32>>;

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
    let n = params.batch_shape[d >> 2][d & 3];
    let i = rest % n;
    rest = rest / n;
    a_base += i * params.a_batch[d >> 2][d & 3];
    b_base += i * params.b_batch[d >> 2][d & 3];
  }
  c_base = z * params.dims.x * params.dims.y;
}

fn gemm_a(row: u32, k: u32) -> f32 {
  let i = a_base + row * params.strides.x + k * params.strides.y;
  return a[i / 4u][i % 4u];
}

fn gemm_b(k: u32, col: u32) -> f32 {
  let i = b_base + k * params.strides.z + col * params.strides.w;
  return b[i / 4u][i % 4u];
}

// The vector loads are chosen (A_LOAD, B_LOAD) only where the four values are one aligned
// vec4: the contiguous axis of the operand as stored has an extent divisible by 4.
fn gemm_a4(row: u32, k: u32) -> vec4<f32> {
  return a[(a_base + row * params.strides.x + k) / 4u];
}

fn gemm_a4t(row: u32, k: u32) -> vec4<f32> {
  return a[(a_base + row + k * params.strides.y) / 4u];
}

fn gemm_b4(k: u32, col: u32) -> vec4<f32> {
  return b[(b_base + k * params.strides.z + col) / 4u];
}

fn gemm_b4t(k: u32, col: u32) -> vec4<f32> {
  return b[(b_base + k + col * params.strides.w) / 4u];
}
