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
// false: no workgroup memory or barriers, each invocation reads its 4 rows and 4 columns
// straight from the buffers (gemm_direct). Faster where "GPU" memory is CPU cache
// (SwiftShader: 2× on matmul 256³); the tiled path is for real GPUs.
override TILED: bool = true;
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
  if (!TILED) {
    gemm_direct(lid, wid, dims);
    return;
  }
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

// A[row, k..k+3], zeros outside the matrix.
fn a_row4(row: u32, k: u32, dims: vec3<u32>) -> vec4<f32> {
  if (row >= dims.x) { return vec4<f32>(0.0); }
  if (A_LOAD == 1u) { return gemm_a4(row, k); } // K % 4 = 0, so k + 3 < K
  var v = vec4<f32>(0.0);
  for (var j = 0u; j < 4u; j++) {
    if (k + j < dims.z) { v[j] = gemm_a(row, k + j); }
  }
  return v;
}

// B[k, col..col+3], zeros outside the matrix.
fn b_row4(k: u32, col: u32, dims: vec3<u32>) -> vec4<f32> {
  if (k >= dims.z) { return vec4<f32>(0.0); }
  if (B_LOAD == 1u) { return gemm_b4(k, col); } // N % 4 = 0, so col + 3 < N
  var v = vec4<f32>(0.0);
  for (var j = 0u; j < 4u; j++) {
    if (col + j < dims.y) { v[j] = gemm_b(k, col + j); }
  }
  return v;
}

// Rows row..row+3 of A at k..k+3, as the columns of a matrix (A_LOAD 1 or 3 only).
fn a_block(row: u32, k: u32) -> mat4x4<f32> {
  if (A_LOAD == 1u) { return mat4x4<f32>(gemm_a4(row, k), gemm_a4(row + 1u, k), gemm_a4(row + 2u, k), gemm_a4(row + 3u, k)); }
  return transpose(mat4x4<f32>(gemm_a4t(row, k), gemm_a4t(row, k + 1u), gemm_a4t(row, k + 2u), gemm_a4t(row, k + 3u)));
}

// Rows k..k+3 of B at col..col+3, as the columns of a matrix (B_LOAD 1 or 3 only).
fn b_block(k: u32, col: u32) -> mat4x4<f32> {
  if (B_LOAD == 1u) { return mat4x4<f32>(gemm_b4(k, col), gemm_b4(k + 1u, col), gemm_b4(k + 2u, col), gemm_b4(k + 3u, col)); }
  return transpose(mat4x4<f32>(gemm_b4t(k, col), gemm_b4t(k, col + 1u), gemm_b4t(k, col + 2u), gemm_b4t(k, col + 3u)));
}

// The untiled path: per 4 steps of k, a 4 × 4 block of B as a matrix (columns are B's rows)
// times each of the invocation's 4 rows of A: acc_i += B_blk · A[row_i, k..k+3].
fn gemm_direct(lid: vec3<u32>, wid: vec3<u32>, dims: vec3<u32>) {
  let row = (wid.y * WG_Y + lid.y) * 4u;
  let col = (wid.x * WG_X + lid.x) * 4u;
  if (row >= dims.x || col >= dims.y) { return; }
  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  let a_vec = A_LOAD == 1u || A_LOAD == 3u;
  let b_vec = B_LOAD == 1u || B_LOAD == 3u;
  if (a_vec && b_vec && row + 3u < dims.x && col + 3u < dims.y && dims.z % 4u == 0u) {
    // Whole vec4s everywhere: no checks in the loop.
    for (var k = 0u; k < dims.z; k += 4u) {
      let b = b_block(k, col);
      let a = a_block(row, k);
      acc0 += b * a[0];
      acc1 += b * a[1];
      acc2 += b * a[2];
      acc3 += b * a[3];
    }
  } else {
    gemm_direct_checked(row, col, dims, &acc0, &acc1, &acc2, &acc3);
  }
  gemm_store_row(row, col, acc0, dims);
  gemm_store_row(row + 1u, col, acc1, dims);
  gemm_store_row(row + 2u, col, acc2, dims);
  gemm_store_row(row + 3u, col, acc3, dims);
}

fn gemm_direct_checked(row: u32, col: u32, dims: vec3<u32>, acc0: ptr<function, vec4<f32>>, acc1: ptr<function, vec4<f32>>,
                       acc2: ptr<function, vec4<f32>>, acc3: ptr<function, vec4<f32>>) {
  for (var k = 0u; k < dims.z; k += 4u) {
    let b = mat4x4<f32>(b_row4(k, col, dims), b_row4(k + 1u, col, dims), b_row4(k + 2u, col, dims), b_row4(k + 3u, col, dims));
    *acc0 += b * a_row4(row, k, dims);
    *acc1 += b * a_row4(row + 1u, k, dims);
    *acc2 += b * a_row4(row + 2u, k, dims);
    *acc3 += b * a_row4(row + 3u, k, dims);
  }
}
