// The Vite settings of a bundle other pages import without a bundler of their own (webgradjs's
// single-file build, @webgrad/elements): one ES module per entry and per worker, every asset a
// file of its own, and a relative base so every asset and worker URL resolves from the bundle's
// own import.meta.url and the folder can be hosted anywhere.
import { defaultClientConditions, type UserConfig } from 'vite';

/** A library build of `input` (name → entry file) into `outDir`, opening with `banner` if given. */
export function libraryConfig(input: Record<string, string>, outDir: string, banner?: string): UserConfig {
  return {
    base: './',
    publicDir: false,
    resolve: { conditions: ['@webgrad/source', ...defaultClientConditions] },
    // One file per worker too: the backends' lazy imports would otherwise split off chunks.
    worker: { format: 'es', rollupOptions: { output: { codeSplitting: false } } },
    build: {
      target: 'es2022',
      outDir,
      emptyOutDir: true,
      modulePreload: false,
      // Node's worker_threads and strict CSPs both want real URLs, not inlined data.
      assetsInlineLimit: 0,
      rollupOptions: {
        input,
        // Keep the entry's exports: this is a module other pages import, not an app.
        preserveEntrySignatures: 'strict',
        output: { entryFileNames: '[name].js', codeSplitting: false, ...(banner && { postBanner: banner }) },
      },
    },
  };
}
