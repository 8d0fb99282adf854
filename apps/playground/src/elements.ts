// The embeddable custom elements (dist/embed/webgrad-elements.js): one <script type="module">
// defines <webgrad-playground>, <webgrad-chart> and <webgrad-graph>, configured by attributes.
// Unlike main.ts it registers no service worker: the host page owns its own origin's caching.
export { WebgradPlayground } from './playground.js';
export { WebgradChart } from './components/chart.js';
export { WebgradGraph } from './components/graph-view.js';
