// The update rules, each as torch.optim 1.13 documents it (its algorithm, its defaults; see the
// conventions table in the README), and each a few lines. Slots persist between steps via assign.
import { Optimizer, type OptimizerOptions, type UpdateRule } from './optimizer.js';

/** Options of sgd, momentum and nesterov; the learning rate is required, as in torch.optim.SGD. */
export interface SGDOptions extends OptimizerOptions {
  lr: number;
  /** Momentum factor μ (default 0 for sgd, 0.9 for momentum and nesterov). */
  momentum?: number;
  /** Dampening d of the gradient added to the velocity after the first step (default 0). */
  dampening?: number;
  /** Step along g + μ v rather than v (default false; true for nesterov). */
  nesterov?: boolean;
}

/**
 * torch.optim.SGD: v = g on the first step, then v = μ v + (1 - d) g; p -= lr v, or with
 * Nesterov (Sutskever et al. 2013) p -= lr (g + μ v). Without momentum, p -= lr g.
 */
function sgdRule(name: string, { momentum: mu = 0, dampening = 0, nesterov = false }: SGDOptions): UpdateRule {
  if (nesterov && (mu <= 0 || dampening !== 0)) throw new Error(`${name}: Nesterov momentum needs momentum > 0 and dampening 0, got momentum ${mu}, dampening ${dampening}`);
  return ({ param, grad, lr, step, slot }) => {
    if (mu === 0) return param.sub(grad.mul(lr));
    // The velocity slot starts at zero, so an undamped first step makes it g, as torch's buffer.
    const v = slot('velocity').assign(slot('velocity').mul(mu).add(grad.mul(step === 1 ? 1 : 1 - dampening)));
    return param.sub((nesterov ? grad.add(v.mul(mu)) : v).mul(lr));
  };
}

/** Stochastic gradient descent, torch.optim.SGD's options (momentum 0 by default: p -= lr g). */
export const sgd = (options: SGDOptions): Optimizer => new Optimizer('sgd', options, sgdRule('sgd', options));

/** Heavy-ball momentum (Polyak 1964): torch.optim.SGD with momentum 0.9 by default. */
export const momentum = (options: SGDOptions): Optimizer => new Optimizer('momentum', options, sgdRule('momentum', { ...options, momentum: options.momentum ?? 0.9 }));

/** Nesterov momentum: torch.optim.SGD with momentum 0.9 and nesterov true by default. */
export const nesterov = (options: SGDOptions): Optimizer => new Optimizer('nesterov', options, sgdRule('nesterov', { ...options, momentum: options.momentum ?? 0.9, nesterov: options.nesterov ?? true }));

/** Options of adagrad. */
export interface AdagradOptions extends OptimizerOptions {
  /** Added to √s (default 1e-10). */
  epsilon?: number;
  /** The accumulator's initial value (default 0). */
  initialAccumulator?: number;
}

/** Adagrad (Duchi et al. 2011), torch.optim.Adagrad: s += g²; p -= lr g / (√s + ε); lr 0.01 by default. */
export const adagrad = ({ epsilon = 1e-10, initialAccumulator = 0, ...options }: AdagradOptions = {}): Optimizer =>
  new Optimizer('adagrad', { ...options, lr: options.lr ?? 0.01 }, ({ param, grad, lr, slot }) => {
    const s = slot('accumulator', initialAccumulator);
    s.assign(s.add(grad.mul(grad)));
    return param.sub(grad.mul(lr).div(s.sqrt().add(epsilon)));
  });

/** Options of adadelta and rmsprop. */
export interface AveragingOptions extends OptimizerOptions {
  /** Decay of the running averages (adadelta's ρ, default 0.9; rmsprop's, torch's `alpha`, default 0.99). */
  rho?: number;
  /** Added inside the square roots in adadelta (default 1e-6), to the root in rmsprop (default 1e-8). */
  epsilon?: number;
}

