// Binary elementwise ops on raw 32-bit values, the op passed as an argument (see
// common/unary-ops.wgsl for why): arithmetic keeps the dtype, comparisons and logical ops give
// bool bits. Shared by binary.wgsl and the fused shaders.
//! include "common/math.wgsl"

const OP_ADD: u32 = 0u;
const OP_SUB: u32 = 1u;
const OP_MUL: u32 = 2u;
const OP_DIV: u32 = 3u;
const OP_POW: u32 = 4u;
const OP_MAXIMUM: u32 = 5u;
const OP_MINIMUM: u32 = 6u;
const OP_EQ: u32 = 10u;
const OP_NE: u32 = 11u;
const OP_LT: u32 = 12u;
const OP_LE: u32 = 13u;
const OP_GT: u32 = 14u;
const OP_GE: u32 = 15u;
const OP_LOGICAL_AND: u32 = 20u;
const OP_LOGICAL_OR: u32 = 21u;

fn arith_f32(op: u32, x: f32, y: f32) -> f32 {
  switch op {
    case OP_ADD: { return x + y; }
    case OP_SUB: { return x - y; }
    case OP_MUL: { return x * y; }
    case OP_DIV: { return x / y; }
    case OP_POW: { return pow_f32(x, y); }
    case OP_MAXIMUM: { return max_f32(x, y); }
    default: { return min_f32(x, y); }
  }
}

fn arith_i32(op: u32, x: i32, y: i32) -> i32 {
  switch op {
    case OP_ADD: { return x + y; }
    case OP_SUB: { return x - y; }
    case OP_MUL: { return x * y; }
    case OP_POW: { return pow_i32(x, y); }
    case OP_MAXIMUM: { return max(x, y); }
    default: { return min(x, y); }
  }
}

// Comparisons on float bits: a NaN operand makes every one false but ne.
fn compare_f32(op: u32, x: f32, y: f32) -> bool {
  let nan = is_nan(x) || is_nan(y);
  switch op {
    case OP_EQ: { return !nan && x == y; }
    case OP_NE: { return nan || x != y; }
    case OP_LT: { return !nan && x < y; }
    case OP_LE: { return !nan && x <= y; }
    case OP_GT: { return !nan && x > y; }
    default: { return !nan && x >= y; }
  }
}

fn compare_i32(op: u32, x: i32, y: i32) -> bool {
  switch op {
    case OP_EQ: { return x == y; }
    case OP_NE: { return x != y; }
    case OP_LT: { return x < y; }
    case OP_LE: { return x <= y; }
    case OP_GT: { return x > y; }
    default: { return x >= y; }
  }
}

// `dtype` is the operands' (common/num.wgsl).
fn binary_op(op: u32, dtype: u32, x: u32, y: u32) -> u32 {
  if (op >= OP_LOGICAL_AND) {
    return bool_bits(select(x != 0u && y != 0u, x != 0u || y != 0u, op == OP_LOGICAL_OR));
  }
  if (op >= OP_EQ) {
    if (dtype == DT_F32) { return bool_bits(compare_f32(op, bitcast<f32>(x), bitcast<f32>(y))); }
    return bool_bits(compare_i32(op, bitcast<i32>(x), bitcast<i32>(y)));
  }
  if (dtype == DT_F32) { return bitcast<u32>(arith_f32(op, bitcast<f32>(x), bitcast<f32>(y))); }
  return bitcast<u32>(arith_i32(op, bitcast<i32>(x), bitcast<i32>(y)));
}
