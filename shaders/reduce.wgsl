// Reductions over any set of axes: sum, prod, max, min (NaN propagates) and argmax/argmin
// (first extreme index, NaN counting as the extreme). Entry `main` gives each output a
// workgroup that folds strided slices per invocation, then a tree in workgroup memory;
// `main_serial` gives each output one invocation, for short reductions with many outputs.
//! include "common/reduce-fold.wgsl"

var<workgroup> part_value: array<u32, WG>;
var<workgroup> part_pos: array<u32, WG>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let o = flat_workgroup(wid, nwg);
  if (o >= params.dims.x) { return; }
  let base = kept_offset(o);
  let mine = fold_range(base, lid, WG);
  part_value[lid] = mine.value;
  part_pos[lid] = mine.pos;
  for (var half = WG / 2u; half > 0u; half = half / 2u) {
    workgroupBarrier();
    if (lid < half) {
      let c = combine(Partial(part_value[lid], part_pos[lid]), Partial(part_value[lid + half], part_pos[lid + half]));
      part_value[lid] = c.value;
      part_pos[lid] = c.pos;
    }
  }
  if (lid == 0u) {
    out[o] = result(Partial(part_value[0], part_pos[0]));
  }
}

@compute @workgroup_size(WG)
fn main_serial(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
               @builtin(local_invocation_index) lid: u32) {
  let o = flat_invocation(wid, nwg, lid, WG);
  if (o >= params.dims.x) { return; }
  let base = kept_offset(o);
  out[o] = result(fold_range(base, 0u, 1u));
}
