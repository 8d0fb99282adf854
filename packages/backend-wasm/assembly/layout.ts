// Kernels that move elements: one strided copy (transpose, broadcastTo, slice and its adjoint,
// concat, pad, tile are all this copy with different strides, chosen on the TypeScript side),
// fills, gather and scatterAdd. Element sizes are 4 or 1 bytes.

/**
 * Copies every element of an index space of `rank` axes: at p, the shape, then the source and
 * destination strides in elements (source strides may be negative for reversed slices).
 */
export function copyStrided(elem: i32, src: usize, dst: usize, rank: i32, p: usize): void {
  const idx = memory.data(256);
  memory.fill(idx, 0, 256);
  const last = <usize>(rank - 1) << 2;
  const n = load<i32>(p + last);
  const ss = load<i32>(p + (<usize>rank << 2) + last);
  const ds = load<i32>(p + (<usize>rank << 3) + last);
  let outer: i32 = 1;
  for (let d = 0; d < rank - 1; d++) outer *= load<i32>(p + (<usize>d << 2));
  let os: i32 = 0;
  let od: i32 = 0;
  for (let o = 0; o < outer; o++) {
    copyRow(elem, src + <usize>(os * elem), ss, dst + <usize>(od * elem), ds, n);
    for (let d = rank - 2; d >= 0; d--) {
      const at = <usize>d << 2;
      const extent = load<i32>(p + at);
      const sd = load<i32>(p + (<usize>rank << 2) + at);
      const dd = load<i32>(p + (<usize>rank << 3) + at);
      const i = load<i32>(idx + at) + 1;
      os += sd;
      od += dd;
      if (i < extent) {
        store<i32>(idx + at, i);
        break;
      }
      os -= sd * extent;
      od -= dd * extent;
      store<i32>(idx + at, 0);
    }
  }
}

@inline function copyRow(elem: i32, src: usize, ss: i32, dst: usize, ds: i32, n: i32): void {
  if (ss == 1 && ds == 1) {
    memory.copy(dst, src, <usize>(n * elem));
  } else if (elem == 4) {
    for (let i = 0; i < n; i++) store<i32>(dst + <usize>(i * ds * 4), load<i32>(src + <usize>(i * ss * 4)));
  } else {
    for (let i = 0; i < n; i++) store<u8>(dst + <usize>(i * ds), load<u8>(src + <usize>(i * ss)));
  }
}

/** Writes the 32-bit pattern `bits` into n elements at dst. */
export function fill32(dst: usize, n: usize, bits: i32): void {
  const v = i32x4.splat(bits);
  const bytes = n << 2;
  const vec = bytes & ~15;
  for (let i: usize = 0; i < vec; i += 16) v128.store(dst + i, v);
  for (let i = vec; i < bytes; i += 4) store<i32>(dst + i, bits);
}

/**
 * out[a, q, :] = x[a, idx[q], :] for x viewed as [outer, extent, inner]. Returns -1, or the
 * position in idx of the first index outside [0, extent).
 */
export function gather(elem: i32, x: usize, idx: usize, out: usize, outer: usize, extent: i32, count: usize, inner: usize): i32 {
  const row = inner * <usize>elem;
  for (let q: usize = 0; q < count; q++) {
    const i = load<i32>(idx + (q << 2));
    if (i < 0 || i >= extent) return <i32>q;
  }
  for (let a: usize = 0; a < outer; a++) {
    for (let q: usize = 0; q < count; q++) {
      const i = <usize>load<i32>(idx + (q << 2));
      memory.copy(out + (a * count + q) * row, x + (a * <usize>extent + i) * row, row);
    }
  }
  return -1;
}

/**
 * out (viewed as [outer, size, inner], zeroed first) gets updates[a, q, :] added at row idx[q].
 * Float32 (float) or int32, wrapping. Returns -1 or the position of the first bad index.
 */
export function scatterAdd(float: bool, idx: usize, upd: usize, out: usize, outer: usize, size: i32, count: usize, inner: usize): i32 {
  for (let q: usize = 0; q < count; q++) {
    const i = load<i32>(idx + (q << 2));
    if (i < 0 || i >= size) return <i32>q;
  }
  memory.fill(out, 0, (outer * <usize>size * inner) << 2);
  const row = inner << 2;
  const vec = row & ~15;
  for (let a: usize = 0; a < outer; a++) {
    for (let q: usize = 0; q < count; q++) {
      const dst = out + (a * <usize>size + <usize>load<i32>(idx + (q << 2))) * row;
      const src = upd + (a * count + q) * row;
      if (float) {
        let j: usize = 0;
        for (; j < vec; j += 16) v128.store(dst + j, f32x4.add(v128.load(dst + j), v128.load(src + j)));
        for (; j < row; j += 4) store<f32>(dst + j, load<f32>(dst + j) + load<f32>(src + j));
      } else {
        for (let j: usize = 0; j < row; j += 4) store<i32>(dst + j, load<i32>(dst + j) + load<i32>(src + j));
      }
    }
  }
  return -1;
}
