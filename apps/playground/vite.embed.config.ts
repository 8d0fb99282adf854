// Builds what other pages embed, without a bundler of their own (pnpm build runs it):
//   --mode elements  dist/embed/webgrad-elements.js: <webgrad-playground>, <webgrad-chart>,
//                    <webgrad-graph>, with the training worker and the .wasm kernels beside it
// The library in one module, dist/cdn/webgrad.js, is the umbrella package's (webgradjs/dist/cdn),
// copied into the site by the build script. Lit's and uPlot's licence notices open the bundle.
// A relative base makes every asset and worker URL resolve from the bundle's own import.meta.url,
// so the folder can be hosted anywhere.
import { defaultClientConditions, defineConfig } from 'vite';
import { thirdPartyNotices } from '../../scripts/third-party-notices.mjs';

const builds = {
  elements: { entry: 'src/elements.ts', name: 'webgrad-elements', outDir: 'dist/embed' },
} as const;

export default defineConfig(({ mode }) => {
  const build = builds[mode as keyof typeof builds];
  if (!build) throw new Error(`vite.embed.config: unknown mode '${mode}' (expected one of ${Object.keys(builds).join(', ')})`);
  return {
    base: './',
    publicDir: false,
    resolve: { conditions: ['source', ...defaultClientConditions] },
    worker: { format: 'es' },
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
        output: { entryFileNames: '[name].js', codeSplitting: false, postBanner: thirdPartyNotices(['lit', 'uplot'], import.meta.url) },
      },
    },
  };
});
