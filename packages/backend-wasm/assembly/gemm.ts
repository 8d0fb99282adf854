// Single-precision matrix product C = A·B (or C += A·B) after Goto and van de Geijn, "Anatomy
// of high-performance matrix multiplication" (2008): B is packed in KC x NC blocks and A in
// MC x KC blocks of MR-row and NR-column panels, and a 4x8 register tile of f32x4 accumulators
// runs over them. Operands are read through (row, column) strides, so transposes are never
// materialised: packing absorbs them. Relaxed SIMD's fused multiply-add is used when enabled.
// An optional epilogue (a bias row and an activation, for dense layers) is applied as the last
// k-block stores each tile, while it is still in registers.
import { EPI_LINEAR, EPI_NONE, EPI_RELU, EPI_SIGMOID } from '../src/op-codes';
import { transpose4x4Store } from './simd';
import { sigmoidF32x4, tanhF32x4 } from './vmath';

const MR = 4;
const NR = 8;
const KC = 256;
const MC = 128;
const NC = 2048;

/** Bytes of the packed-A buffer gemm needs, with room after it for one edge tile. */
export function gemmPackABytes(): i32 {
  return MC * KC * 4 + MR * NR * 4;
}

/** Bytes of the packed-B buffer gemm needs. */
export function gemmPackBBytes(): i32 {
  return KC * NC * 4;
}

/** Whether this build multiplies and adds with relaxed SIMD's f32x4.relaxed_madd. */
export function relaxedSimd(): bool {
  return ASC_FEATURE_RELAXED_SIMD;
}

@inline function madd(a: v128, b: v128, acc: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, acc);
  return f32x4.add(acc, f32x4.mul(a, b));
}

/** The epilogue `epi` (not EPI_NONE) of four finished sums: act(v + bias). */
@inline function finish(epi: i32, v: v128, bias: v128): v128 {
  const z = f32x4.add(v, bias);
  if (epi == EPI_LINEAR) return z;
  if (epi == EPI_RELU) return f32x4.max(z, f32x4.splat(0)); // wasm's max keeps NaN, as the reference's relu does
  if (epi == EPI_SIGMOID) return sigmoidF32x4(z);
  return tanhF32x4(z);
}

/** The epilogue of one value, through the vector form so edge tiles round exactly as full ones. */
function finishScalar(epi: i32, v: f32, bias: f32): f32 {
  return f32x4.extract_lane(finish(epi, f32x4.splat(v), f32x4.splat(bias)), 0);
}

/** Stores (or adds) 8 sums at c; with an epilogue, they are finished against the 8 biases at bias. */
@inline function storeRow(c: usize, x0: v128, x1: v128, first: bool, epi: i32, bias: usize): void {
  let y0 = first ? x0 : f32x4.add(v128.load(c), x0);
  let y1 = first ? x1 : f32x4.add(v128.load(c, 16), x1);
  if (epi != EPI_NONE) {
    y0 = finish(epi, y0, v128.load(bias));
    y1 = finish(epi, y1, v128.load(bias, 16));
  }
  v128.store(c, y0);
  v128.store(c, y1, 16);
}

/**
 * The 4x8 tile at c (row pitch ldc bytes) from kc steps of packed A (4 per step) and B (8 per
 * step), finished by epilogue `epi` against the 8 biases at `bias` when this is the last k-block.
 */
function micro(kc: i32, a: usize, b: usize, c: usize, ldc: usize, first: bool, epi: i32, bias: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let x = v128.load32_splat(a);
    c00 = madd(x, b0, c00);
    c01 = madd(x, b1, c01);
    x = v128.load32_splat(a, 4);
    c10 = madd(x, b0, c10);
    c11 = madd(x, b1, c11);
    x = v128.load32_splat(a, 8);
    c20 = madd(x, b0, c20);
    c21 = madd(x, b1, c21);
    x = v128.load32_splat(a, 12);
    c30 = madd(x, b0, c30);
    c31 = madd(x, b1, c31);
    a += 16;
    b += 32;
  }
  storeRow(c, c00, c01, first, epi, bias);
  storeRow(c + ldc, c10, c11, first, epi, bias);
  storeRow(c + 2 * ldc, c20, c21, first, epi, bias);
  storeRow(c + 3 * ldc, c30, c31, first, epi, bias);
}

/** Packs rows [0, mc) x columns [0, kc) of A (element (i, p) at a + 4 (i rs + p cs)) into MR-row panels, zero-padded. */
function packA(mc: i32, kc: i32, a: usize, rs: i32, cs: i32, dst: usize): void {
  for (let i0 = 0; i0 < mc; i0 += MR) {
    const rows = min(MR, mc - i0);
    const panel = dst + <usize>(i0 * kc * 4);
    const base = a + <usize>(i0 * rs * 4);
    let p = 0;
    if (rows == MR && cs == 1) {
      const r = <usize>(rs * 4);
      for (; p + 4 <= kc; p += 4) {
        const at = base + <usize>(p * 4);
        transpose4x4Store(v128.load(at), v128.load(at + r), v128.load(at + 2 * r), v128.load(at + 3 * r), panel + <usize>(p * 16), 16);
      }
    } else if (rows == MR && rs == 1) {
      for (; p < kc; p++) v128.store(panel + <usize>(p * 16), v128.load(base + <usize>(p * cs * 4)));
    }
    for (; p < kc; p++) {
      for (let r = 0; r < MR; r++) {
        const v: f32 = r < rows ? load<f32>(base + <usize>((r * rs + p * cs) * 4)) : 0;
        store<f32>(panel + <usize>((p * MR + r) * 4), v);
      }
    }
  }
}

