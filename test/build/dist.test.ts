// The built packages (pnpm build: ESM + .d.ts in dist/) load in plain Node with no TypeScript
// tooling and no "source" condition, as a user installing webgrad from npm would load them.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('pnpm build output', () => {
  it.each(['tensor', 'autograd', 'webgrad'])('packages/%s/dist has index.js and index.d.ts', (name) => {
    expect(existsSync(`${root}/packages/${name}/dist/index.js`)).toBe(true);
    expect(existsSync(`${root}/packages/${name}/dist/index.d.ts`)).toBe(true);
  });

  it('runs a gradient from the built ESM in plain Node', () => {
    const script = `
      import * as wg from 'webgradjs';
      const g = wg.grad((x) => x.mul(x).sum())(wg.tensor([1, 2, 3]));
      console.log(JSON.stringify(Array.from(await g.data())));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: `${root}/examples`, encoding: 'utf8' });
    expect(JSON.parse(out.trim())).toEqual([2, 4, 6]);
  });
});
