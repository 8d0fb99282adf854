// The machinery around the rules: per-group options by glob, clipping by value and by global
// norm, live and scheduled learning rates, state save/restore, and no tensor growth per step.
import { describe, expect, it } from 'vitest';
import { keep, memory, tensor, variable, type Tensor } from '../deps.js';
import * as schedules from '../schedules.js';
import { zeroGrad, type Optimizer } from './optimizer.js';
import { adam, momentum, rmsprop, sgd } from './rules.js';

type Named = [string, Tensor][];

function params(values: Record<string, number[]>): Named {
  return Object.entries(values).map(([path, v]) => [path, keep(variable(tensor(v)))]);
}

/** One optimiser step with the given gradients (paths without one get none). */
function step(opt: Optimizer, named: Named, grads: Record<string, number[]>): void {
  for (const [path, p] of named) if (grads[path]) p.grad = tensor(grads[path]!);
  opt.step(named);
  zeroGrad(named.map(([, p]) => p));
}

async function read(named: Named): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const [path, p] of named) out[path] = Array.from(await p.data());
  return out;
}

const close = (xs: number[]): unknown[] => xs.map((x) => expect.closeTo(x, 6));

function free(named: Named, ...opts: Optimizer[]): void {
  for (const [, p] of named) p.dispose();
  for (const o of opts) o.dispose();
}

describe('parameter groups by glob', () => {
  it('lrScale 0 freezes a group while the rest trains', async () => {
    const named = params({ 'layers.0.weight': [1, 2], 'layers.0.bias': [3], 'layers.1.weight': [4, 5] });
    const opt = adam({ lr: 0.1, groups: [{ match: 'layers.0.*', lrScale: 0 }] });
    for (let i = 0; i < 3; i++) step(opt, named, { 'layers.0.weight': [1, 1], 'layers.0.bias': [1], 'layers.1.weight': [1, -1] });
    const after = await read(named);
    expect(after['layers.0.weight']).toEqual([1, 2]);
    expect(after['layers.0.bias']).toEqual([3]);
    // Adam with a constant gradient moves by lr every step: 3 steps of 0.1.
    expect(after['layers.1.weight']).toEqual(close([3.7, 5.3]));
    free(named, opt);
  });

  it('weightDecay 0 for biases, decay elsewhere; lrScale multiplies the rate', async () => {
    const named = params({ 'a.weight': [2], 'a.bias': [2], 'b.weight': [2] });
    const opt = sgd({ lr: 0.1, weightDecay: 0.5, groups: [{ match: '**.bias', weightDecay: 0 }, { match: 'b.*', lrScale: 3 }] });
    step(opt, named, { 'a.weight': [1], 'a.bias': [1], 'b.weight': [1] });
    const after = await read(named);
    expect(after['a.weight']).toEqual(close([2 - 0.1 * (1 + 0.5 * 2)]));
    expect(after['a.bias']).toEqual(close([2 - 0.1 * 1]));
    // The group sets only lrScale; weightDecay falls back to the optimiser's.
    expect(after['b.weight']).toEqual(close([2 - 0.3 * (1 + 0.5 * 2)]));
    free(named, opt);
  });

  it('the first matching group wins', async () => {
    const named = params({ 'layers.0.bias': [0] });
    const opt = sgd({ lr: 1, groups: [{ match: '**.bias', lrScale: 2 }, { match: 'layers.0.*', lrScale: 0 }] });
    step(opt, named, { 'layers.0.bias': [1] });
    expect((await read(named))['layers.0.bias']).toEqual([-2]);
    free(named, opt);
  });

  it('a bad glob is refused when the optimiser is made', () => {
    expect(() => sgd({ lr: 1, groups: [{ match: '' }] })).toThrow(/glob: pattern must be a non-empty string/);
  });
});

describe('gradient clipping', () => {
  it('clipValue clamps each element', async () => {
    const named = params({ w: [0, 0, 0, 0] });
    const opt = sgd({ lr: 1, clipValue: 1 });
    step(opt, named, { w: [0.5, -3, 10, -0.25] });
    expect((await read(named)).w).toEqual([-0.5, 1, -1, 0.25]);
    free(named, opt);
  });

  it('clipNorm rescales all gradients together by their global L2 norm', async () => {
    const named = params({ a: [0, 0], b: [0] });
    const opt = sgd({ lr: 1, clipNorm: 1 });
    // Global norm sqrt(3^2 + 4^2 + 12^2) = 13; each gradient is scaled by 1/13.
    step(opt, named, { a: [3, 4], b: [12] });
    const after = await read(named);
    expect(after.a).toEqual(close([-3 / 13, -4 / 13]));
    expect(after.b).toEqual(close([-12 / 13]));
    free(named, opt);
  });

  it('clipNorm leaves a gradient inside the bound unchanged', async () => {
    const named = params({ a: [0, 0] });
    const opt = sgd({ lr: 1, clipNorm: 10 });
    step(opt, named, { a: [3, 4] });
    expect((await read(named)).a).toEqual([-3, -4]);
    free(named, opt);
  });

  it('clipValue applies before clipNorm', async () => {
    const named = params({ a: [0, 0] });
    const opt = sgd({ lr: 1, clipValue: 3, clipNorm: 3 });
    // [30, 40] -> [3, 3] (norm 3 sqrt 2) -> [3, 3] * 3 / (3 sqrt 2).
    step(opt, named, { a: [30, 40] });
    expect((await read(named)).a).toEqual(close([-3 / Math.SQRT2, -3 / Math.SQRT2]));
    free(named, opt);
  });

  it('frozen parameters and parameters without a gradient are skipped and do not count in the norm', async () => {
    const named = params({ a: [0, 0], frozen: [0], none: [7] });
    named[1]![1].requiresGrad = false;
    const opt = sgd({ lr: 1, clipNorm: 1 });
    step(opt, named, { a: [3, 4], frozen: [100] });
    const after = await read(named);
    expect(after.a).toEqual(close([-0.6, -0.8]));
    expect(after.frozen).toEqual([0]);
    expect(after.none).toEqual([7]);
    free(named, opt);
  });
});

