// Runs one parity fixture on a backend with webgrad's public API and lists every difference
// from torch, by part (out, grads, grads2, buffers, losses, step N); a throw is a difference too.
import * as wg from 'webgradjs';
import type { Tensor } from 'webgradjs';
import { compareValues } from '../conformance/harness.js';
import type { Tolerance } from '../conformance/spec.js';
import { decode, type Arg, type Evaluated, type LayerFixture, type LayerSpec, type LossFixture, type OpFixture, type OptimiserFixture, type StoredTensor } from './fixtures.js';
import { grad2Tolerance, gradTolerance, LAYER, TRAJECTORY, valueTolerance } from './tolerances.js';

/** Differences from torch by part of the fixture; a part with none is absent. */
export type Problems = { [part: string]: string[] };

type Fn = (...args: unknown[]) => unknown;

/** The function at `path` of the webgrad namespace ('pow', 'nn.huber', 'nn.optim.adam'). */
function lookup(path: string): Fn {
  let v: unknown = wg;
  for (const key of path.split('.')) v = (v as Record<string, unknown> | undefined)?.[key];
  if (typeof v !== 'function') throw new Error(`webgrad has no function ${path}`);
  return v as Fn;
}

const isLayerSpec = (a: Arg): a is LayerSpec & Arg => typeof a === 'object' && a !== null && '$layer' in a;

/** An argument with { $: i } replaced by inputs[i] and layer specs built; top-level null is undefined. */
function resolve(arg: Arg, inputs: readonly Tensor[], top = true): unknown {
  if (arg === null) return top ? undefined : null;
  if (Array.isArray(arg)) return arg.map((a) => resolve(a, inputs, false));
  if (typeof arg !== 'object') return arg;
  if ('$' in arg) return inputs[arg.$ as number];
  if (isLayerSpec(arg)) return build(arg);
  return Object.fromEntries(Object.entries(arg).map(([k, v]) => [k, resolve(v, inputs, false)]));
}

/** nn[spec.$layer](...spec.args), children built first. */
export function build(spec: LayerSpec): wg.nn.Module {
  return lookup(`nn.${spec.$layer}`)(...spec.args.map((a) => resolve(a, []))) as wg.nn.Module;
}

const tensorOf = (t: StoredTensor): Tensor => {
  const v = decode(t);
  return wg.fromValues(v.values, v.shape, v.dtype);
};

/** Runs fn on `backend` in a scope; what it returns lives until the caller disposes it. */
const on = <T>(backend: wg.Backend, fn: () => T): T => wg.withBackend(backend, () => wg.scope(fn));

async function compare(problems: Problems, part: string, want: readonly StoredTensor[], got: readonly (Tensor | null | undefined)[], tol: Tolerance): Promise<void> {
  const found: string[] = [];
  for (const [k, stored] of want.entries()) {
    const expected = decode(stored);
    const actual = got[k];
    const label = want.length > 1 ? `${k}: ` : '';
    if (!actual) found.push(`${label}missing`);
    else if (actual.shape.join() !== expected.shape.join() || actual.rank !== expected.shape.length) found.push(`${label}shape [${actual.shape.join(',')}], torch [${expected.shape.join(',')}]`);
    else if (actual.dtype !== expected.dtype) found.push(`${label}dtype ${actual.dtype}, torch ${expected.dtype}`);
    else found.push(...compareValues(expected.values, await actual.data(), { dtype: expected.dtype, shape: expected.shape, tol, signedZero: false }).map((p) => label + p));
  }
  if (found.length) problems[part] = found;
}

/** Computes one part on the backend, compares it, frees it; a throw is the part's difference. */
async function part(problems: Problems, name: string, want: readonly StoredTensor[] | undefined, tol: Tolerance, compute: () => (Tensor | null)[]): Promise<void> {
  if (!want) return;
  let got: (Tensor | null)[];
  try {
    got = compute();
  } catch (e) {
    problems[name] = [`throws: ${(e as Error).message}`];
    return;
  }
  try {
    await compare(problems, name, want, got, tol);
  } finally {
    wg.dispose(got);
  }
}

/** out, grads and grads2 of `call` at the fixture's inputs, against torch's. */
async function checkFunction(f: Evaluated, backend: wg.Backend, call: (xs: Tensor[]) => Tensor, subject: string): Promise<Problems> {
  const problems: Problems = {};
  const wrt = [...(f.wrt ?? [])];
  const inputs = (): Tensor[] => f.inputs.map(tensorOf);
  const first = (xs: Tensor[]): Tensor => call(xs).mul(tensorOf(f.cot!)).sum();
  const firstGrads = (xs: Tensor[]): Tensor[] => wg.grad((...a: Tensor[]) => first(a), wrt)(...xs);
  await part(problems, 'out', [f.out], valueTolerance(subject), () => on(backend, () => [call(inputs())]));
  await part(problems, 'grads', f.grads, gradTolerance(subject), () => on(backend, () => firstGrads(inputs())));
  await part(problems, 'grads2', f.grads2, grad2Tolerance(subject), () => on(backend, () => {
    const second = (...xs: Tensor[]): Tensor => firstGrads(xs).map((g, k) => g.mul(tensorOf(f.cot2![k]!)).sum()).reduce((a, b) => a.add(b));
    return wg.grad(second, wrt)(...inputs());
  }));
  return problems;
}

