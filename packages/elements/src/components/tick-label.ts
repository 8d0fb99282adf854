// Short y-axis labels, so that a log-scale loss axis spanning 1e-6 … 1e6 fits its gutter: plain
// numbers of up to four significant characters, powers of ten beyond that.

/** A tick value as a short label: 0.05, 12.5, 1500, 2e+4, 3e-5. */
export function tickLabel(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (size >= 1e4 || size < 1e-3) return value.toExponential(0);
  return String(Number(value.toPrecision(3)));
}

/** Whether a positive value is a whole power of ten (1e-3, 1, 100), within rounding. */
function isPowerOfTen(value: number): boolean {
  const exponent = Math.log10(value);
  return Math.abs(exponent - Math.round(exponent)) < 1e-9;
}

/**
 * Labels for an axis's ticks. uPlot passes null for ticks it leaves unlabelled; on a log scale
 * only powers of ten are labelled, since the 2…9 ticks between them would overlap.
 */
export function tickLabels(ticks: readonly (number | null)[], logScale: boolean): (string | null)[] {
  return ticks.map((v) => (v === null || (logScale && !(v > 0 && isPowerOfTen(v))) ? null : tickLabel(v)));
}
