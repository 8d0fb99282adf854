// Batched matmul C[t] = op(A[t]) · op(B[t]) with broadcast batches and transposed operands read
// in place through strides (no transpose is materialised). Grid: x over column tiles, y over
// row tiles, z over batch entries.
//! include "common/gemm.wgsl"
//! include "common/matmul-operands.wgsl"

@group(0) @binding(3) var<storage, read_write> c: array<f32>;

fn gemm_store(row: u32, col: u32, v: f32) {
  c[c_base + row * params.dims.y + col] = v;
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  gemm_tile(lid, wid);
}
