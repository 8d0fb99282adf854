// Builds dist/cdn/webgrad.js, the library in one ES module for pages without a bundler (a
// <script type="module"> import from any folder or CDN). A relative base makes every asset and
// worker URL resolve from the bundle's own import.meta.url, so the folder can be hosted anywhere.
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  base: './',
  publicDir: false,
  resolve: { conditions: ['@webgrad/source', ...defaultClientConditions] },
  // One file per worker too: the backends' lazy imports would otherwise split off chunks.
  worker: { format: 'es', rollupOptions: { output: { codeSplitting: false } } },
  build: {
    target: 'es2022',
    outDir: 'dist/cdn',
    emptyOutDir: true,
    modulePreload: false,
    // Every asset a file of its own: Node's worker_threads and strict CSPs both want real URLs.
    assetsInlineLimit: 0,
    rollupOptions: {
      input: { webgrad: 'cdn/webgrad.ts' },
      // Keep the entry's exports: this is a module other pages import, not an app.
      preserveEntrySignatures: 'strict',
      output: { entryFileNames: '[name].js', codeSplitting: false },
    },
  },
});
