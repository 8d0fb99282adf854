// Reductions over the middle axis of an [outer, r, inner] view (the TypeScript side brings any
// set of axes to that form). Float sums and products accumulate in double precision, as the
// reference does; max/min propagate NaN; arg reductions return the first extreme, NaN winning.
import { MAX, PROD, SUM } from '../src/op-codes';
import { hiF64, loF64, sumF64x2 } from './simd';

/** Sum of n float32 values at x, in double precision (four f64x2 accumulators). */
function sumRow(x: usize, n: usize): f64 {
  let a0 = f64x2.splat(0);
  let a1 = f64x2.splat(0);
  let a2 = f64x2.splat(0);
  let a3 = f64x2.splat(0);
  const bytes = n << 2;
  const vec8 = bytes & ~31;
  let i: usize = 0;
  for (; i < vec8; i += 32) {
    const v = v128.load(x + i);
    const w = v128.load(x + i, 16);
    a0 = f64x2.add(a0, loF64(v));
    a1 = f64x2.add(a1, hiF64(v));
    a2 = f64x2.add(a2, loF64(w));
    a3 = f64x2.add(a3, hiF64(w));
  }
  let s = sumF64x2(f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3)));
  for (; i < bytes; i += 4) s += <f64>load<f32>(x + i);
  return s;
}

/** Max (or min) of n >= 1 float32 values at x; any NaN gives NaN. */
function extremeRow(isMax: bool, x: usize, n: usize): f32 {
  const bytes = n << 2;
  const vec = bytes & ~15;
  let r: f32 = load<f32>(x);
  if (vec > 0) {
    let acc = v128.load(x);
    for (let i: usize = 16; i < vec; i += 16) {
      const v = v128.load(x + i);
      acc = isMax ? f32x4.max(acc, v) : f32x4.min(acc, v);
    }
    const a = f32x4.extract_lane(acc, 0);
    const b = f32x4.extract_lane(acc, 1);
    const c = f32x4.extract_lane(acc, 2);
    const d = f32x4.extract_lane(acc, 3);
    r = isMax ? max<f32>(max<f32>(a, b), max<f32>(c, d)) : min<f32>(min<f32>(a, b), min<f32>(c, d));
  }
  for (let i = vec; i < bytes; i += 4) r = isMax ? max<f32>(r, load<f32>(x + i)) : min<f32>(r, load<f32>(x + i));
  return r;
}

/** Column sums of an [r, inner] float32 block into out, 512 columns at a time in double. */
function sumColumns(x: usize, out: usize, r: usize, inner: usize): void {
  const acc = memory.data(4096, 16);
  const rowBytes = inner << 2;
  for (let j0: usize = 0; j0 < inner; j0 += 512) {
    const w = min<usize>(512, inner - j0);
    memory.fill(acc, 0, w << 3);
    const vec = w & ~3;
    for (let k: usize = 0; k < r; k++) {
      const row = x + k * rowBytes + (j0 << 2);
      let j: usize = 0;
      for (; j < vec; j += 4) {
        const v = v128.load(row + (j << 2));
        const at = acc + (j << 3);
        v128.store(at, f64x2.add(v128.load(at), loF64(v)));
        v128.store(at, f64x2.add(v128.load(at, 16), hiF64(v)), 16);
      }
      for (; j < w; j++) store<f64>(acc + (j << 3), load<f64>(acc + (j << 3)) + <f64>load<f32>(row + (j << 2)));
    }
    for (let j: usize = 0; j < w; j++) store<f32>(out + ((j0 + j) << 2), <f32>load<f64>(acc + (j << 3)));
  }
}

