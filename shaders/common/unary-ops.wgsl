// Unary elementwise ops on raw 32-bit values, the op passed as an argument: unary.wgsl calls
// them with its override constant, fused shaders with a literal, so both compile to the same
// straight-line code (a switch on a constant folds) and each op has one definition.
//! include "common/math.wgsl"

const OP_NEG: u32 = 0u;
const OP_ABS: u32 = 1u;
const OP_SIGN: u32 = 2u;
const OP_RELU: u32 = 3u;
const OP_FLOOR: u32 = 4u;
const OP_CEIL: u32 = 5u;
const OP_ROUND: u32 = 6u;
const OP_EXP: u32 = 7u;
const OP_LOG: u32 = 8u;
const OP_LOG1P: u32 = 9u;
const OP_EXPM1: u32 = 10u;
const OP_SQRT: u32 = 11u;
const OP_RSQRT: u32 = 12u;
const OP_RECIPROCAL: u32 = 13u;
const OP_SIN: u32 = 14u;
const OP_COS: u32 = 15u;
const OP_TANH: u32 = 16u;
const OP_SIGMOID: u32 = 17u;
const OP_LOGICAL_NOT: u32 = 18u;
const OP_ERF: u32 = 19u;

fn unary_f32(op: u32, bits: u32) -> u32 {
  let v = bitcast<f32>(bits);
  var r = 0.0;
  switch op {
    case OP_NEG: { return bits ^ 0x80000000u; }
    case OP_ABS: { return bits & 0x7fffffffu; }
    case OP_SIGN: { r = select(select(0.0, -1.0, v < 0.0), 1.0, v > 0.0); if (is_nan(v)) { r = v; } }
    case OP_RELU: { r = select(0.0, v, v > 0.0); if (is_nan(v)) { r = v; } }
    case OP_FLOOR: { r = floor(v); }
    case OP_CEIL: { r = ceil(v); }
    case OP_ROUND: { r = round(v); }
    case OP_EXP: { r = exp_f32(v); }
    case OP_LOG: { r = safe_log(v); }
    case OP_LOG1P: { r = log1p_f32(v); }
    case OP_EXPM1: { r = expm1_f32(v); }
    case OP_ERF: { r = erf_f32(v); }
    case OP_SQRT: { r = safe_sqrt(v); }
    case OP_RSQRT: { r = 1.0 / safe_sqrt(v); }
    case OP_RECIPROCAL: { r = 1.0 / v; }
    case OP_SIN: { r = sincos_f32(v, false); }
    case OP_COS: { r = sincos_f32(v, true); }
    case OP_TANH: { r = tanh_f32(v); }
    case OP_SIGMOID: { r = sigmoid_f32(v); }
    default: { r = nan_f32(); }
  }
  return bitcast<u32>(r);
}

fn unary_i32(op: u32, bits: u32) -> u32 {
  let v = bitcast<i32>(bits);
  switch op {
    case OP_NEG: { return bitcast<u32>(0 - v); }
    case OP_ABS: { return bitcast<u32>(select(v, 0 - v, v < 0)); }
    case OP_SIGN: { return bitcast<u32>(select(select(0, -1, v < 0), 1, v > 0)); }
    case OP_RELU: { return bitcast<u32>(select(0, v, v > 0)); }
    default: { return bits; } // floor, ceil, round: integers already are
  }
}

// `dtype` is the input's (common/num.wgsl); on bool the only unary op is logicalNot.
fn unary_op(op: u32, dtype: u32, bits: u32) -> u32 {
  if (dtype == DT_F32) { return unary_f32(op, bits); }
  if (dtype == DT_I32) { return unary_i32(op, bits); }
  return bool_bits(bits == 0u);
}
