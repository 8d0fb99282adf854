// Builds dist/cdn/webgrad.js, the library in one ES module for pages without a bundler (a
// <script type="module"> import from any folder or CDN).
import { defineConfig } from 'vite';
import { libraryConfig } from '../../scripts/vite-library.js';

export default defineConfig(libraryConfig({ webgrad: 'cdn/webgrad.ts' }, 'dist/cdn'));
