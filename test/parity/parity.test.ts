// Every PyTorch fixture on every registered backend, through webgrad's public API: ops and
// composites, layers, losses and optimiser trajectories. A backend registered later is picked
// up with no change here; known differences (differences.ts) must keep differing.
import { describe, it } from 'vitest';
import { startBackends } from '../conformance/harness.js';
import { differences, type Difference } from './differences.js';
import { fixtureId, loadFixtures, type Fixtures } from './fixtures.js';
import { checkLayer, checkLoss, checkOp, checkOptimiser, type Problems } from './run.js';

const fixtures = loadFixtures();
const backends = await startBackends();
const checks: { [G in keyof Fixtures]: (f: Fixtures[G][number], b: NonNullable<(typeof backends)[number]['instance']>) => Promise<Problems> } = {
  ops: checkOp, layers: checkLayer, losses: checkLoss, optimisers: checkOptimiser,
};

const show = (problems: Problems): string => Object.entries(problems).map(([part, list]) => `${part}: ${list.join('; ')}`).join('\n');

/** What the fixture's result says against its listed difference: '' when all is as expected. */
function verdict(problems: Problems, difference: Difference | undefined): string {
  const parts = Object.keys(problems);
  if (!difference) return parts.length ? `differs from torch:\n${show(problems)}` : '';
  if (!parts.length) return `no longer differs from torch: remove it from differences.ts (${difference.pending ? 'pending' : 'deliberate'}: ${difference.reason})`;
  const unlisted = difference.parts ? parts.filter((p) => !difference.parts!.includes(p)) : [];
  const gone = difference.parts?.filter((p) => !problems[p]) ?? [];
  if (unlisted.length) return `differs beyond the listed parts ${difference.parts!.join(', ')}:\n${show(problems)}`;
  return gone.length ? `no longer differs in ${gone.join(', ')}: update differences.ts` : '';
}

describe.each(backends)('backend $name', ({ instance, error }) => {
  if (!instance) {
    it.skip(`did not start, so it is not checked: ${error}`, () => {});
    return;
  }
  for (const group of Object.keys(checks) as (keyof Fixtures)[]) {
    describe(group, () => {
      for (const f of fixtures[group]) {
        const id = fixtureId(group, f);
        const difference = differences[id];
        const label = difference ? `${id} (${difference.pending ? 'pending' : 'deliberate'} difference: ${difference.reason})` : id;
        it(label, async () => {
          const check = checks[group] as (f: unknown, b: typeof instance) => Promise<Problems>;
          const problems = await check(f, instance).catch((e: Error): Problems => ({ error: [`throws: ${e.message}`] }));
          const message = verdict(problems, difference);
          if (message) throw new Error(message);
        });
      }
    });
  }
});