/** An op or composite fixture: wg[fn](...args). */
export function checkOp(f: OpFixture, backend: wg.Backend): Promise<Problems> {
  return checkFunction(f, backend, (xs) => lookup(f.fn)(...f.args.map((a) => resolve(a, xs))) as Tensor, f.op);
}

/** A loss fixture: nn[loss](...args), or nn[loss](...make)(...args). */
export function checkLoss(f: LossFixture, backend: wg.Backend): Promise<Problems> {
  const loss = (): Fn => (f.make ? (lookup(`nn.${f.loss}`)(...f.make) as Fn) : lookup(`nn.${f.loss}`));
  return checkFunction(f, backend, (xs) => loss()(...f.args.map((a) => resolve(a, xs))) as Tensor, 'loss');
}

/** Sets the named parameters (all of them, no more) of `model` to `values`. */
function load(model: wg.nn.Module, paths: readonly string[], values: readonly StoredTensor[]): Tensor[] {
  const own = new Map(model.namedParameters());
  const unknown = paths.filter((p) => !own.has(p));
  const extra = [...own.keys()].filter((p) => !paths.includes(p));
  if (unknown.length || extra.length) throw new Error(`${model.describe()} has parameters [${[...own.keys()].join(', ')}], torch's mapping gives [${paths.join(', ')}]`);
  return paths.map((p, i) => own.get(p)!.assign(tensorOf(values[i]!)));
}

/** A layer fixture: forward at x in train or eval mode, gradients w.r.t. x and every parameter, buffers after. */
export async function checkLayer(f: LayerFixture, backend: wg.Backend): Promise<Problems> {
  const problems: Problems = {};
  let model: wg.nn.Module | undefined;
  try {
    const wrt = f.wrt ?? [];
    const buffersAfter = Object.keys(f.buffersAfter);
    const run = (): (Tensor | null)[] => on(backend, () => {
      model = build(f.spec);
      const params = load(model, f.params, f.inputs.slice(1));
      const buffers = new Map(model.namedBuffers());
      for (const [path, v] of Object.entries(f.buffers)) buffers.get(path)!.assign(tensorOf(v));
      model.train(f.train);
      const x = tensorOf(f.inputs[0]!);
      if (x.dtype === 'float32') wg.variable(x);
      const y = model.forward(x);
      if (f.cot) y.mul(tensorOf(f.cot)).sum().backward();
      const sources = [x, ...params];
      return [y, ...wrt.map((i) => sources[i]!.grad), ...buffersAfter.map((p) => buffers.get(p) ?? null)];
    });
    let got: (Tensor | null)[];
    try {
      got = run();
    } catch (e) {
      return { out: [`throws: ${(e as Error).message}`] };
    }
    await compare(problems, 'out', [f.out], got.slice(0, 1), LAYER);
    if (f.grads) await compare(problems, 'grads', f.grads, got.slice(1, 1 + wrt.length), LAYER);
    await compare(problems, 'buffers', Object.values(f.buffersAfter), got.slice(1 + wrt.length), LAYER);
    wg.dispose(got.slice(0, 1 + wrt.length));
  } finally {
    model?.dispose();
  }
  return problems;
}

/** An optimiser fixture: every step's loss and the parameters at the snapshot steps. */
export async function checkOptimiser(f: OptimiserFixture, backend: wg.Backend): Promise<Problems> {
  const problems: Problems = {};
  const model = on(backend, () => build(f.model));
  const optimiser = lookup(`nn.optim.${f.optimiser}`)(f.options) as wg.nn.optim.Optimizer;
  const batches = on(backend, () => f.batches.map(([x, y]) => [tensorOf(x), tensorOf(y)] as const));
  try {
    const params = on(backend, () => load(model, f.params, f.start));
    const named = model.namedParameters();
    const losses: number[] = [];
    const want = decode(f.losses).values;
    for (let step = 1; step <= want.length; step++) {
      const [x, y] = batches[(step - 1) % batches.length]!;
      const loss = on(backend, () => {
        const l = wg.nn.mse(model.forward(x), y);
        l.backward();
        optimiser.step(named);
        return l;
      });
      losses.push(await loss.item());
      loss.dispose();
      const snapshot = f.snapshots[String(step)];
      if (snapshot) await compare(problems, `step ${step}`, snapshot, params, TRAJECTORY);
    }
    const lossProblems = compareValues(want, losses, { dtype: 'float32', shape: [want.length], tol: TRAJECTORY, signedZero: false });
    if (lossProblems.length) problems.losses = lossProblems;
  } finally {
    for (const [, p] of model.namedParameters()) p.grad?.dispose();
    model.dispose();
    optimiser.dispose();
    wg.dispose(batches);
  }
  return problems;
}
