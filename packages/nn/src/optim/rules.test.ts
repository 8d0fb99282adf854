// Every update rule against torch.optim 1.13 (float64): ten steps on a small parameter with
// fixed gradients, the parameter compared after steps 1, 3 and 10; defaults included, so a
// default that drifts from torch's fails here.
import { describe, expect, it } from 'vitest';
import { keep, tensor, variable } from '../deps.js';
import type { Optimizer } from './optimizer.js';
import { zeroGrad } from './optimizer.js';
import { adadelta, adagrad, adam, adamw, momentum, nesterov, rmsprop, sgd } from './rules.js';

const p0 = [1, -0.5, 0.25];
/** Step t's gradient (0-based), the same formula as the torch script's: sin(1.7 (3t + i + 1)) (i + 1). */
const gradAt = (t: number): number[] => p0.map((_, i) => Math.sin(1.7 * (3 * t + i + 1)) * (i + 1));
const grads = Array.from({ length: 10 }, (_, t) => gradAt(t));

/** Runs the optimiser over `gradients` from `start` and returns the parameter after each step. */
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

/** Compares the displacement from p0, so small updates are checked as tightly as large ones. */
function expectTrajectory(actual: number[][], expected: number[][], steps: number[], start: number[] = p0): void {
  expected.forEach((row, s) => row.forEach((e, i) => {
    const [got, want] = [actual[s]![i]! - start[i]!, e - start[i]!];
    expect(Math.abs(got - want), `step ${steps[s]}, element ${i}: moved ${got}, expected ${want}`).toBeLessThanOrEqual(2e-4 * Math.abs(want) + 1e-6);
  }));
}

