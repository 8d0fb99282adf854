// Builds the benchmark page (index.html, src/browser.ts) into dist/browser for headless Chromium.
import { defineConfig } from 'vite';

export default defineConfig({
  build: { outDir: 'dist/browser', emptyOutDir: true, target: 'esnext', chunkSizeWarningLimit: 4096 },
  worker: { format: 'es' },
});
