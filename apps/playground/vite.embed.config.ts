// Builds what other pages embed, without a bundler of their own (pnpm build runs both modes):
//   --mode elements  dist/embed/webgrad-elements.js: <webgrad-playground>, <webgrad-chart>,
//                    <webgrad-graph>, with the training worker and the .wasm kernels beside it
//   --mode library   dist/cdn/webgrad.js: the library in one ES module, 'wasm' registered
// A relative base makes every asset and worker URL resolve from the bundle's own import.meta.url,
// so the folder can be hosted anywhere.
import { defaultClientConditions, defineConfig } from 'vite';

const builds = {
  elements: { entry: 'src/elements.ts', name: 'webgrad-elements', outDir: 'dist/embed' },
  library: { entry: 'src/webgrad-cdn.ts', name: 'webgrad', outDir: 'dist/cdn' },
} as const;

export default defineConfig(({ mode }) => {
  const build = builds[mode as keyof typeof builds];
  if (!build) throw new Error(`vite.embed.config: unknown mode '${mode}' (expected ${Object.keys(builds).join(' or ')})`);
  return {
    base: './',
    publicDir: false,
    resolve: { conditions: ['source', ...defaultClientConditions] },
    // One file per worker too: the backends' lazy imports would otherwise split off chunks.
    worker: { format: 'es', rollupOptions: { output: { codeSplitting: false } } },
    build: {
      target: 'es2022',
      outDir: build.outDir,
      emptyOutDir: true,
      modulePreload: false,
      // Every asset a file of its own: Node's worker_threads and strict CSPs both want real URLs.
      assetsInlineLimit: 0,
      rollupOptions: {
        input: { [build.name]: build.entry },
        // Keep the entry's exports: this is a module other pages import, not an app.
        preserveEntrySignatures: 'strict',
        output: { entryFileNames: '[name].js', codeSplitting: false },
      },
    },
  };
});
