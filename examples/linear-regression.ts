// Linear regression by gradient descent: hours studied → exam grade, one dense(1, 1) trained
// with the Trainer on a small synthetic class, next to the closed-form least-squares line.
import * as wg from 'webgrad';

const { nn } = wg;

/** A class of students: hours studied in [0, 10] and a grade of about 45 + 4.5 per hour, with noise. */
export function studyData({ students = 40, seed = 7 } = {}): { hours: number[]; grades: number[] } {
  const rng = new wg.Random(seed);
  const hours = Array.from({ length: students }, () => Math.round(100 * 10 * rng.uniform()) / 100);
  const grades = hours.map((h) => Math.round(10 * (45 + 4.5 * h + 5 * rng.normal())) / 10);
  return { hours, grades };
}

/** The ordinary least-squares line, in float64: slope = cov(x, y) / var(x). */
export function leastSquares(x: readonly number[], y: readonly number[]): { slope: number; intercept: number } {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let [sxy, sxx] = [0, 0];
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** What a run found: the learned line, the exact one, and the mean squared error before and after. */
export interface RegressionRun {
  learned: { slope: number; intercept: number };
  exact: { slope: number; intercept: number };
  firstLoss: number;
  lastLoss: number;
}

/**
 * Fits grade = slope * hours + intercept by full-batch gradient descent with momentum on the
 * mean squared error. Hours are not rescaled, so the loss surface is a long narrow valley:
 * momentum crosses it in a few hundred steps where plain descent needs thousands.
 */
export async function fitLinearRegression({ steps = 400, lr = 0.01, students = 40, seed = 7 } = {}): Promise<RegressionRun> {
  const { hours, grades } = studyData({ students, seed });
  const model = nn.sequential(nn.dense(1, 1, { init: nn.init.zeros() }));
  const trainer = new nn.Trainer({
    model,
    loss: 'mse',
    optimizer: nn.optim.momentum({ lr, momentum: 0.9 }),
    data: nn.fromArrays(hours.map((h) => [h]), grades.map((g) => [g])),
    batchSize: students,
  });
  const losses: number[] = [];
  trainer.hook({ step: ({ metrics }) => void losses.push(metrics.loss!) });
  await trainer.fit({ steps });
  const [weight, bias] = await Promise.all(model.parameters().map((p) => p.data()));
  model.dispose();
  trainer.optimizer.dispose();
  return { learned: { slope: weight![0]!, intercept: bias![0]! }, exact: leastSquares(hours, grades), firstLoss: losses[0]!, lastLoss: losses.at(-1)! };
}

// `tsx linear-regression.ts` prints the two lines side by side.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { learned, exact, firstLoss, lastLoss } = await fitLinearRegression();
  console.log(`mse ${firstLoss.toFixed(1)} -> ${lastLoss.toFixed(3)}`);
  console.log(`gradient descent: grade = ${learned.slope.toFixed(4)} * hours + ${learned.intercept.toFixed(4)}`);
  console.log(`least squares:    grade = ${exact.slope.toFixed(4)} * hours + ${exact.intercept.toFixed(4)}`);
}
