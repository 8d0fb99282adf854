// avgPool2dGrad gathered over the input: each input element sums dy / (the window's divisor,
// window_count) over the windows that cover it.
//! include "common/pool.wgsl"
//! include "common/grid.wgsl"

override WG: u32 = 64u;

@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read_write> dx: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let i = flat_invocation(wid, nwg, lid, WG);
  let hw = params.x_shape.z * params.x_shape.w;
  if (i >= params.x_shape.x * params.x_shape.y * hw) { return; }
  let plane = i / hw;
  let h = (i % hw) / params.x_shape.w;
  let w = i % params.x_shape.w;
  let ps = covering(h, params.window.x, params.window.z, params.pad.x, params.y_shape.z);
  let qs = covering(w, params.window.y, params.window.w, params.pad.y, params.y_shape.w);
  var sum = 0.0;
  for (var p = ps.x; p < ps.y; p++) {
    for (var q = qs.x; q < qs.y; q++) {
      sum += dy[(plane * params.y_shape.z + p) * params.y_shape.w + q] / window_count(p, q);
    }
  }
  dx[i] = sum;
}
