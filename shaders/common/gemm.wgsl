// The tiled GEMM loop shared by matmul and the three convolutions (implicit GEMM). A workgroup
// of WG_X × WG_Y invocations computes a (WG_Y·RM) × (WG_X·RN) tile of C = A·B, staging
// TK-deep slices of A and B in workgroup memory; each invocation keeps an RM × RN block of
// accumulators in registers (register blocking). Rows and columns an invocation owns are
// interleaved by WG_Y / WG_X so neighbouring invocations touch neighbouring addresses.
// The including shader defines gemm_dims() -> (M, N, K), gemm_setup(z), gemm_a(row, k),
// gemm_b(k, col) and gemm_store(row, col, value); gemm_a/gemm_b are only called in range.

override WG_X: u32 = 8u;
override WG_Y: u32 = 8u;
const RM: u32 = 4u;
const RN: u32 = 4u;
const TK: u32 = 16u;
override TILE_M: u32 = WG_Y * RM;
override TILE_N: u32 = WG_X * RN;
override TILE_A: u32 = TK * TILE_M;
override TILE_B: u32 = TK * TILE_N;

var<workgroup> tile_a: array<f32, TILE_A>; // [TK][TILE_M]
var<workgroup> tile_b: array<f32, TILE_B>; // [TK][TILE_N]

fn gemm_load_tiles(row0: u32, col0: u32, k0: u32, tid: u32, dims: vec3<u32>) {
  let threads = WG_X * WG_Y;
  for (var e = tid; e < TILE_A; e += threads) {
    let r = e / TK;
    let kk = e % TK;
    var v = 0.0;
    if (row0 + r < dims.x && k0 + kk < dims.z) { v = gemm_a(row0 + r, k0 + kk); }
    tile_a[kk * TILE_M + r] = v;
  }
  for (var e = tid; e < TILE_B; e += threads) {
    let kk = e / TILE_N;
    let c = e % TILE_N;
    var v = 0.0;
    if (col0 + c < dims.y && k0 + kk < dims.z) { v = gemm_b(k0 + kk, col0 + c); }
    tile_b[kk * TILE_N + c] = v;
  }
}

fn gemm_tile(lid: vec3<u32>, wid: vec3<u32>) {
  let dims = gemm_dims();
  gemm_setup(wid.z);
  let row0 = wid.y * TILE_M;
  let col0 = wid.x * TILE_N;
  let tid = lid.y * WG_X + lid.x;
  var acc: array<f32, 16>; // RM * RN
  var a_reg: array<f32, 4>;
  var b_reg: array<f32, 4>;
  for (var k0 = 0u; k0 < dims.z; k0 += TK) {
    gemm_load_tiles(row0, col0, k0, tid, dims);
    workgroupBarrier();
    for (var kk = 0u; kk < TK; kk++) {
      for (var i = 0u; i < RM; i++) { a_reg[i] = tile_a[kk * TILE_M + lid.y + i * WG_Y]; }
      for (var j = 0u; j < RN; j++) { b_reg[j] = tile_b[kk * TILE_N + lid.x + j * WG_X]; }
      for (var i = 0u; i < RM; i++) {
        for (var j = 0u; j < RN; j++) { acc[i * RN + j] += a_reg[i] * b_reg[j]; }
      }
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < RM; i++) {
    let row = row0 + lid.y + i * WG_Y;
    for (var j = 0u; j < RN; j++) {
      let col = col0 + lid.x + j * WG_X;
      if (row < dims.x && col < dims.y) { gemm_store(row, col, acc[i * RN + j]); }
    }
  }
}
