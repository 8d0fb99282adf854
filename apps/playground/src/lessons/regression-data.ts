// The data and the exact answers of the regression lessons: the class of students of
// nn.data.studyHours (hours studied → exam grade, as in examples/linear-regression.ts), its
// least-squares line, and in float64 the mean squared error of any line and the largest stable
// learning rate.
import { nn } from 'webgradjs';

export const { studyHours, leastSquares } = nn.data;
export type Line = nn.data.Line;

const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

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
