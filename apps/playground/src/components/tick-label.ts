// Short y-axis labels, so that a log-scale loss axis spanning 1e-6 … 1e6 fits its gutter: plain
// numbers of up to four significant characters, powers of ten beyond that.

/** A tick value as a short label: 0.05, 12.5, 1500, 2e+4, 3e-5. */
export function tickLabel(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (size >= 1e4 || size < 1e-3) return value.toExponential(0);
  return String(Number(value.toPrecision(3)));
}
