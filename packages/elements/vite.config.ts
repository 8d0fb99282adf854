// Builds dist/webgrad-elements.js, what other pages embed without a bundler of their own:
// <webgrad-playground>, <webgrad-chart> and <webgrad-graph>, with the training worker and the .wasm
// kernels beside it under assets/. Lit's and uPlot's licence notices open the bundle. A relative
// base makes every asset and worker URL resolve from the bundle's own import.meta.url, so the
// folder can be hosted anywhere.
import { defaultClientConditions, defineConfig } from 'vite';
import { thirdPartyNotices } from '../../scripts/third-party-notices.js';

export default defineConfig({
  base: './',
  publicDir: false,
  resolve: { conditions: ['@webgrad/source', ...defaultClientConditions] },
  // One file per worker too: the backends' lazy imports would otherwise split off chunks.
  worker: { format: 'es', rollupOptions: { output: { codeSplitting: false } } },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: false,
    // Every asset a file of its own: Node's worker_threads and strict CSPs both want real URLs.
    assetsInlineLimit: 0,
    rollupOptions: {
      input: { 'webgrad-elements': 'src/elements.ts' },
      // Keep the entry's exports: this is a module other pages import, not an app.
      preserveEntrySignatures: 'strict',
      output: { entryFileNames: '[name].js', codeSplitting: false, postBanner: thirdPartyNotices(['lit', 'uplot'], import.meta.url) },
    },
  },
});
