// Each package README's example runs as printed, against the built package (pnpm build), from
// the package's own folder as a consumer would import it. Examples that need a GPU, a page or
// data of the reader's own are left out, by package and block number.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Package folder, which ```ts block of its README (from 0), and a line its output must hold. */
const examples: [dir: string, block: number, prints: RegExp][] = [
  ['tensor', 0, /Float32Array/],
  ['autograd', 0, /Float32Array\(2\) \[ 1, -2 \]/],
  ['webgrad', 0, /\[ 2, 1 \]/],
  ['backend-wasm', 0, /poolHits/],
  ['worker', 1, /^10$/m],
];

describe('package README examples', () => {
  it.each(examples)('packages/%s README block %i runs', (dir, block, prints) => {
    const readme = readFileSync(`${root}/packages/${dir}/README.md`, 'utf8');
    const code = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)][block]![1]!;
    const file = `${root}/packages/${dir}/.readme-example.mts`;
    writeFileSync(file, code);
    try {
      const out = execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: `${root}/packages/${dir}`, encoding: 'utf8' });
      expect(out).toMatch(prints);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
