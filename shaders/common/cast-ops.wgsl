// cast between float32, int32 and bool on raw 32-bit values, shared by cast.wgsl and the fused
// shaders: float to int truncates toward zero and saturates, NaN becomes 0; anything to bool
// is "not zero" (NaN is true, −0 is false).
//! include "common/num.wgsl"

fn f32_to_i32(v: f32) -> i32 {
  if (is_nan(v)) { return 0; }
  if (v >= 2147483648.0) { return 2147483647; }
  if (v <= -2147483648.0) { return -2147483647 - 1; }
  return i32(trunc(v));
}

fn cast_bits(src: u32, dst: u32, bits: u32) -> u32 {
  if (src == dst) { return bits; }
  if (dst == DT_BOOL) {
    if (src == DT_F32) { return bool_bits((bits & 0x7fffffffu) != 0u); }
    return bool_bits(bits != 0u);
  }
  if (dst == DT_F32) {
    if (src == DT_I32) { return bitcast<u32>(f32(bitcast<i32>(bits))); }
    return bitcast<u32>(f32(bits)); // bool: 0 or 1
  }
  if (src == DT_F32) { return bitcast<u32>(f32_to_i32(bitcast<f32>(bits))); }
  return bits; // bool to int32: 0 or 1 already
}
