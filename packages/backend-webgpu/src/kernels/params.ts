// Packing a shader's Params struct and sizing its grid. Every Params struct is a sequence of
// vec4<u32>/vec4<i32> fields (and arrays of two vec4s for up to 8 axes), so its layout is
// exactly 16 bytes per field here and in WGSL, with no padding rules to get wrong.

/** Most axes a shader's params can describe. */
export const MAX_AXES = 8;

/** Builds a params block field by field, in the order the WGSL struct declares them. */
export class Params {
  private readonly words = new Uint32Array(64);
  private readonly ints = new Int32Array(this.words.buffer);
  private readonly floats = new Float32Array(this.words.buffer);
  private at = 0;

  /** A vec4<u32> field (missing lanes are 0). */
  u(...lanes: number[]): this {
    lanes.forEach((v, i) => (this.words[this.at + i] = v >>> 0));
    this.at += 4;
    return this;
  }

  /** A vec4<i32> field. */
  i(...lanes: number[]): this {
    lanes.forEach((v, i) => (this.ints[this.at + i] = v | 0));
    this.at += 4;
    return this;
  }

  /** A vec4<f32> field. */
  f(...lanes: number[]): this {
    lanes.forEach((v, i) => (this.floats[this.at + i] = v));
    this.at += 4;
    return this;
  }

  /** An array<vec4<u32>, 2> field: one value per axis, at most 8. */
  axesU(values: readonly number[], op: string): this {
    checkAxes(values, op);
    values.forEach((v, i) => (this.words[this.at + i] = v >>> 0));
    this.at += 8;
    return this;
  }

  /** An array<vec4<i32>, 2> field. */
  axesI(values: readonly number[], op: string): this {
    checkAxes(values, op);
    values.forEach((v, i) => (this.ints[this.at + i] = v | 0));
    this.at += 8;
    return this;
  }

  /** The packed words. */
  done(): Uint32Array {
    return this.words.subarray(0, Math.max(4, this.at));
  }
}

function checkAxes(values: readonly number[], op: string): void {
  if (values.length > MAX_AXES) {
    throw new Error(`${op}: the webgpu kernels index at most ${MAX_AXES} axes after merging contiguous ones, this needs ${values.length}`);
  }
}

/** A 1-D grid of `count` invocations in workgroups of `wg`, spilling into y past 65535 workgroups. */
export function grid1d(count: number, wg = 64): [number, number, number] {
  const groups = Math.ceil(count / wg);
  if (groups <= 65535) return [groups, 1, 1];
  const x = 65535;
  return [x, Math.ceil(groups / x), 1];
}

/** A grid with one workgroup per item (reductions): same spilling rule. */
export function gridPerItem(count: number): [number, number, number] {
  return grid1d(count, 1);
}
