// softmax (LOG false) or logSoftmax (LOG true) along one axis, in one dispatch. x is seen as
// [outer, extent, inner]; a row is the extent values of one (outer, inner) pair. Each row is
// shifted by its maximum where that is finite, by 0 otherwise, so +Inf or NaN in a row, or a
// row of -Inf, gives NaN as the reference does. Entry `main`: one workgroup per row, strided
// passes per invocation and tree reductions in workgroup memory for the maximum and the sum.
// `main_serial`: one invocation per row, for short rows.
//! include "common/math.wgsl"
//! include "common/grid.wgsl"

override LOG: bool = false;
override WG: u32 = 64u;

struct Params {
  dims: vec4<u32>, // rows, extent, inner
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

var<workgroup> part: array<f32, WG>;

// Offset of row r's first element; its elements are `inner` apart.
fn row_base(r: u32) -> u32 {
  let inner = params.dims.z;
  return (r / inner) * params.dims.y * inner + r % inner;
}

fn shift_of(m: f32) -> f32 {
  return select(0.0, m, !is_nan(m) && !is_inf(m));
}

// e^v for v = x - shift: -Inf gives 0 (not left to the driver's exp).
fn exp_shifted(v: f32) -> f32 {
  if (is_inf(v) && v < 0.0) { return 0.0; }
  return exp_f32(v);
}

// The output for v = x - shift given the row's sum of exponentials s (0, +Inf and NaN spelled
// out, since WGSL leaves Inf/Inf and 0/0 to the implementation).
fn finish(v: f32, s: f32) -> f32 {
  if (is_nan(s) || s == 0.0) { return nan_f32(); }
  if (is_inf(s)) {
    // A +Inf in the row: NaN for it, 0 (or -Inf as a log) for the others.
    if (is_inf(v) && v > 0.0) { return nan_f32(); }
    return select(0.0, -inf_f32(), LOG);
  }
  if (LOG) { return v - safe_log(s); }
  return exp_shifted(v) / s;
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let r = flat_workgroup(wid, nwg);
  if (r >= params.dims.x) { return; }
  let base = row_base(r);
  let n = params.dims.y;
  let step = params.dims.z;
  var m = -inf_f32();
  for (var t = lid; t < n; t += WG) { m = max_f32(m, x[base + t * step]); }
  part[lid] = m;
  for (var half = WG / 2u; half > 0u; half = half / 2u) {
    workgroupBarrier();
    if (lid < half) { part[lid] = max_f32(part[lid], part[lid + half]); }
  }
  workgroupBarrier();
  let shift = shift_of(part[0]);
  workgroupBarrier();
  var s = 0.0;
  for (var t = lid; t < n; t += WG) { s += exp_shifted(x[base + t * step] - shift); }
  part[lid] = s;
  for (var half = WG / 2u; half > 0u; half = half / 2u) {
    workgroupBarrier();
    if (lid < half) { part[lid] = part[lid] + part[lid + half]; }
  }
  workgroupBarrier();
  let total = part[0];
  for (var t = lid; t < n; t += WG) {
    let at = base + t * step;
    out[at] = finish(x[at] - shift, total);
  }
}

@compute @workgroup_size(WG)
fn main_serial(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
               @builtin(local_invocation_index) lid: u32) {
  let r = flat_invocation(wid, nwg, lid, WG);
  if (r >= params.dims.x) { return; }
  let base = row_base(r);
  let n = params.dims.y;
  let step = params.dims.z;
  var m = -inf_f32();
  for (var t = 0u; t < n; t++) { m = max_f32(m, x[base + t * step]); }
  let shift = shift_of(m);
  var s = 0.0;
  for (var t = 0u; t < n; t++) { s += exp_shifted(x[base + t * step] - shift); }
  for (var t = 0u; t < n; t++) {
    let at = base + t * step;
    out[at] = finish(x[at] - shift, s);
  }
}
