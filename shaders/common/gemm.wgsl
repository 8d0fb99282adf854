// The tiled GEMM loop shared by matmul and the three convolutions (implicit GEMM). A workgroup
// of WG_X × WG_Y invocations computes a (WG_Y·RM) × (WG_X·RN) tile of C = A·B, staging
// TK-deep slices of A and B in workgroup memory; each invocation keeps an RM × RN block of
// accumulators in registers (register blocking), as vec4s so the inner loop is four vector FMAs.
// The including shader defines gemm_dims() -> (M, N, K), gemm_setup(z), gemm_a(row, k),
// gemm_b(k, col) and gemm_store(row, col, value), called only in range, and four vector loads
// used per the A_LOAD / B_LOAD override constants: gemm_a4(row, k) = A[row, k..k+3],
// gemm_a4t(row, k) = A[row..row+3, k], gemm_b4(k, col) = B[k, col..col+3] and
// gemm_b4t(k, col) = B[k..k+3, col].

override WG_X: u32 = 8u;
override WG_Y: u32 = 8u;
const TK: u32 = 16u;
// How tiles are loaded, matching the operand's memory layout so neighbouring invocations read
// neighbouring addresses: 0 scalars, k fastest (A) / columns fastest (B); 1 vec4s along that
// axis (needs it % 4 = 0); 2 scalars along the other axis (a transposed operand); 3 vec4s along
// the other axis (transposed, that extent % 4 = 0).
override A_LOAD: u32 = 0u;
override B_LOAD: u32 = 0u;
override TILE_M: u32 = WG_Y * 4u;
override TILE_N: u32 = WG_X * 4u;
override TILE_A: u32 = TK * WG_Y; // vec4s: [TK][TILE_M / 4]
override TILE_B: u32 = TK * WG_X; // vec4s: [TK][TILE_N / 4]

var<workgroup> tile_a: array<vec4<f32>, TILE_A>;
var<workgroup> tile_b: array<vec4<f32>, TILE_B>;

fn put_a(r: u32, kk: u32, v: f32) {
  tile_a[kk * WG_Y + r / 4u][r % 4u] = v;
}

fn put_b(kk: u32, c: u32, v: f32) {
  tile_b[kk * WG_X + c / 4u][c % 4u] = v;
}

// Tile element e of A in the order A_LOAD reads it, as (row, k) within the tile; step is the
// number of elements one read covers (4 for vector loads).
fn a_coord(e: u32) -> vec2<u32> {
  switch A_LOAD {
    case 1u: { return vec2(e / (TK / 4u), (e % (TK / 4u)) * 4u); }
    case 2u: { return vec2(e % TILE_M, e / TILE_M); }
    case 3u: { return vec2((e % WG_Y) * 4u, e / WG_Y); }
    default: { return vec2(e / TK, e % TK); }
  }
}

fn b_coord(e: u32) -> vec2<u32> {
  switch B_LOAD {
    case 1u: { return vec2(e / WG_X, (e % WG_X) * 4u); }
    case 2u: { return vec2(e % TK, e / TK); }
    case 3u: { return vec2((e % (TK / 4u)) * 4u, e / (TK / 4u)); }
    default: { return vec2(e / TILE_N, e % TILE_N); }
  }
}

fn gemm_load_a(row0: u32, k0: u32, tid: u32, dims: vec3<u32>) {
  let reads = select(TK * TILE_M, TK * TILE_M / 4u, A_LOAD == 1u || A_LOAD == 3u);
  for (var e = tid; e < reads; e += WG_X * WG_Y) {
    let at = a_coord(e);
    let row = row0 + at.x;
    let k = k0 + at.y;
    let inside = row < dims.x && k < dims.z;
    if (A_LOAD == 1u) {
      let v = select(vec4<f32>(0.0), gemm_a4(row, k), inside);
      for (var j = 0u; j < 4u; j++) { put_a(at.x, at.y + j, v[j]); }
    } else if (A_LOAD == 3u) {
      tile_a[at.y * WG_Y + at.x / 4u] = select(vec4<f32>(0.0), gemm_a4t(row, k), inside);
    } else {
      var v = 0.0;
      if (inside) { v = gemm_a(row, k); }
      put_a(at.x, at.y, v);
    }
  }
}

fn gemm_load_b(col0: u32, k0: u32, tid: u32, dims: vec3<u32>) {
  let reads = select(TK * TILE_N, TK * TILE_N / 4u, B_LOAD == 1u || B_LOAD == 3u);
  for (var e = tid; e < reads; e += WG_X * WG_Y) {
    let at = b_coord(e);
    let k = k0 + at.x;
    let col = col0 + at.y;
    let inside = col < dims.y && k < dims.z;
    if (B_LOAD == 1u) {
      tile_b[at.x * WG_X + at.y / 4u] = select(vec4<f32>(0.0), gemm_b4(k, col), inside);
    } else if (B_LOAD == 3u) {
      let v = select(vec4<f32>(0.0), gemm_b4t(k, col), inside);
      for (var j = 0u; j < 4u; j++) { put_b(at.x + j, at.y, v[j]); }
    } else {
      var v = 0.0;
      if (inside) { v = gemm_b(k, col); }
      put_b(at.x, at.y, v);
    }
  }
}

fn gemm_store_row(row: u32, col: u32, v: vec4<f32>, dims: vec3<u32>) {
  if (row >= dims.x) { return; }
  for (var j = 0u; j < 4u; j++) {
    if (col + j < dims.y) { gemm_store(row, col + j, v[j]); }
  }
}

// Each invocation owns rows lid.y·4 … +3 and columns lid.x·4 … +3 of the tile, as four vec4
// accumulators: per k, one vec4 of A and one of B from workgroup memory, four vector FMAs.
fn gemm_tile(lid: vec3<u32>, wid: vec3<u32>) {
  let dims = gemm_dims();
  gemm_setup(wid.z);
  let row0 = wid.y * TILE_M;
  let col0 = wid.x * TILE_N;
  let tid = lid.y * WG_X + lid.x;
  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  for (var k0 = 0u; k0 < dims.z; k0 += TK) {
    gemm_load_a(row0, k0, tid, dims);
    gemm_load_b(col0, k0, tid, dims);
    workgroupBarrier();
    for (var kk = 0u; kk < TK; kk++) {
      let a = tile_a[kk * WG_Y + lid.y];
      let b = tile_b[kk * WG_X + lid.x];
      acc0 += a.x * b;
      acc1 += a.y * b;
      acc2 += a.z * b;
      acc3 += a.w * b;
    }
    workgroupBarrier();
  }
  let row = row0 + lid.y * 4u;
  let col = col0 + lid.x * 4u;
  gemm_store_row(row, col, acc0, dims);
  gemm_store_row(row + 1u, col, acc1, dims);
  gemm_store_row(row + 2u, col, acc2, dims);
  gemm_store_row(row + 3u, col, acc3, dims);
}