/** Column max/min of an [r >= 1, inner] float32 block into out. */
function extremeColumns(isMax: bool, x: usize, out: usize, r: usize, inner: usize): void {
  const bytes = inner << 2;
  memory.copy(out, x, bytes);
  const vec = bytes & ~15;
  for (let k: usize = 1; k < r; k++) {
    const row = x + k * bytes;
    let j: usize = 0;
    for (; j < vec; j += 16) {
      const v = v128.load(row + j);
      const a = v128.load(out + j);
      v128.store(out + j, isMax ? f32x4.max(a, v) : f32x4.min(a, v));
    }
    for (; j < bytes; j += 4) {
      const v = load<f32>(row + j);
      const a = load<f32>(out + j);
      store<f32>(out + j, isMax ? max<f32>(a, v) : min<f32>(a, v));
    }
  }
}

function prodF32(x: usize, out: usize, outer: usize, r: usize, inner: usize): void {
  for (let o: usize = 0; o < outer; o++) {
    for (let j: usize = 0; j < inner; j++) {
      let p: f64 = 1;
      for (let k: usize = 0; k < r; k++) p *= <f64>load<f32>(x + (((o * r + k) * inner + j) << 2));
      store<f32>(out + ((o * inner + j) << 2), <f32>p);
    }
  }
}

/** out[o, j] = op over k of x[o, k, j], float32. */
export function reduceF32(op: i32, x: usize, out: usize, outer: usize, r: usize, inner: usize): void {
  if (op == PROD) {
    prodF32(x, out, outer, r, inner);
    return;
  }
  const block = (r * inner) << 2;
  for (let o: usize = 0; o < outer; o++) {
    const src = x + o * block;
    if (inner == 1) {
      const at = out + (o << 2);
      if (op == SUM) store<f32>(at, <f32>sumRow(src, r));
      else store<f32>(at, extremeRow(op == MAX, src, r));
    } else {
      const dst = out + ((o * inner) << 2);
      if (op == SUM) sumColumns(src, dst, r, inner);
      else extremeColumns(op == MAX, src, dst, r, inner);
    }
  }
}

/** out[o, j] = op over k of x[o, k, j], int32 (sum and product wrap). */
export function reduceI32(op: i32, x: usize, out: usize, outer: usize, r: usize, inner: usize): void {
  for (let o: usize = 0; o < outer; o++) {
    for (let j: usize = 0; j < inner; j++) {
      let acc: i32 = op == SUM ? 0 : op == PROD ? 1 : load<i32>(x + ((o * r * inner + j) << 2));
      for (let k: usize = 0; k < r; k++) {
        const v = load<i32>(x + (((o * r + k) * inner + j) << 2));
        if (op == SUM) acc += v;
        else if (op == PROD) acc *= v;
        else if (op == MAX) acc = v > acc ? v : acc;
        else acc = v < acc ? v : acc;
      }
      store<i32>(out + ((o * inner + j) << 2), acc);
    }
  }
}

function argRow<T>(isMax: bool, x: usize, r: usize, stride: usize): i32 {
  let best = load<T>(x);
  let at: i32 = 0;
  if (isFloat<T>() && best != best) return 0;
  for (let k: usize = 1; k < r; k++) {
    const v = load<T>(x + k * stride);
    if (isFloat<T>() && v != v) return <i32>k;
    if (isMax ? v > best : v < best) {
      best = v;
      at = <i32>k;
    }
  }
  return at;
}

function argReduce<T>(isMax: bool, x: usize, out: usize, outer: usize, r: usize, inner: usize): void {
  const stride = inner * sizeof<T>();
  for (let o: usize = 0; o < outer; o++) {
    for (let j: usize = 0; j < inner; j++) {
      const start = x + (o * r * inner + j) * sizeof<T>();
      store<i32>(out + ((o * inner + j) << 2), argRow<T>(isMax, start, r, stride));
    }
  }
}

/** Index along k of the first max (isMax) or min of x[o, k, j]; `float` selects float32 or int32. */
export function argReduceKernel(isMax: bool, float: bool, x: usize, out: usize, outer: usize, r: usize, inner: usize): void {
  if (float) argReduce<f32>(isMax, x, out, outer, r, inner);
  else argReduce<i32>(isMax, x, out, outer, r, inner);
}
