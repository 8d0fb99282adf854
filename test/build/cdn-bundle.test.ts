// The single-file library build (apps/playground/dist/cdn/webgrad.js, made by `pnpm build`)
// loads in plain Node, finds its .wasm beside it, and trains: what a page importing it from a
// CDN gets too (test/e2e/embed.spec.ts runs the same check in Chromium).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cdn = `${root}/apps/playground/dist/cdn`;

describe('the single-file library build', () => {
  it('is one ES module with its .wasm kernels as separate files', () => {
    const code = readFileSync(`${cdn}/webgrad.js`, 'utf8');
    // No static imports: nothing else to fetch but the assets it names by URL.
    expect(code).not.toMatch(/(?:^|[;}\n])\s*import\s*(?:(?:\{[^}]*\}|\*\s*as\s*[\w$]+|[\w$]+)\s*from\s*)?["'`]/);
    expect(code).toMatch(/export\s*\{/);
    expect(readdirSync(`${cdn}/assets`).filter((f) => f.endsWith('.wasm')).length).toBe(4);
  });

  it('multiplies on wasm and trains a tiny model, imported from plain Node', () => {
    const script = `Promise.all([import('./dist/cdn/webgrad.js'), import('./public/embed-example/library-check.js')])
      .then(([wg, { checkLibrary }]) => checkLibrary(wg)).then((r) => console.log(JSON.stringify(r)))`;
    const out = execFileSync(process.execPath, ['-e', script], { cwd: `${root}/apps/playground`, encoding: 'utf8' });
    const result = JSON.parse(out.trim().split('\n').at(-1)!) as { backend: string; product: number[]; lossBefore: number; lossAfter: number };
    expect(result.backend).toBe('wasm');
    expect(result.product).toEqual([7, 10, 15, 22]);
    expect(result.lossAfter).toBeLessThan(result.lossBefore * 0.2);
  });
});