/**
 * Adadelta (Zeiler 2012), torch.optim.Adadelta: E[g²] = ρ E[g²] + (1 - ρ) g²;
 * Δ = √(E[Δ²] + ε) / √(E[g²] + ε) g; E[Δ²] = ρ E[Δ²] + (1 - ρ) Δ²; p -= lr Δ; lr 1 by default.
 */
export const adadelta = ({ rho = 0.9, epsilon = 1e-6, ...options }: AveragingOptions = {}): Optimizer =>
  new Optimizer('adadelta', { ...options, lr: options.lr ?? 1 }, ({ param, grad, lr, slot }) => {
    const eg = slot('gradSquares').assign(slot('gradSquares').mul(rho).add(grad.mul(grad).mul(1 - rho)));
    const ed = slot('updateSquares');
    const update = grad.mul(ed.add(epsilon).sqrt()).div(eg.add(epsilon).sqrt());
    ed.assign(ed.mul(rho).add(update.mul(update).mul(1 - rho)));
    return param.sub(update.mul(lr));
  });

/**
 * RMSProp (Tieleman & Hinton 2012), torch.optim.RMSprop: s = ρ s + (1 - ρ) g²;
 * p -= lr g / (√s + ε); lr 0.01 by default. `rho` is torch's `alpha`.
 */
export const rmsprop = ({ rho = 0.99, epsilon = 1e-8, ...options }: AveragingOptions = {}): Optimizer =>
  new Optimizer('rmsprop', { ...options, lr: options.lr ?? 0.01 }, ({ param, grad, lr, slot }) => {
    const s = slot('meanSquare').assign(slot('meanSquare').mul(rho).add(grad.mul(grad).mul(1 - rho)));
    return param.sub(grad.mul(lr).div(s.sqrt().add(epsilon)));
  });

/** Options of Adam and AdamW. */
export interface AdamOptions extends OptimizerOptions {
  /** Decay of the first moment (default 0.9). */
  beta1?: number;
  /** Decay of the second moment (default 0.999). */
  beta2?: number;
  /** Added to √v̂, after bias correction (default 1e-8). */
  epsilon?: number;
}

/**
 * Adam (Kingma & Ba 2015, algorithm 1) as torch.optim.Adam: p -= lr m̂ / (√v̂ + ε) with
 * m̂ = m / (1 - β1ᵗ), v̂ = v / (1 - β2ᵗ). ε is added after the bias correction, unlike Keras's
 * "epsilon hat" (added to √v), which differs where ε is not small against √v̂. AdamW first
 * decays p *= 1 - lr wd, as torch.optim.AdamW.
 */
function adamRule({ beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 }: AdamOptions, decoupled: boolean): UpdateRule {
  return ({ param, grad, lr, step, group, slot }) => {
    const m = slot('m').assign(slot('m').mul(beta1).add(grad.mul(1 - beta1)));
    const v = slot('v').assign(slot('v').mul(beta2).add(grad.mul(grad).mul(1 - beta2)));
    const denominator = v.sqrt().mul(1 / Math.sqrt(1 - beta2 ** step)).add(epsilon);
    const decayed = decoupled && group.weightDecay ? param.mul(1 - lr * group.weightDecay) : param;
    return decayed.sub(m.mul(lr / (1 - beta1 ** step)).div(denominator));
  };
}

/**
 * Adam (Kingma & Ba 2015), torch.optim.Adam: lr 0.001 by default; `weightDecay` adds wd p to the gradient.
 * @example
 * ```ts
 * const optimizer = nn.optim.adam({ lr: 1e-3 });
 * new nn.Trainer({ model, loss: 'mse', optimizer, data });
 * ```
 */
export const adam = (options: AdamOptions = {}): Optimizer => new Optimizer('adam', { ...options, lr: options.lr ?? 1e-3 }, adamRule(options, false));

/** AdamW (Loshchilov & Hutter 2019), torch.optim.AdamW: decay decoupled from the gradient; lr 0.001, weightDecay 0.01 by default. */
export const adamw = (options: AdamOptions = {}): Optimizer =>
  new Optimizer('adamw', { ...options, lr: options.lr ?? 1e-3, weightDecay: options.weightDecay ?? 0.01 }, adamRule(options, true), true);
