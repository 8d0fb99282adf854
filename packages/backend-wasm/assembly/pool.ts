// 2-D max and average pooling over NCHW planes and their gradients. Windows are clipped to the
// input (padding never contributes); averages divide by the window's positions inside the
// counted rows [top, bottom) and columns [left, right) (avgPoolCounted in @webgrad/tensor).
// Parameters at p (i32): planes, H, W, KH, KW, strideH, strideW, padTop, padLeft, OH, OW,
// then the counted region top, bottom, left, right.

@inline function param(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

/** Offset in the plane of the first tap holding the window's maximum; NaN counts as the maximum. */
@inline function argmaxTap(x: usize, W: i32, r0: i32, r1: i32, c0: i32, c1: i32): i32 {
  let best = r0 * W + c0;
  let v = load<f32>(x + (<usize>best << 2));
  if (v != v) return best;
  for (let r = r0; r < r1; r++) {
    for (let c = c0; c < c1; c++) {
      const t = r * W + c;
      const u = load<f32>(x + (<usize>t << 2));
      if (u != u) return t;
      if (u > v) {
        v = u;
        best = t;
      }
    }
  }
  return best;
}

/** Visits every window: mode 0 max forward, 1 max backward, 2 average forward, 3 average backward. */
function pool(mode: i32, x: usize, dy: usize, out: usize, p: usize): void {
  const planes = param(p, 0), H = param(p, 1), W = param(p, 2), KH = param(p, 3), KW = param(p, 4);
  const sh = param(p, 5), sw = param(p, 6), pt = param(p, 7), pl = param(p, 8), OH = param(p, 9), OW = param(p, 10);
  const top = param(p, 11), bottom = param(p, 12), left = param(p, 13), right = param(p, 14);
  if (mode == 1 || mode == 3) memory.fill(out, 0, <usize>(planes * H * W) << 2);
  for (let plane = 0; plane < planes; plane++) {
    const xp = x + (<usize>(plane * H * W) << 2);
    const yp = <usize>(plane * OH * OW);
    for (let oh = 0; oh < OH; oh++) {
      const rs = oh * sh - pt;
      const r0 = max(0, rs), r1 = min(H, rs + KH);
      const rows = min(bottom, rs + KH) - max(top, rs);
      for (let ow = 0; ow < OW; ow++) {
        const cs = ow * sw - pl;
        const c0 = max(0, cs), c1 = min(W, cs + KW);
        const divisor = <f64>(rows * (min(right, cs + KW) - max(left, cs)));
        const yi = (yp + <usize>(oh * OW + ow)) << 2;
        if (mode == 0) {
          store<f32>(out + yi, load<f32>(xp + (<usize>argmaxTap(xp, W, r0, r1, c0, c1) << 2)));
        } else if (mode == 1) {
          const at = out + (<usize>(plane * H * W + argmaxTap(xp, W, r0, r1, c0, c1)) << 2);
          store<f32>(at, load<f32>(at) + load<f32>(dy + yi));
        } else if (mode == 2) {
          let s: f64 = 0;
          for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) s += <f64>load<f32>(xp + (<usize>(r * W + c) << 2));
          store<f32>(out + yi, <f32>(s / divisor));
        } else {
          const g = <f32>(<f64>load<f32>(dy + yi) / divisor);
          const op = out + (<usize>(plane * H * W) << 2);
          for (let r = r0; r < r1; r++) {
            for (let c = c0; c < c1; c++) {
              const at = op + (<usize>(r * W + c) << 2);
              store<f32>(at, load<f32>(at) + g);
            }
          }
        }
      }
    }
  }
}

/** y = max over each window of x. */
export function maxPool2d(x: usize, out: usize, p: usize): void {
  pool(0, x, 0, out, p);
}

/** dx = dy routed to the first maximum of each window. */
export function maxPool2dGrad(x: usize, dy: usize, dx: usize, p: usize): void {
  pool(1, x, dy, dx, p);
}

/** y = sum over each window's taps inside x / the window's counted positions. */
export function avgPool2d(x: usize, out: usize, p: usize): void {
  pool(2, x, 0, out, p);
}

/** dx = dy / the window's counted positions, added to each of its taps inside x. */
export function avgPool2dGrad(dy: usize, dx: usize, p: usize): void {
  pool(3, 0, dy, dx, p);
}
