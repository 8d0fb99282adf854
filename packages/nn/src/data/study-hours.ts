// The hours-studied → exam-grade class that the linear-regression example and lessons use, and
// its exact answer: the ordinary least-squares line, computed in float64.
import { Random } from '../deps.js';

/** A fitted or exact line: y = slope · x + intercept. */
export interface Line {
  slope: number;
  intercept: number;
}

/** A class of students: hours studied in [0, 10] and a grade of about 45 + 4.5 per hour, with noise. */
export function studyHours({ students = 40, seed = 7 } = {}): { hours: number[]; grades: number[] } {
  if (!Number.isInteger(students) || students <= 0) throw new Error(`data.studyHours: students must be a positive integer, got ${students}`);
  const rng = new Random(seed);
  const hours = Array.from({ length: students }, () => Math.round(100 * 10 * rng.uniform()) / 100);
  const grades = hours.map((h) => Math.round(10 * (45 + 4.5 * h + 5 * rng.normal())) / 10);
  return { hours, grades };
}

const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

/** The ordinary least-squares line through the points: slope = cov(x, y) / var(x). */
export function leastSquares(x: readonly number[], y: readonly number[]): Line {
  if (x.length !== y.length || x.length < 2) throw new Error(`leastSquares: need two or more (x, y) pairs of equal length, got ${x.length} x and ${y.length} y`);
  const [mx, my] = [mean(x), mean(y)];
  let [sxy, sxx] = [0, 0];
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  if (sxx === 0) throw new Error('leastSquares: every x is the same, so no slope fits better than another');
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}
