// Linear regression by gradient descent: hours studied → exam grade, one dense(1, 1) trained
// with the Trainer on a small synthetic class, next to the closed-form least-squares line.
import * as wg from 'webgradjs';

const { nn } = wg;

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
  const { hours, grades } = nn.data.studyHours({ students, seed });
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
  return { learned: { slope: weight![0]!, intercept: bias![0]! }, exact: nn.data.leastSquares(hours, grades), firstLoss: losses[0]!, lastLoss: losses.at(-1)! };
}

// `tsx linear-regression.ts` prints the two lines side by side.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { learned, exact, firstLoss, lastLoss } = await fitLinearRegression();
  console.log(`mse ${firstLoss.toFixed(1)} -> ${lastLoss.toFixed(3)}`);
  console.log(`gradient descent: grade = ${learned.slope.toFixed(4)} * hours + ${learned.intercept.toFixed(4)}`);
  console.log(`least squares:    grade = ${exact.slope.toFixed(4)} * hours + ${exact.intercept.toFixed(4)}`);
}
