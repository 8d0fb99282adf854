// Pooling window geometry shared by the pooling shaders: NCHW planes, window, stride and
// padding (smaller than the window, and ceilMode drops windows that would start past the input,
// so every window holds at least one input element).
//! include "common/num.wgsl"

struct Params {
  x_shape: vec4<u32>, // N, C, H, W
  y_shape: vec4<u32>, // N, C, OH, OW
  window: vec4<u32>,  // KH, KW, stride h, stride w
  pad: vec4<u32>,     // top, left
  counted: vec4<i32>, // rows [x, y), columns [z, w) an average divides by (avgPoolCounted)
}

@group(0) @binding(0) var<uniform> params: Params;

// In-bounds input rows [x, y) of window row p (same for columns with the .y/.w fields).
fn window_rows(p: u32) -> vec2<u32> {
  let start = i32(p * params.window.z) - i32(params.pad.x);
  let end = min(start + i32(params.window.x), i32(params.x_shape.z));
  return vec2(u32(max(start, 0)), u32(max(end, 0)));
}

fn window_cols(q: u32) -> vec2<u32> {
  let start = i32(q * params.window.w) - i32(params.pad.y);
  let end = min(start + i32(params.window.y), i32(params.x_shape.w));
  return vec2(u32(max(start, 0)), u32(max(end, 0)));
}

// The divisor of average window (p, q): its positions inside the counted region.
fn window_count(p: u32, q: u32) -> f32 {
  let row = i32(p * params.window.z) - i32(params.pad.x);
  let col = i32(q * params.window.w) - i32(params.pad.y);
  let rows = min(row + i32(params.window.x), params.counted.y) - max(row, params.counted.x);
  let cols = min(col + i32(params.window.y), params.counted.w) - max(col, params.counted.z);
  return f32(rows * cols);
}

// Output windows [lo, hi) along one axis that cover input position h.
fn covering(h: u32, kernel: u32, stride: u32, pad: u32, extent: u32) -> vec2<u32> {
  let top = i32(h + pad);
  let lo = max(top - i32(kernel) + i32(stride), 0) / i32(stride); // ceil((top - kernel + 1) / stride)
  let hi = min(top / i32(stride) + 1, i32(extent));
  return vec2(u32(lo), u32(max(hi, lo)));
}