/** Packs rows [0, kc) x columns [0, nc) of B (element (p, j) at b + 4 (p rs + j cs)) into NR-column panels, zero-padded. */
function packB(kc: i32, nc: i32, b: usize, rs: i32, cs: i32, dst: usize): void {
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const cols = min(NR, nc - j0);
    const panel = dst + <usize>(j0 * kc * 4);
    const base = b + <usize>(j0 * cs * 4);
    let p = 0;
    if (cols == NR && cs == 1) {
      for (; p < kc; p++) {
        const at = base + <usize>(p * rs * 4);
        v128.store(panel + <usize>(p * 32), v128.load(at));
        v128.store(panel + <usize>(p * 32), v128.load(at, 16), 16);
      }
    } else if (cols == NR && rs == 1) {
      const c = <usize>(cs * 4);
      for (; p + 4 <= kc; p += 4) {
        const lo = base + <usize>(p * 4);
        const hi = lo + 4 * c;
        const out = panel + <usize>(p * 32);
        transpose4x4Store(v128.load(lo), v128.load(lo + c), v128.load(lo + 2 * c), v128.load(lo + 3 * c), out, 32);
        transpose4x4Store(v128.load(hi), v128.load(hi + c), v128.load(hi + 2 * c), v128.load(hi + 3 * c), out + 16, 32);
      }
    }
    for (; p < kc; p++) {
      for (let j = 0; j < NR; j++) {
        const v: f32 = j < cols ? load<f32>(base + <usize>((p * rs + j * cs) * 4)) : 0;
        store<f32>(panel + <usize>((p * NR + j) * 4), v);
      }
    }
  }
}

/**
 * Runs the micro-kernel over packed blocks; edge tiles go through a scratch tile kept after the
 * packed-A block (not in static memory, so threads sharing the memory each have their own).
 */
function macro(mc: i32, nc: i32, kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, first: bool, epi: i32, bias: usize): void {
  const tile = pa + MC * KC * 4;
  const pitch = <usize>(ldc * 4);
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = min(NR, nc - jr);
    const bp = pb + <usize>(jr * kc * 4);
    for (let ir = 0; ir < mc; ir += MR) {
      const rows = min(MR, mc - ir);
      const ap = pa + <usize>(ir * kc * 4);
      const cp = c + <usize>(ir * ldc + jr) * 4;
      const bj = bias + <usize>(jr * 4);
      if (rows == MR && cols == NR) {
        micro(kc, ap, bp, cp, pitch, first, epi, bj);
        continue;
      }
      micro(kc, ap, bp, tile, NR * 4, true, EPI_NONE, 0);
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < cols; j++) {
          const v = load<f32>(tile + <usize>((r * NR + j) * 4));
          const at = cp + <usize>r * pitch + <usize>(j * 4);
          const sum = first ? v : load<f32>(at) + v;
          store<f32>(at, epi == EPI_NONE ? sum : finishScalar(epi, sum, load<f32>(bj + <usize>(j * 4))));
        }
      }
    }
  }
}

/**
 * C[m, n] (row pitch ldc elements) = A·B, or += when `accumulate`, where A is m x k with
 * element (i, p) at a + 4 (i rsa + p csa) and B is k x n with element (p, j) at
 * b + 4 (p rsb + j csb). pa and pb are scratch buffers of gemmPackABytes/gemmPackBBytes.
 * With an epilogue `epi` (op-codes EPI_*), C[i, j] = act(sum + bias[j]) for the n floats at `bias`.
 */
export function gemm(m: i32, n: i32, k: i32, a: usize, rsa: i32, csa: i32, b: usize, rsb: i32, csb: i32, c: usize, ldc: i32, accumulate: bool, pa: usize, pb: usize, bias: usize, epi: i32): void {
  if (k == 0) {
    for (let i = 0; i < m; i++) {
      const row = c + <usize>(i * ldc * 4);
      if (!accumulate && epi == EPI_NONE) memory.fill(row, 0, <usize>(n * 4));
      if (epi == EPI_NONE) continue;
      for (let j = 0; j < n; j++) {
        const at = row + <usize>(j * 4);
        store<f32>(at, finishScalar(epi, accumulate ? load<f32>(at) : 0, load<f32>(bias + <usize>(j * 4))));
      }
    }
    return;
  }
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      packB(kc, nc, b + <usize>((pc * rsb + jc * csb) * 4), rsb, csb, pb);
      const first = pc == 0 && !accumulate;
      // The epilogue runs once, on the last k-block, when each tile's sum is complete.
      const last = pc + kc >= k ? epi : EPI_NONE;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        packA(mc, kc, a + <usize>((ic * rsa + pc * csa) * 4), rsa, csa, pa);
        macro(mc, nc, kc, pa, pb, c + <usize>((ic * ldc + jc) * 4), ldc, first, last, bias + <usize>(jc * 4));
      }
    }
  }
}
