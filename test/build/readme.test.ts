// The README's examples run as printed, against the built package.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const blocks = [...readFileSync(`${root}/README.md`, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** Runs a README block in plain Node (TypeScript-only syntax stripped) and returns what it printed. */
function run(code: string, name: string): string {
  const js = code.replace(/\(x: wg\.Tensor\)/g, '(x)').replace(/!\./g, '.');
  const file = `${root}/examples/.readme-${name}.mjs`;
  writeFileSync(file, js);
  try {
    return execFileSync(process.execPath, [file], { cwd: `${root}/examples`, encoding: 'utf8' });
  } finally {
    rmSync(file, { force: true });
  }
}

describe('README examples', () => {
  it('the ten lines print the values their comments promise', () => {
    const out = run(blocks[0]!, 'ten-lines');
    expect(out).toContain('Float32Array(1) [ 54 ]');
    expect(out).toContain('Float32Array(4) [ 2, 4, 6, 8 ]');
    expect(out.trim().split('\n')).toHaveLength(2);
  });

  it('the training example learns the spirals', () => {
    const block = blocks.find((b) => b.includes('new nn.Trainer'));
    expect(block).toBeDefined();
    const out = run(`${block!}\nconsole.log('trained on', wg.getBackend());`, 'training');
    expect(out).toContain('trained on wasm'); // only the umbrella is imported
    const accuracy = Number(/accuracy: ([\d.]+)/.exec(out)?.[1]);
    expect(accuracy).toBeGreaterThan(0.9);
    expect(out).toMatch(/epoch 10 step \d+ loss/);
  });
});
