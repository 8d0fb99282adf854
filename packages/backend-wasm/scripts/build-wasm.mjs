// Compiles the AssemblyScript kernels in assembly/ to dist/kernels.wasm (128-bit SIMD) and
// dist/kernels-relaxed.wasm (plus relaxed SIMD's fused multiply-add), which src/loader.ts loads.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(`${root}/dist`, { recursive: true });

const common = ['assembly/index.ts', '-O3', '--noAssert', '--runtime', 'stub', '--importMemory', '--baseDir', root];
const variants = [
  { out: 'dist/kernels.wasm', features: 'simd' },
  { out: 'dist/kernels-relaxed.wasm', features: 'simd,relaxed-simd' },
];

for (const { out, features } of variants) {
  const { error, stderr } = await asc.main([...common, '--enable', features, '-o', out]);
  if (error) {
    console.error(stderr.toString());
    throw new Error(`build-wasm: compiling ${out} with features ${features} failed: ${error.message}`);
  }
  console.log(`build-wasm: wrote ${out} (${features})`);
}
