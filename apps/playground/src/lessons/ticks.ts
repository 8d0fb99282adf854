// Round tick values for a linear axis (1, 2 or 5 times a power of ten apart).

/** About five round tick values covering [lo, hi]. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) throw new Error(`ticks: need lo < hi, got [${lo}, ${hi}]`);
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.round(v / step) * step || 0); // `|| 0`: no -0 labels
  return out;
}
