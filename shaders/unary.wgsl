// Unary elementwise ops: one shader, the op and dtype chosen by override constants, so each
// (op, dtype) pair compiles to straight-line code. Tensors are array<u32> (see common/num.wgsl);
// the ops themselves live in common/unary-ops.wgsl, shared with the fused shaders.
//! include "common/unary-ops.wgsl"
//! include "common/grid.wgsl"

override OP: u32 = 0u;
override DTYPE: u32 = 0u;
override WG: u32 = 64u;

struct Params {
  size: vec4<u32>, // x: element count
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read_write> y: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let i = flat_invocation(wid, nwg, lid, WG);
  if (i >= params.size.x) { return; }
  y[i] = unary_op(OP, DTYPE, x[i]);
}
