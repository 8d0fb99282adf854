// Axis extents and strides of up to 8 axes, packed as two vec4s in a uniform struct; read one.

fn axis_u(v: array<vec4<u32>, 2>, d: u32) -> u32 {
  return v[d >> 2u][d & 3u];
}

fn axis_i(v: array<vec4<i32>, 2>, d: u32) -> i32 {
  return v[d >> 2u][d & 3u];
}
