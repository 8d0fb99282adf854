enable subgroups;
// The workgroup-tree reduction (reduce.wgsl's `main`) with its first steps done in registers:
// each subgroup folds its invocations' partials with subgroupAdd/Mul/Max/Min and stores the
// result at its first invocation's slot; after one barrier invocation 0 folds the slots in
// order, so the result does not depend on scheduling.
// Compiled only where the adapter offers the `subgroups` feature. NaN and empty partials are
// handled around the builtins, whose treatment of NaN WGSL leaves to the implementation.
//! include "common/reduce-fold.wgsl"

var<workgroup> part_value: array<u32, WG>;
var<workgroup> part_pos: array<u32, WG>;

// Fold of sum/prod/max/min over the subgroup; empty partials count as the op's identity.
fn subgroup_fold(p: Partial) -> Partial {
  let pos = subgroupMin(p.pos);
  if (DTYPE == DT_F32) {
    var v = bitcast<f32>(p.value);
    if (p.pos == NONE) { v = select(select(0.0, 1.0, OP == OP_PROD), select(-inf_f32(), inf_f32(), OP == OP_MIN), OP >= OP_MAX); }
    var r = 0.0;
    switch OP {
      case OP_SUM: { r = subgroupAdd(v); }
      case OP_PROD: { r = subgroupMul(v); }
      case OP_MAX: { r = subgroupMax(v); }
      default: { r = subgroupMin(v); }
    }
    if (OP >= OP_MAX && subgroupAny(is_nan(v))) { r = nan_f32(); }
    return Partial(bitcast<u32>(r), pos);
  }
  var v = bitcast<i32>(p.value);
  if (p.pos == NONE) { v = select(select(0, 1, OP == OP_PROD), select(-2147483647 - 1, 2147483647, OP == OP_MIN), OP >= OP_MAX); }
  var r = 0;
  switch OP {
    case OP_SUM: { r = subgroupAdd(v); }
    case OP_PROD: { r = subgroupMul(v); }
    case OP_MAX: { r = subgroupMax(v); }
    default: { r = subgroupMin(v); }
  }
  return Partial(bitcast<u32>(r), pos);
}

// argmax/argmin over the subgroup: the first NaN if any, else the first position of the extreme.
fn subgroup_arg(p: Partial) -> Partial {
  let some = p.pos != NONE;
  var key = 0.0;
  var nan = false;
  var best_is = false;
  if (DTYPE == DT_F32) {
    let v = bitcast<f32>(p.value);
    nan = some && is_nan(v);
    let wide = select(select(inf_f32(), -inf_f32(), OP == OP_ARGMAX), v, some && !nan);
    let best = select(subgroupMin(wide), subgroupMax(wide), OP == OP_ARGMAX);
    best_is = some && !nan && v == best;
  } else {
    let v = bitcast<i32>(p.value);
    let wide = select(select(2147483647, -2147483647 - 1, OP == OP_ARGMAX), v, some);
    let best = select(subgroupMin(wide), subgroupMax(wide), OP == OP_ARGMAX);
    best_is = some && v == best;
  }
  let any_nan = subgroupAny(nan);
  let pos = subgroupMin(select(NONE, p.pos, select(best_is, nan, any_nan)));
  // Positions are distinct, so the winner's bits are the minimum over the lane holding it.
  let value = subgroupMin(select(0xffffffffu, p.value, p.pos == pos && pos != NONE));
  return Partial(value, pos);
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let o = flat_workgroup(wid, nwg);
  if (o >= params.dims.x) { return; }
  let mine = fold_range(kept_offset(o), lid, WG);
  var folded: Partial;
  if (OP >= OP_ARGMAX) { folded = subgroup_arg(mine); } else { folded = subgroup_fold(mine); }
  let first = subgroupMin(lid);
  part_value[lid] = folded.value;
  part_pos[lid] = select(NONE, folded.pos, lid == first);
  workgroupBarrier();
  if (lid == 0u) {
    var p = Partial(part_value[0], part_pos[0]);
    for (var k = 1u; k < WG; k++) { p = combine(p, Partial(part_value[k], part_pos[k])); }
    out[o] = result(p);
  }
}
