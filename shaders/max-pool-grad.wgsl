// maxPool2dGrad gathered over the input (no atomics): each input element sums dy over the
// windows that cover it and whose first maximal element it is, recomputing each argmax.
//! include "common/pool.wgsl"
//! include "common/grid.wgsl"

override WG: u32 = 64u;

@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read_write> dx: array<f32>;

fn argmax_tap(plane: u32, p: u32, q: u32) -> u32 {
  let rows = window_rows(p);
  let cols = window_cols(q);
  var best = (plane * params.x_shape.z + rows.x) * params.x_shape.w + cols.x;
  for (var h = rows.x; h < rows.y; h++) {
    for (var w = cols.x; w < cols.y; w++) {
      let t = (plane * params.x_shape.z + h) * params.x_shape.w + w;
      if (is_nan(x[best])) { return best; }
      if (is_nan(x[t]) || x[t] > x[best]) { best = t; }
    }
  }
  return best;
}

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
      if (argmax_tap(plane, p, q) == i) {
        sum += dy[(plane * params.y_shape.z + p) * params.y_shape.w + q];
      }
    }
  }
  dx[i] = sum;
}
