// maxPool2d and avgPool2d forward, one invocation per output element. max takes the first
// maximal element of the window (NaN counts as the maximum); avg divides by the window's
// positions inside the counted region (the input, or the padded input with countIncludePad).
//! include "common/pool.wgsl"
//! include "common/grid.wgsl"

override WG: u32 = 64u;

@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

// The offset in x of the window's first maximal element, in row-major tap order.
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

fn output_index(i: u32) -> vec3<u32> {
  let plane_size = params.y_shape.z * params.y_shape.w;
  return vec3(i / plane_size, (i % plane_size) / params.y_shape.w, i % params.y_shape.w);
}

@compute @workgroup_size(WG)
fn max_pool(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
            @builtin(local_invocation_index) lid: u32) {
  let i = flat_invocation(wid, nwg, lid, WG);
  if (i >= params.y_shape.x * params.y_shape.y * params.y_shape.z * params.y_shape.w) { return; }
  let o = output_index(i);
  y[i] = x[argmax_tap(o.x, o.y, o.z)];
}

@compute @workgroup_size(WG)
fn avg_pool(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
            @builtin(local_invocation_index) lid: u32) {
  let i = flat_invocation(wid, nwg, lid, WG);
  if (i >= params.y_shape.x * params.y_shape.y * params.y_shape.z * params.y_shape.w) { return; }
  let o = output_index(i);
  let rows = window_rows(o.y);
  let cols = window_cols(o.z);
  var sum = 0.0;
  for (var h = rows.x; h < rows.y; h++) {
    for (var w = cols.x; w < cols.y; w++) {
      sum += x[(o.x * params.x_shape.z + h) * params.x_shape.w + w];
    }
  }
  y[i] = sum / window_count(o.y, o.z);
}
