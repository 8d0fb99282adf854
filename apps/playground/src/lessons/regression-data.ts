// The data and the exact answers of the regression lessons: a seeded class of students (hours
// studied → exam grade, the same class as examples/linear-regression.ts) and, in float64, the
// least-squares line, the mean squared error of any line and the largest stable learning rate.
import { Random } from 'webgrad';

/** A fitted or exact line: grade = slope · hours + intercept. */
export interface Line {
  slope: number;
  intercept: number;
}

/** A class of students: hours studied in [0, 10] and a grade of about 45 + 4.5 per hour, with noise. */
export function studyData({ students = 40, seed = 7 } = {}): { hours: number[]; grades: number[] } {
  const rng = new Random(seed);
  const hours = Array.from({ length: students }, () => Math.round(100 * 10 * rng.uniform()) / 100);
  const grades = hours.map((h) => Math.round(10 * (45 + 4.5 * h + 5 * rng.normal())) / 10);
  return { hours, grades };
}

const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

/** The ordinary least-squares line: slope = cov(x, y) / var(x). */
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

/** The mean squared error of `line` on the points: the loss gradient descent minimises. */
export function meanSquaredError(line: Line, x: readonly number[], y: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += (line.slope * x[i]! + line.intercept - y[i]!) ** 2;
  return sum / x.length;
}

/**
 * The learning rate above which plain gradient descent on the mean squared error diverges.
 * The loss is quadratic with Hessian H = 2·[[mean x², mean x], [mean x, 1]]; a step multiplies
 * the error along H's top eigenvector by (1 − lr·λmax), which grows once lr > 2 / λmax.
 */
export function stableLearningRateLimit(x: readonly number[]): number {
  const [a, b] = [2 * mean(x.map((v) => v * v)), 2 * mean(x)];
  const d = 2;
  // Largest eigenvalue of the symmetric 2×2 matrix [[a, b], [b, d]].
  const lambdaMax = (a + d) / 2 + Math.sqrt(((a - d) / 2) ** 2 + b * b);
  return 2 / lambdaMax;
}
