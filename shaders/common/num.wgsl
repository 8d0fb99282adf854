// Number helpers shared by every shader: dtype codes, NaN tests on raw bits, and bool<->u32.
// Tensors are bound as array<u32> and reinterpreted here: float32 as f32 bits, int32 as i32
// bits, bool as one u32 per element holding 0 or 1.

const DT_F32: u32 = 0u;
const DT_I32: u32 = 1u;
const DT_BOOL: u32 = 2u;

// WGSL lets a compiler assume floats are never NaN, so x != x may be folded away: test the bits.
fn is_nan(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;
}

// NaN and Inf are not constant expressions in WGSL, so they come from runtime bits.
var<private> NAN_BITS: u32 = 0x7fc00000u;
var<private> INF_BITS: u32 = 0x7f800000u;

fn nan_f32() -> f32 {
  return bitcast<f32>(NAN_BITS);
}

fn inf_f32() -> f32 {
  return bitcast<f32>(INF_BITS);
}

fn is_inf(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u;
}

fn bool_bits(b: bool) -> u32 {
  return select(0u, 1u, b);
}
