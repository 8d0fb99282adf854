// im2col and col2im for convolution as a matrix product (Chellapilla et al., "High performance
// convolutional neural networks for document processing", 2006). One call handles one image's
// channels of one group. Parameters at p (i32): C, H, W, KH, KW, strideH, strideW, padTop,
// padLeft, dilationH, dilationW, OH, OW.

@inline function param(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

/** First output position whose tap at offset `off` (= tap * dilation - pad) lands at or after 0. */
@inline function firstInside(off: i32, stride: i32): i32 {
  return off >= 0 ? 0 : (-off + stride - 1) / stride;
}

/** One past the last output position whose tap lands before `size`, clamped to [lo, count]. */
@inline function endInside(off: i32, stride: i32, size: i32, count: i32, lo: i32): i32 {
  const span = size - off;
  const end = span <= 0 ? 0 : (span + stride - 1) / stride;
  return max(lo, min(count, end));
}

/** Copies n floats (unaligned SIMD, then a scalar tail); inline because rows are short. */
@inline function copyFloats(dst: usize, src: usize, n: i32): void {
  const bytes = <usize>n << 2;
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) v128.store(dst + i, v128.load(src + i));
  for (; i < bytes; i += 4) store<f32>(dst + i, load<f32>(src + i));
}

/** Writes n zero floats. */
@inline function zeroFloats(dst: usize, n: i32): void {
  const bytes = <usize>n << 2;
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) v128.store(dst + i, i32x4.splat(0));
  for (; i < bytes; i += 4) store<f32>(dst + i, 0);
}

/** col[(c, i, j), (oh, ow)] = x[c, oh sh - pt + i dh, ow sw - pl + j dw], 0 in the padding. */
export function im2col(x: usize, col: usize, p: usize): void {
  const C = param(p, 0), H = param(p, 1), W = param(p, 2), KH = param(p, 3), KW = param(p, 4);
  const sh = param(p, 5), sw = param(p, 6), pt = param(p, 7), pl = param(p, 8), dh = param(p, 9), dw = param(p, 10);
  const OH = param(p, 11), OW = param(p, 12);
  let dst = col;
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < KH; i++) {
      for (let j = 0; j < KW; j++) {
        const offW = j * dw - pl;
        const w0 = firstInside(offW, sw);
        const w1 = endInside(offW, sw, W, OW, w0);
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * sh - pt + i * dh;
          if (ih < 0 || ih >= H) {
            zeroFloats(dst, OW);
          } else {
            const src = x + (<usize>((c * H + ih) * W) << 2);
            zeroFloats(dst, w0);
            if (sw == 1) {
              copyFloats(dst + (<usize>w0 << 2), src + (<usize>(w0 + offW) << 2), w1 - w0);
            } else {
              for (let ow = w0; ow < w1; ow++) store<f32>(dst + (<usize>ow << 2), load<f32>(src + (<usize>(ow * sw + offW) << 2)));
            }
            zeroFloats(dst + (<usize>w1 << 2), OW - w1);
          }
          dst += <usize>OW << 2;
        }
      }
    }
  }
}

/** The adjoint of im2col: dx (zeroed first) accumulates every col entry at its input position. */
export function col2im(col: usize, dx: usize, p: usize): void {
  const C = param(p, 0), H = param(p, 1), W = param(p, 2), KH = param(p, 3), KW = param(p, 4);
  const sh = param(p, 5), sw = param(p, 6), pt = param(p, 7), pl = param(p, 8), dh = param(p, 9), dw = param(p, 10);
  const OH = param(p, 11), OW = param(p, 12);
  memory.fill(dx, 0, <usize>(C * H * W) << 2);
  let src = col;
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < KH; i++) {
      for (let j = 0; j < KW; j++) {
        const offW = j * dw - pl;
        const w0 = firstInside(offW, sw);
        const w1 = endInside(offW, sw, W, OW, w0);
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * sh - pt + i * dh;
          if (ih >= 0 && ih < H) {
            const dst = dx + (<usize>((c * H + ih) * W) << 2);
            for (let ow = w0; ow < w1; ow++) {
              const at = dst + (<usize>(ow * sw + offW) << 2);
              store<f32>(at, load<f32>(at) + load<f32>(src + (<usize>ow << 2)));
            }
          }
          src += <usize>OW << 2;
        }
      }
    }
  }
}
