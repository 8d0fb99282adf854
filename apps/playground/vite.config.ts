// Builds the playground as a static site. COOP/COEP make the page cross-origin isolated so the
// wasm backend can use threads; the worker is an ES module.
import { existsSync, readdirSync } from 'node:fs';
import { defaultClientConditions, defineConfig } from 'vite';

const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources.
  resolve: { conditions: ['@webgrad/source', ...defaultClientConditions] },
  worker: { format: 'es' },
  server: { headers: isolation },
  preview: { headers: isolation, host: '127.0.0.1' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    // The playground and every lesson page (lessons/*.html) are entries of one static site.
    rollupOptions: { input: ['index.html', ...lessonPages()] },
  },
});

function lessonPages(): string[] {
  const dir = new URL('./lessons', import.meta.url);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => `lessons/${f}`);
}
