// Every .wgsl in shaders/ compiles with no errors, warnings or notes (getCompilationInfo), and
// the bundled copy in shaders.generated.ts is up to date with the files.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatMessages, type ShaderName } from './shader-library.js';
import { shaders } from './shaders.generated.js';
import { shaderUsers } from './kernels/index.js';
import { testGpu } from './testing/gpu.js';

const { backend, reason } = await testGpu();
const generator = fileURLToPath(new URL('../scripts/gen-shaders.mjs', import.meta.url));
const shaderDir = fileURLToPath(new URL('../../../shaders', import.meta.url));

describe('bundled shaders', () => {
  it('shaders.generated.ts matches shaders/*.wgsl (else run gen:shaders)', () => {
    expect(() => execFileSync(process.execPath, [generator, '--check'], { stdio: 'pipe' })).not.toThrow();
  });
  it('bundles every top-level .wgsl file, and every shader names the ops that run it', () => {
    const files = readdirSync(shaderDir).filter((f) => f.endsWith('.wgsl')).map((f) => f.replace(/\.wgsl$/, ''));
    expect(Object.keys(shaders).sort()).toEqual(files.sort());
    expect(Object.keys(shaderUsers).sort()).toEqual(files.sort());
  });
});

describe.runIf(backend)('every shader compiles cleanly', () => {
  it.each(Object.keys(shaders) as ShaderName[])('shaders/%s.wgsl', async (name) => {
    const messages = await backend!.shaderMessages(name);
    expect(messages, formatMessages(messages)).toEqual([]);
  });
});

if (!backend) {
  describe('every shader compiles cleanly', () => it.skip(`not run: ${reason}`, () => {}));
}
