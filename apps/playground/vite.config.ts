// Builds the playground as a static site. COOP/COEP make the page cross-origin isolated so the
// wasm backend can use threads; the worker is an ES module.
import { defaultClientConditions, defineConfig } from 'vite';

const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  worker: { format: 'es' },
  server: { headers: isolation },
  preview: { headers: isolation, host: '127.0.0.1' },
  build: { target: 'es2022', outDir: 'dist' },
});
