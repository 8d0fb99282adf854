// The update rules, each a few lines from its paper. Slots persist between steps via assign.
import { Optimizer, type OptimizerOptions, type UpdateRule } from './optimizer.js';

/** Plain stochastic gradient descent: p -= lr g. */
export const sgd = (options: OptimizerOptions): Optimizer => new Optimizer('sgd', options, ({ param, grad, lr }) => param.sub(grad.mul(lr)));

/** Heavy-ball momentum (Polyak 1964): v = mu v + g; p -= lr v. */
export const momentum = ({ momentum: mu = 0.9, ...options }: OptimizerOptions & { momentum?: number }): Optimizer =>
  new Optimizer('momentum', options, ({ param, grad, lr, slot }) => {
    const v = slot('velocity').assign(slot('velocity').mul(mu).add(grad));
    return param.sub(v.mul(lr));
  });

/** Nesterov momentum (Sutskever et al. 2013 form): v = mu v + g; p -= lr (g + mu v). */
export const nesterov = ({ momentum: mu = 0.9, ...options }: OptimizerOptions & { momentum?: number }): Optimizer =>
  new Optimizer('nesterov', options, ({ param, grad, lr, slot }) => {
    const v = slot('velocity').assign(slot('velocity').mul(mu).add(grad));
    return param.sub(grad.add(v.mul(mu)).mul(lr));
  });

/** Adagrad (Duchi et al. 2011): s += g^2; p -= lr g / (sqrt(s) + eps). */
export const adagrad = ({ epsilon = 1e-7, initialAccumulator = 0.1, ...options }: OptimizerOptions & { epsilon?: number; initialAccumulator?: number }): Optimizer =>
  new Optimizer('adagrad', options, ({ param, grad, lr, slot }) => {
    const s = slot('accumulator', initialAccumulator);
    s.assign(s.add(grad.mul(grad)));
    return param.sub(grad.mul(lr).div(s.sqrt().add(epsilon)));
  });

/** Adadelta (Zeiler 2012): per-parameter rates from running averages of g^2 and of updates^2. */
export const adadelta = ({ rho = 0.95, epsilon = 1e-6, ...options }: OptimizerOptions & { rho?: number; epsilon?: number }): Optimizer =>
  new Optimizer('adadelta', options, ({ param, grad, lr, slot }) => {
    const eg = slot('gradSquares').assign(slot('gradSquares').mul(rho).add(grad.mul(grad).mul(1 - rho)));
    const ed = slot('updateSquares');
    const update = grad.mul(ed.add(epsilon).sqrt()).div(eg.add(epsilon).sqrt());
    ed.assign(ed.mul(rho).add(update.mul(update).mul(1 - rho)));
    return param.sub(update.mul(lr));
  });

/** RMSProp (Tieleman & Hinton 2012): s = rho s + (1 - rho) g^2; p -= lr g / (sqrt(s) + eps). */
export const rmsprop = ({ rho = 0.9, epsilon = 1e-7, ...options }: OptimizerOptions & { rho?: number; epsilon?: number }): Optimizer =>
  new Optimizer('rmsprop', options, ({ param, grad, lr, slot }) => {
    const s = slot('meanSquare').assign(slot('meanSquare').mul(rho).add(grad.mul(grad).mul(1 - rho)));
    return param.sub(grad.mul(lr).div(s.sqrt().add(epsilon)));
  });

/** Options of Adam and AdamW. */
export interface AdamOptions extends OptimizerOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

function adamRule({ beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 }: AdamOptions, decoupled: boolean): UpdateRule {
  return ({ param, grad, lr, step, group, slot }) => {
    const m = slot('m').assign(slot('m').mul(beta1).add(grad.mul(1 - beta1)));
    const v = slot('v').assign(slot('v').mul(beta2).add(grad.mul(grad).mul(1 - beta2)));
    // Bias correction folded into the step size (Kingma & Ba 2015, section 2).
    const stepSize = (lr * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
    const decayed = decoupled && group.weightDecay ? param.mul(1 - lr * group.weightDecay) : param;
    return decayed.sub(m.mul(stepSize).div(v.sqrt().add(epsilon)));
  };
}

/** Adam (Kingma & Ba 2015). */
export const adam = (options: AdamOptions): Optimizer => new Optimizer('adam', options, adamRule(options, false));

/** AdamW (Loshchilov & Hutter 2019): Adam with weight decay decoupled from the gradient (default 0.01). */
export const adamw = (options: AdamOptions): Optimizer =>
  new Optimizer('adamw', { weightDecay: 0.01, ...options }, adamRule(options, true), true);
