// Compiles the AssemblyScript kernels in assembly/ to dist/kernels.wasm (128-bit SIMD),
// dist/kernels-relaxed.wasm (plus relaxed SIMD's fused multiply-add) and their shared-memory
// twins for worker threads, dist/kernels-shared*.wasm; src/loader.ts picks one.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(`${root}/dist`, { recursive: true });

const common = ['assembly/index.ts', '-O3', '--noAssert', '--runtime', 'stub', '--importMemory', '--baseDir', root];
// Shared-memory builds serve the worker threads; they declare the largest memory wasm32 allows.
const shared = ['--sharedMemory', '--maximumMemory', '65536'];
const variants = [
  { out: 'dist/kernels.wasm', features: 'simd', extra: [] },
  { out: 'dist/kernels-relaxed.wasm', features: 'simd,relaxed-simd', extra: [] },
  { out: 'dist/kernels-shared.wasm', features: 'simd,threads', extra: shared },
  { out: 'dist/kernels-shared-relaxed.wasm', features: 'simd,relaxed-simd,threads', extra: shared },
];

for (const { out, features, extra } of variants) {
  const { error, stderr } = await asc.main([...common, ...extra, '--enable', features, '-o', out]);
  if (error) {
    console.error(stderr.toString());
    throw new Error(`build-wasm: compiling ${out} with features ${features} failed: ${error.message}`);
  }
  console.log(`build-wasm: wrote ${out} (${features})`);
}
