import { it } from 'vitest';
import * as wg from 'webgrad';
import { fixtureId, loadFixtures, type Fixtures } from './fixtures.js';
import { checkLayer, checkLoss, checkOp, checkOptimiser } from './run.js';
it('debug', async () => {
  const b = await wg.getBackendInstance(process.env.B ?? 'js');
  const fx = loadFixtures();
  const checks = { ops: checkOp, layers: checkLayer, losses: checkLoss, optimisers: checkOptimiser } as const;
  for (const g of Object.keys(checks) as (keyof Fixtures)[]) for (const f of fx[g]) {
    if (process.env.ONLY && !fixtureId(g, f).includes(process.env.ONLY)) continue;
    const p = await (checks[g] as any)(f, b).catch((e: Error) => ({ error: [e.stack] }));
    if (Object.keys(p).length) console.log('==', fixtureId(g, f), JSON.stringify(p, null, 1));
  }
});
