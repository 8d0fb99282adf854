// Every op of the op table, on every registered backend, against the float64 reference oracle:
// one test per case. A backend registered later is picked up here with no change to this file.
import { describe, expect, it } from 'vitest';
import { opNames } from '@webgrad/tensor';
import { casesOf } from './cases.js';
import { gapOf } from './gaps.js';
import { checkCase, createOracle, startBackends, stillDiffers } from './harness.js';

const oracle = createOracle();
const backends = await startBackends();

it('registers at least the reference backend', () => {
  expect(backends.map((b) => b.name)).toContain('js');
});

describe.each(backends)('backend $name', ({ name, instance, error }) => {
  if (!instance) {
    // A backend that cannot start here (no GPU adapter, no SIMD) is reported, never silently dropped.
    it.skip(`did not start, so it is not checked: ${error}`, () => {});
    return;
  }
  describe.each(opNames)('%s', (op) => {
    const gap = gapOf(name, op);
    const all = casesOf(op);
    const gapped = gap ? all.filter((c) => !gap.cases || gap.cases.includes(c.name)) : [];
    if (gap) {
      const which = gap.cases ? gapped.map((c) => c.name).join('; ') : 'some case';
      it(`known gap on ${which}: ${gap.reason} (still differs)`, async () => {
        expect(gapped.length, `gaps.ts names cases ${op} does not have`).toBe(gap.cases?.length ?? gapped.length);
        expect(await stillDiffers(op, gapped, instance, oracle), `${name}/${op} now matches the reference: remove the gap from gaps.ts`).toBe(true);
      });
      if (!gap.cases) return;
    }
    for (const c of all.filter((c) => !gapped.includes(c))) {
      it(c.name, async () => {
        expect(await checkCase(op, c, instance, oracle)).toEqual([]);
      });
    }
  });
});
