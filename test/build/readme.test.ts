// The README's example runs as printed, against the built package.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('README example', () => {
  it('runs and prints the values its comments promise', () => {
    const readme = readFileSync(`${root}/README.md`, 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    // Strip the TypeScript-only syntax so plain Node runs it.
    const js = code.replace(/\(x: wg\.Tensor\)/g, '(x)').replace(/!\./g, '.');
    const file = `${root}/examples/.readme-example.mjs`;
    writeFileSync(file, js);
    try {
      const out = execFileSync(process.execPath, [file], { cwd: `${root}/examples`, encoding: 'utf8' });
      expect(out).toContain('Float32Array(1) [ 54 ]');
      expect(out).toContain('Float32Array(4) [ 2, 4, 6, 8 ]');
      expect(out.trim().split('\n')).toHaveLength(2);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
