// The fixtures cover webgrad: every op of the op table, every layer, loss and optimiser nn exports
// (lists read from the code, not written here), and differences.ts names only real fixtures.
import { describe, expect, it } from 'vitest';
import * as wg from 'webgradjs';
import { differences } from './differences.js';
import { fixtureId, loadFixtures, type Fixtures } from './fixtures.js';
import { build } from './run.js';

const fixtures = loadFixtures();
const groups = Object.keys(fixtures) as (keyof Fixtures)[];
const ids = groups.flatMap((g) => fixtures[g].map((f) => fixtureId(g, f)));

/** Gradient-only ops, reached through the second derivative of the op whose gradient they are. */
const COVERED_BY_SECOND_ORDER: { readonly [op: string]: string } = {
  sliceGrad: 'slice', conv2dInputGrad: 'conv2d', conv2dFilterGrad: 'conv2d', maxPool2dGrad: 'maxPool2d', avgPool2dGrad: 'avgPool2d',
};

/** nn function exports that are neither layers, losses nor optimisers, with why they have no fixture. */
const NOT_MODELLED: { readonly [name: string]: string } = {
  graph: 'a user-written function of child layers: nothing of its own to compare (its children have fixtures)',
  globMatcher: 'parameter paths, not numerics', shapeError: 'an error message', yieldToEvents: 'scheduling',
  datasetOn: 'data loading', fromArrays: 'data loading', zeroGrad: 'frees gradients: no numerics',
};

const functionsOf = (namespace: object): string[] =>
  Object.entries(namespace).filter(([name, v]) => typeof v === 'function' && /^[a-z]/.test(name)).map(([name]) => name);

describe('the parity fixtures', () => {
  it('cover every op of the op table, gradient-only ops through a second derivative', () => {
    const covered = new Set(fixtures.ops.map((f) => f.op));
    const secondOrder = new Set(fixtures.ops.filter((f) => f.grads2).map((f) => f.op));
    const missing = wg.opNames.filter((op) => !covered.has(op) && !secondOrder.has(COVERED_BY_SECOND_ORDER[op] ?? ''));
    expect(missing, 'ops without a fixture').toEqual([]);
  });

  it('hold second-order gradients of at least ten ops', () => {
    expect(new Set(fixtures.ops.filter((f) => f.grads2).map((f) => f.op)).size).toBeGreaterThanOrEqual(10);
  });

  it('cover every layer, loss and function nn exports', () => {
    const named = new Set([...fixtures.layers.flatMap((f) => kinds(f.spec)), ...fixtures.losses.map((f) => f.loss)]);
    const missing = functionsOf(wg.nn).filter((name) => !named.has(name) && !NOT_MODELLED[name]);
    expect(missing, 'nn functions without a layer or loss fixture').toEqual([]);
    expect(Object.keys(wg.nn.losses).filter((name) => !named.has(name)), 'losses by name').toEqual([]);
  });

  it('build an instance of every module class nn exports', () => {
    const built = fixtures.layers.flatMap((f) => build(f.spec).namedModules().map(([, m]) => m));
    const classes = Object.entries(wg.nn).filter(([name, v]) => typeof v === 'function' && /^[A-Z]/.test(name) && v.prototype instanceof wg.nn.Module);
    const missing = classes.filter(([name, C]) => !built.some((m) => m instanceof (C as typeof wg.nn.Module)) && !NOT_MODELLED[name[0]!.toLowerCase() + name.slice(1)]);
    built.forEach((m) => m.dispose());
    expect(missing.map(([name]) => name), 'module classes no fixture builds').toEqual([]);
  });

  it('cover every optimiser of nn.optim with a trajectory', () => {
    const covered = new Set(fixtures.optimisers.map((f) => f.optimiser));
    expect(functionsOf(wg.nn.optim).filter((name) => !covered.has(name) && !NOT_MODELLED[name])).toEqual([]);
  });

  it('give every fixture a distinct id', () => {
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('list differences only for fixtures that exist, each with a reason and known parts', () => {
    const parts = /^(out|grads|grads2|buffers|losses|error|step \d+)$/;
    for (const [id, d] of Object.entries(differences)) {
      expect(ids, 'differences.ts').toContain(id);
      expect(d.reason, `${id} needs a reason`).toMatch(/\w{3,}/);
      for (const p of d.parts ?? []) expect(p, id).toMatch(parts);
    }
  });
});

/** The layer names a spec builds, children included. */
function kinds(spec: { $layer: string; args: readonly unknown[] }): string[] {
  const children = spec.args.filter((a): a is typeof spec => typeof a === 'object' && a !== null && '$layer' in a);
  return [spec.$layer, ...children.flatMap(kinds)];
}
