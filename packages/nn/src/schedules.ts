// Learning-rate schedules: functions of the step (0-based) and the base rate.

/** The learning rate at a step, given the base rate. */
export type Schedule = (step: number, baseLr: number) => number;

/** A zero, negative or NaN step count would make every rate NaN: refuse it where it is given. */
function positive(schedule: string, name: string, value: number): number {
  if (!(value > 0)) throw new Error(`schedules.${schedule}: ${name} must be a positive number, got ${value}`);
  return value;
}

/** The base rate throughout. */
export const constant = (): Schedule => (_step, lr) => lr;

/** Multiplies the rate by `gamma` every `every` steps. */
export const step = ({ every, gamma = 0.1 }: { every: number; gamma?: number }): Schedule => {
  positive('step', 'every', every);
  return (s, lr) => lr * gamma ** Math.floor(s / every);
};

/** lr * gamma^(step / every): a smooth exponential decay. */
export const exponential = ({ gamma, every = 1 }: { gamma: number; every?: number }): Schedule => {
  positive('exponential', 'every', every);
  return (s, lr) => lr * gamma ** (s / every);
};

/** Cosine decay from the base rate to `min` over `steps` steps (Loshchilov & Hutter 2017), then `min`. */
export const cosine = ({ steps, min = 0 }: { steps: number; min?: number }): Schedule => {
  positive('cosine', 'steps', steps);
  return (s, lr) => min + (lr - min) * 0.5 * (1 + Math.cos(Math.PI * Math.min(s, steps) / steps));
};

/** Linear decay from the base rate to `min` over `steps` steps, then `min`. */
export const linear = ({ steps, min = 0 }: { steps: number; min?: number }): Schedule => {
  positive('linear', 'steps', steps);
  return (s, lr) => lr + (min - lr) * Math.min(s, steps) / steps;
};

/** Linear warm-up from 0 to the base rate over `steps` steps, then `then` (counted from the end of warm-up). */
export const warmup = ({ steps, then = constant() }: { steps: number; then?: Schedule }): Schedule => {
  if (!(Number.isInteger(steps) && steps >= 0)) throw new Error(`schedules.warmup: steps must be a non-negative integer, got ${steps}`);
  return (s, lr) => (s < steps ? (lr * (s + 1)) / steps : then(s - steps, lr));
};
