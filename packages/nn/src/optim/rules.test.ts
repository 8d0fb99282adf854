// Every update rule, three steps on a small parameter with fixed gradients, against a plain
// float64 implementation of the published update written here (not the library's code).
import { describe, expect, it } from 'vitest';
import { keep, tensor, variable, type Tensor } from '../deps.js';
import type { Optimizer } from './optimizer.js';
import { zeroGrad } from './optimizer.js';
import { adadelta, adagrad, adam, adamw, momentum, nesterov, rmsprop, sgd } from './rules.js';

const p0 = [1, -0.5, 0.25];
const grads = [[0.5, -1, 2], [0.1, 0.3, -0.4], [-0.2, 0.6, 1.5]];

/** One step of a reference rule: the new parameter, given the old one, the gradient and the 1-based step. */
type Reference = (p: number[], g: number[], t: number) => number[];

/** Runs `steps` of the optimiser on a copy of p0 and returns the parameter after each. */
async function runOptimizer(opt: Optimizer, gradients: number[][] = grads, start: number[] = p0): Promise<number[][]> {
  const p = keep(variable(tensor(start)));
  const out: number[][] = [];
  for (const g of gradients) {
    p.grad = tensor(g);
    opt.step([['w', p]]);
    zeroGrad([p]);
    out.push(Array.from(await p.data()));
  }
  p.dispose();
  opt.dispose();
  return out;
}

function runReference(rule: Reference, gradients: number[][] = grads, start: number[] = p0): number[][] {
  let p = [...start];
  return gradients.map((g, i) => (p = rule(p, g, i + 1)));
}

/** Compares the displacement from p0, so small updates are checked as tightly as large ones. */
function expectTrajectory(actual: number[][], expected: number[][], start: number[] = p0): void {
  expected.forEach((row, s) => row.forEach((e, i) => {
    const [got, want] = [actual[s]![i]! - start[i]!, e - start[i]!];
    expect(Math.abs(got - want), `step ${s + 1}, element ${i}: moved ${got}, expected ${want}`).toBeLessThanOrEqual(2e-4 * Math.abs(want) + 2e-7);
  }));
}

const zip = <T>(a: number[], f: (x: number, i: number) => T): T[] => a.map(f);

// --- reference rules, each from its paper ---

const sgdRef = (lr: number, wd = 0): Reference => (p, g) => zip(p, (x, i) => x - lr * (g[i]! + wd * x));

function momentumRef(lr: number, mu: number, isNesterov: boolean): Reference {
  let v = [0, 0, 0];
  return (p, g) => {
    // Sutskever et al. (2013) in the PyTorch form: v = mu v + g; heavy ball steps along v,
    // Nesterov along g + mu v.
    v = zip(v, (x, i) => mu * x + g[i]!);
    return zip(p, (x, i) => x - lr * (isNesterov ? g[i]! + mu * v[i]! : v[i]!));
  };
}

function adagradRef(lr: number, eps: number, initial: number): Reference {
  let s = [initial, initial, initial];
  return (p, g) => {
    s = zip(s, (x, i) => x + g[i]! ** 2);
    return zip(p, (x, i) => x - (lr * g[i]!) / (Math.sqrt(s[i]!) + eps));
  };
}

function adadeltaRef(lr: number, rho: number, eps: number): Reference {
  // Zeiler (2012), algorithm 1, with the update scaled by lr as in PyTorch.
  let eg = [0, 0, 0];
  let ex = [0, 0, 0];
  return (p, g) => {
    eg = zip(eg, (x, i) => rho * x + (1 - rho) * g[i]! ** 2);
    const dx = zip(g, (gi, i) => (-Math.sqrt(ex[i]! + eps) / Math.sqrt(eg[i]! + eps)) * gi);
    ex = zip(ex, (x, i) => rho * x + (1 - rho) * dx[i]! ** 2);
    return zip(p, (x, i) => x + lr * dx[i]!);
  };
}

function rmspropRef(lr: number, rho: number, eps: number): Reference {
  let s = [0, 0, 0];
  return (p, g) => {
    s = zip(s, (x, i) => rho * x + (1 - rho) * g[i]! ** 2);
    return zip(p, (x, i) => x - (lr * g[i]!) / (Math.sqrt(s[i]!) + eps));
  };
}

/**
 * Adam (Kingma & Ba 2015). `form: 'algorithm1'` divides bias-corrected moments, eps added to
 * sqrt(v-hat); `'section2'` is the reordered form of section 2, eps-hat added to sqrt(v).
 * `decoupled` is AdamW (Loshchilov & Hutter 2019): p <- p - lr wd p, outside the moments;
 * `coupled` adds wd p to the gradient (L2 regularisation).
 */
