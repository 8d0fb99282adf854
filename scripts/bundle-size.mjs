#!/usr/bin/env node
// Run by `pnpm build` after the playground's embed builds: prints the gzip size of the
// JavaScript a page downloads to use webgrad (the .wasm kernels are counted apart), and fails
// when the library entry (dist/cdn/webgrad.js, 'wasm' registered) is over its budget.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const LIBRARY_BUDGET = 100_000; // bytes of gzip, 100 kB
const dist = new URL('../apps/playground/dist/', import.meta.url);

/** The gzip size of a built file, in bytes (level 9, as a CDN would serve it). */
function gzipBytes(path) {
  return gzipSync(readFileSync(new URL(path, dist)), { level: 9 }).length;
}

/** Built files under `folder` whose names start with `prefix` and end with `suffix`. */
function built(folder, prefix, suffix) {
  const dir = new URL(folder, dist);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith(suffix)).map((f) => `${folder}${f}`);
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const rows = [
  ['library: cdn/webgrad.js (tensor, autograd, nn, wasm backend)', 'cdn/webgrad.js'],
  ['elements: embed/webgrad-elements.js (Lit, uPlot, the three elements)', 'embed/webgrad-elements.js'],
  ['elements: the training worker it starts', ...built('embed/assets/', 'training-worker-', '.js')],
  ['wasm kernels, one of four variants a runtime picks', ...built('cdn/assets/', 'kernels-', '.wasm').slice(0, 1)],
];

const missing = rows.filter(([, path]) => !path || !existsSync(new URL(path, dist)));
if (missing.length) {
  console.error(`bundle-size: not built: ${missing.map(([label]) => label).join('; ')}. Run \`pnpm --filter @webgrad/playground run build\` first.`);
  process.exit(1);
}
console.log('bundle sizes (gzip -9):');
for (const [label, path] of rows) console.log(`  ${kB(gzipBytes(path)).padStart(9)}  ${label}`);

const library = gzipBytes('cdn/webgrad.js');
if (library > LIBRARY_BUDGET) {
  console.error(`bundle-size: cdn/webgrad.js is ${kB(library)} gzip, over its budget of ${kB(LIBRARY_BUDGET)}: see what grew with \`cd packages/webgrad && npx vite build -c vite.cdn.config.ts\``);
  process.exit(1);
}
console.log(`  library within its budget: ${kB(library)} of ${kB(LIBRARY_BUDGET)}`);