// From torch 1.13 (float64), the torch.optim counterpart with the same options (rmsprop's rho
// is torch's alpha); the parameter after steps 1, 3 and 10.
const TORCH: [name: string, make: () => Optimizer, after1310: number[]][] = [
  ['sgd', () => sgd({ lr: 0.1 }), [0.900833519, -0.44889178, 0.527744405, 0.913235895, -0.780421565, 0.618684639, 1.02988756, -0.620803945, 0.207032076]],
  ['sgd, coupled weight decay', () => sgd({ lr: 0.1, weightDecay: 0.3 }), [0.870833519, -0.43389178, 0.520244405, 0.833251974, -0.734987638, 0.574139323, 0.784421641, -0.457922598, 0.0778463481]],
  ['sgd with momentum and dampening', () => sgd({ lr: 0.1, momentum: 0.8, dampening: 0.5 }), [0.900833519, -0.44889178, 0.527744405, 0.74447044, -0.604939804, 1.05715143, 0.675632855, -0.714114297, 1.30586378]],
  ['momentum', () => momentum({ lr: 0.1, momentum: 0.8 }), [0.900833519, -0.44889178, 0.527744405, 0.730907094, -0.834583666, 1.18660651, 0.793858516, -1.15633118, 1.12211843]],
  ['momentum, default 0.9', () => momentum({ lr: 0.05 }), [0.950416759, -0.47444589, 0.388872202, 0.849595505, -0.668377094, 0.766296868, 0.822433043, -0.946970176, 0.955469809]],
  ['nesterov', () => nesterov({ lr: 0.1, momentum: 0.8 }), [0.821500334, -0.408005203, 0.749939928, 0.69796157, -1.0480885, 1.36796984, 0.864974378, -1.14586889, 0.904726818]],
  ['nesterov, default 0.9, weight decay', () => nesterov({ lr: 0.05, weightDecay: 0.1 }), [0.896291843, -0.446697191, 0.511482184, 0.784346221, -0.771671219, 0.880013334, 0.663099837, -0.809825622, 0.701693863]],
  ['adagrad, defaults', () => adagrad(), [0.99, -0.49, 0.26, 0.990412428, -0.506681247, 0.262795687, 0.996336826, -0.500911724, 0.255547024]],
  ['adagrad, options', () => adagrad({ lr: 0.2, epsilon: 0.01, initialAccumulator: 0.1 }), [0.811266871, -0.332707232, 0.44800782, 0.820068175, -0.660132442, 0.50349623, 0.936145347, -0.545903048, 0.359057823]],
  ['adadelta, defaults', () => adadelta(), [0.996837738, -0.496837783, 0.253162276, 0.997282759, -0.505609074, 0.254143798, 1.00181206, -0.501450707, 0.248826046]],
  ['adadelta, options', () => adadelta({ lr: 0.5, rho: 0.8, epsilon: 1e-3 }), [0.9647342, -0.464978266, 0.285343887, 0.970376953, -0.563587838, 0.295892404, 1.02650703, -0.51738789, 0.231579466]],
  ['rmsprop, defaults', () => rmsprop(), [0.90000001, -0.40000002, 0.349999996, 0.904281148, -0.56704812, 0.377910996, 0.964495307, -0.50897616, 0.304354851]],
  ['rmsprop, options', () => rmsprop({ lr: 0.05, rho: 0.8, epsilon: 0.1 }), [0.908768134, -0.422224605, 0.353472984, 0.91644913, -0.593952796, 0.381478017, 0.994245489, -0.526614466, 0.280069595]],
  ['adam, defaults', () => adam(), [0.999, -0.499, 0.251, 0.997750993, -0.500234292, 0.252495685, 0.997644098, -0.501130108, 0.25280164]],
  ['adam, epsilon 0.1 (after bias correction)', () => adam({ lr: 0.1, beta1: 0.8, beta2: 0.9, epsilon: 0.1 }), [0.909160321, -0.41636441, 0.346524693, 0.806410388, -0.538709684, 0.483670017, 0.830079358, -0.601889527, 0.472603221]],
  ['adam, coupled weight decay', () => adam({ lr: 0.1, weightDecay: 0.5 }), [0.900000001, -0.400000001, 0.35, 0.737376585, -0.495891015, 0.492114799, 0.436835828, -0.466019682, 0.45657528]],
  ['adamw, defaults', () => adamw(), [0.99899, -0.498995, 0.2509975, 0.997721022, -0.500219307, 0.252488155, 0.99754429, -0.501080078, 0.25277643]],
  ['adamw, decay 0.5, epsilon 0.1', () => adamw({ lr: 0.1, weightDecay: 0.5, beta1: 0.5, epsilon: 0.1 }), [0.859160321, -0.39136441, 0.334024693, 0.712869251, -0.511115002, 0.401930396, 0.582278319, -0.368765559, 0.191710848]],
];

describe('update rules match torch.optim over 10 steps', () => {
  it.each(TORCH)('%s', async (_, make, want) => {
    const actual = await runOptimizer(make());
    const steps = [1, 3, 10];
    expectTrajectory(steps.map((s) => actual[s - 1]!), [want.slice(0, 3), want.slice(3, 6), want.slice(6)], steps);
  });

  it('refuses Nesterov momentum with dampening or without momentum, as torch does', () => {
    expect(() => nesterov({ lr: 0.1, dampening: 0.5 })).toThrow('nesterov: Nesterov momentum needs momentum > 0 and dampening 0, got momentum 0.9, dampening 0.5');
    expect(() => sgd({ lr: 0.1, nesterov: true })).toThrow('sgd: Nesterov momentum needs momentum > 0');
  });

  it('takes torch.optim\'s default learning rates', () => {
    expect([adagrad(), adadelta(), rmsprop(), adam(), adamw()].map((o) => [o.name, o.lr])).toEqual([['adagrad', 0.01], ['adadelta', 1], ['rmsprop', 0.01], ['adam', 0.001], ['adamw', 0.001]]);
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
    expectTrajectory(shrink, [1, 2, 3].map((t) => p0.map((x) => x * 0.95 ** t)), [1, 2, 3]);
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