function adamRef(lr: number, { b1 = 0.9, b2 = 0.999, eps = 1e-8, form = 'section2', decoupled = 0, coupled = 0 }: { b1?: number; b2?: number; eps?: number; form?: 'algorithm1' | 'section2'; decoupled?: number; coupled?: number } = {}): Reference {
  let m = [0, 0, 0];
  let v = [0, 0, 0];
  return (p, g0, t) => {
    const g = zip(g0, (x, i) => x + coupled * p[i]!);
    m = zip(m, (x, i) => b1 * x + (1 - b1) * g[i]!);
    v = zip(v, (x, i) => b2 * x + (1 - b2) * g[i]! ** 2);
    return zip(p, (x, i) => {
      const decayed = x - lr * decoupled * x;
      if (form === 'algorithm1') return decayed - (lr * (m[i]! / (1 - b1 ** t))) / (Math.sqrt(v[i]! / (1 - b2 ** t)) + eps);
      const alpha = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
      return decayed - (alpha * m[i]!) / (Math.sqrt(v[i]!) + eps);
    });
  };
}

const cases: { name: string; make: () => Optimizer; reference: Reference }[] = [
  { name: 'sgd', make: () => sgd({ lr: 0.1 }), reference: sgdRef(0.1) },
  { name: 'sgd, coupled weight decay', make: () => sgd({ lr: 0.1, weightDecay: 0.3 }), reference: sgdRef(0.1, 0.3) },
  { name: 'momentum', make: () => momentum({ lr: 0.1, momentum: 0.8 }), reference: momentumRef(0.1, 0.8, false) },
  { name: 'momentum, default 0.9', make: () => momentum({ lr: 0.05 }), reference: momentumRef(0.05, 0.9, false) },
  { name: 'nesterov', make: () => nesterov({ lr: 0.1, momentum: 0.8 }), reference: momentumRef(0.1, 0.8, true) },
  { name: 'adagrad', make: () => adagrad({ lr: 0.2 }), reference: adagradRef(0.2, 1e-7, 0.1) },
  { name: 'adagrad, options', make: () => adagrad({ lr: 0.2, epsilon: 0.01, initialAccumulator: 0 }), reference: adagradRef(0.2, 0.01, 0) },
  { name: 'adadelta', make: () => adadelta({ lr: 1, rho: 0.9, epsilon: 1e-3 }), reference: adadeltaRef(1, 0.9, 1e-3) },
  { name: 'adadelta, defaults', make: () => adadelta({ lr: 1 }), reference: adadeltaRef(1, 0.95, 1e-6) },
  { name: 'rmsprop', make: () => rmsprop({ lr: 0.01, rho: 0.8, epsilon: 1e-3 }), reference: rmspropRef(0.01, 0.8, 1e-3) },
  { name: 'rmsprop, defaults', make: () => rmsprop({ lr: 0.01 }), reference: rmspropRef(0.01, 0.9, 1e-7) },
  { name: 'adam', make: () => adam({ lr: 0.1, beta1: 0.8, beta2: 0.9, epsilon: 1e-3 }), reference: adamRef(0.1, { b1: 0.8, b2: 0.9, eps: 1e-3 }) },
  { name: 'adam, defaults (algorithm 1)', make: () => adam({ lr: 0.01 }), reference: adamRef(0.01, { form: 'algorithm1' }) },
  { name: 'adam, coupled weight decay', make: () => adam({ lr: 0.1, weightDecay: 0.5 }), reference: adamRef(0.1, { coupled: 0.5 }) },
  { name: 'adamw, default decay 0.01', make: () => adamw({ lr: 0.1 }), reference: adamRef(0.1, { decoupled: 0.01 }) },
  { name: 'adamw, decay 0.5', make: () => adamw({ lr: 0.1, weightDecay: 0.5, beta1: 0.5 }), reference: adamRef(0.1, { decoupled: 0.5, b1: 0.5 }) },
];

describe('update rules match their published form over 3 steps', () => {
  it.each(cases)('$name', async ({ make, reference }) => {
    const actual = await runOptimizer(make());
    const expected = runReference(reference);
    expectTrajectory(actual, expected);
    // Every step moved the parameter.
    actual.forEach((row, s) => expect(row).not.toEqual(s ? actual[s - 1] : p0));
  });
});

describe('weight decay', () => {
  it('adamw decays decoupled from the moments, unlike adam with the same weightDecay', async () => {
    const coupled = await runOptimizer(adam({ lr: 0.1, weightDecay: 0.5 }));
    const decoupled = await runOptimizer(adamw({ lr: 0.1, weightDecay: 0.5 }));
    // With zero gradients Adam's moments stay zero: only decoupled decay moves the parameter,
    // by the factor (1 - lr wd) a step.
    const zeroGrads = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
    const shrink = await runOptimizer(adamw({ lr: 0.1, weightDecay: 0.5 }), zeroGrads);
    expectTrajectory(shrink, [1, 2, 3].map((t) => p0.map((x) => x * 0.95 ** t)));
    expect(decoupled[2]).not.toEqual(coupled[2]);
    const noDecay = await runOptimizer(adam({ lr: 0.1 }), zeroGrads);
    expect(noDecay[2]).toEqual(p0.map((x) => Math.fround(x)));
  });

  it('adamw with weightDecay 0 is adam', async () => {
    const a = await runOptimizer(adam({ lr: 0.1 }));
    const w = await runOptimizer(adamw({ lr: 0.1, weightDecay: 0 }));
    expect(w).toEqual(a);
  });
});
