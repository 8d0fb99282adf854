// Builds the consumer app (test/build/app) with each bundler, as its documentation's defaults
// would: production mode, no plugins beyond what any app with npm dependencies needs. Each
// returns a folder with an index.html to serve. The bundlers are the workspace's own copies.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import * as esbuild from 'esbuild';
import { rollup } from 'rollup';
import { build as viteBuild } from 'vite';
import webpack from 'webpack';

/** The bundlers under test. */
export type Bundler = 'vite' | 'webpack' | 'esbuild' | 'rollup';

/** Builds `dir`'s app with `bundler`; returns the output folder. */
export function buildApp(bundler: Bundler, dir: string): Promise<string> {
  const out = join(dir, `out-${bundler}`);
  return builders[bundler](dir, out).then(() => out);
}

const builders: { [B in Bundler]: (dir: string, out: string) => Promise<void> } = {
  async vite(dir, out) {
    await viteBuild({ root: dir, configFile: false, logLevel: 'silent', build: { outDir: out } });
  },

  async webpack(dir, out) {
    const compiler = webpack({ mode: 'production', context: dir, entry: './src/main.js', output: { path: out }, performance: { hints: false } });
    const stats = await new Promise<webpack.Stats>((resolve, reject) => compiler.run((e, s) => (e ? reject(e) : resolve(s!))));
    if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
    writeFileSync(join(out, 'index.html'), '<!doctype html><script src="main.js"></script>');
  },

  async esbuild(dir, out) {
    await esbuild.build({ absWorkingDir: dir, entryPoints: ['src/main.js'], bundle: true, format: 'esm', minify: true, outdir: join(out, 'assets'), logLevel: 'silent' });
    copyWasmFiles(dir, out);
    writeFileSync(join(out, 'index.html'), '<!doctype html><script type="module" src="assets/main.js"></script>');
  },

  async rollup(dir, out) {
    const bundle = await rollup({ input: join(dir, 'src/main.js'), plugins: [nodeResolve({ browser: true, rootDir: dir })], onwarn: () => {} });
    await bundle.write({ dir: join(out, 'assets'), format: 'es' });
    await bundle.close();
    copyWasmFiles(dir, out);
    writeFileSync(join(out, 'index.html'), '<!doctype html><script type="module" src="assets/main.js"></script>');
  },
};

/**
 * What esbuild and Rollup need (neither rewrites `new URL('…', import.meta.url)`): the wasm
 * backend's dist/*.wasm and worker/ copied so that they sit at ../dist/ and ../worker/ from the
 * bundle, as they do from the package's own dist/.
 */
function copyWasmFiles(dir: string, out: string): void {
  const pkg = join(dir, 'node_modules/@webgrad/backend-wasm');
  mkdirSync(join(out, 'dist'), { recursive: true });
  cpSync(join(pkg, 'dist'), join(out, 'dist'), { recursive: true, filter: (f) => !/\.(js|ts|map)$/.test(f) });
  cpSync(join(pkg, 'worker'), join(out, 'worker'), { recursive: true });
}
