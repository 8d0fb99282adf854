// dense: C = act(A · B + bias) in one dispatch. The GEMM of common/gemm.wgsl with x's leading
// axes folded into A's rows (no batch); bias and activation are applied in gemm_store, the
// epilogue each output goes through once its sum is complete. ACTIVATION picks the function.
//! include "common/gemm.wgsl"
//! include "common/matmul-operands.wgsl"
//! include "common/math.wgsl"

const ACT_LINEAR: u32 = 0u;
const ACT_RELU: u32 = 1u;
const ACT_SIGMOID: u32 = 2u;
const ACT_TANH: u32 = 3u;

override ACTIVATION: u32 = 0u;

@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> c: array<f32>;

fn activate(z: f32) -> f32 {
  switch ACTIVATION {
    // NaN is kept and -0 becomes +0, as in the reference's relu.
    case ACT_RELU: { return select(0.0, z, z > 0.0 || is_nan(z)); }
    case ACT_SIGMOID: { return sigmoid_f32(z); }
    case ACT_TANH: { return tanh_f32(z); }
    default: { return z; }
  }
}

fn gemm_store(row: u32, col: u32, v: f32) {
  c[row * params.dims.y + col] = activate(v + bias[col]);
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  gemm_tile(lid, wid);
}