describe('learning rate', () => {
  it('a live change of optimizer.lr takes effect on the next step', async () => {
    const named = params({ w: [0] });
    const opt = sgd({ lr: 0.1 });
    step(opt, named, { w: [1] });
    opt.lr = 0.5;
    expect(opt.currentLr()).toBe(0.5);
    step(opt, named, { w: [1] });
    expect((await read(named)).w).toEqual(close([-0.6]));
    free(named, opt);
  });

  it('a schedule sets each step\'s rate; currentLr says which the next step uses', async () => {
    const named = params({ w: [0] });
    const opt = sgd({ lr: 1, schedule: schedules.step({ every: 1, gamma: 0.5 }) });
    const used: number[] = [];
    for (let i = 0; i < 3; i++) {
      used.push(opt.currentLr());
      step(opt, named, { w: [1] });
    }
    expect(used).toEqual([1, 0.5, 0.25]);
    expect(opt.stepCount).toBe(3);
    expect((await read(named)).w).toEqual([-1.75]);
    // A live change of the base rate goes through the schedule.
    opt.lr = 8;
    expect(opt.currentLr()).toBe(1);
    free(named, opt);
  });

  it('a negative or NaN rate is refused with the optimiser named', () => {
    expect(() => sgd({ lr: -1 })).toThrow('sgd: lr must be a non-negative number, got -1');
    expect(() => adam({ lr: NaN })).toThrow('adam: lr must be a non-negative number, got NaN');
  });
});

describe('state', () => {
  const g = [[0.5, -1], [0.2, 0.4], [-0.3, 0.9], [1, 1]];

  it('state() / loadState() into a fresh optimiser continues identically', async () => {
    const a = params({ w: [1, 2] });
    const optA = adam({ lr: 0.1 });
    step(optA, a, { w: g[0]! });
    step(optA, a, { w: g[1]! });
    expect([...optA.state().keys()].sort()).toEqual(['w/m', 'w/v']);

    const b = params({ w: Array.from(await a[0]![1].data()) });
    const optB = adam({ lr: 0.1 });
    optB.loadState(optA.state(), optA.stepCount);
    expect(optB.stepCount).toBe(2);
    for (const grad of g.slice(2)) {
      step(optA, a, { w: grad });
      step(optB, b, { w: grad });
      expect(await read(b)).toEqual(await read(a));
    }
    // The loaded state is a copy: stepping A alone leaves B's untouched.
    const mB = Array.from(await optB.state().get('w/m')!.data());
    expect(Array.from(await optA.state().get('w/m')!.data())).toEqual(mB);
    step(optA, a, { w: [5, 5] });
    expect(Array.from(await optA.state().get('w/m')!.data())).not.toEqual(mB);
    expect(Array.from(await optB.state().get('w/m')!.data())).toEqual(mB);
    free(a, optA);
    free(b, optB);
  });

  it('loadState refuses a slot whose shape differs, and changes nothing', async () => {
    const named = params({ w: [1, 2] });
    const opt = momentum({ lr: 0.1 });
    step(opt, named, { w: [1, 1] });
    const wrong = tensor([1, 2, 3]);
    expect(() => opt.loadState(new Map([['w/velocity', wrong]]), 9)).toThrow('momentum.loadState: w/velocity is [3], the optimiser has [2]');
    expect(opt.stepCount).toBe(1);
    expect(Array.from(await opt.state().get('w/velocity')!.data())).toEqual([1, 1]);
    wrong.dispose();
    free(named, opt);
  });
});

describe('memory', () => {
  it('no tensor is left behind per step, once the state slots exist', () => {
    const named = params({ 'l.weight': [1, 2, 3, 4], 'l.bias': [0] });
    for (const opt of [adam({ lr: 0.1, weightDecay: 0.1, clipNorm: 1, clipValue: 2 }), rmsprop({ lr: 0.1 })]) {
      step(opt, named, { 'l.weight': [1, 2, 3, 4], 'l.bias': [1] });
      const live = memory().liveTensors;
      for (let i = 0; i < 5; i++) step(opt, named, { 'l.weight': [1, -2, 3, -4], 'l.bias': [1] });
      expect(memory().liveTensors).toBe(live);
      opt.dispose();
      expect(opt.state().size).toBe(0);
    }
    free(named);
  });
});
