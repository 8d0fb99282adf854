// Builds dist/webgrad-elements.js, what other pages embed without a bundler of their own:
// <webgrad-playground>, <webgrad-chart> and <webgrad-graph>, with the training worker and the .wasm
// kernels beside it under assets/. Lit's and uPlot's licence notices open the bundle.
import { defineConfig } from 'vite';
import { libraryConfig } from '../../scripts/vite-library.js';
import { thirdPartyNotices } from '../../scripts/third-party-notices.js';

export default defineConfig(libraryConfig({ 'webgrad-elements': 'src/elements.ts' }, 'dist', thirdPartyNotices(['lit', 'uplot'], import.meta.url)));
