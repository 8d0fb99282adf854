// @webgrad/elements: the embeddable custom elements. Importing it (or one <script type="module">
// of the built dist/webgrad-elements.js) defines <webgrad-playground>, <webgrad-chart> and
// <webgrad-graph>, configured by attributes. It registers no service worker: the host page owns
// its own origin's caching.
export { WebgradPlayground } from './playground.js';
export { WebgradChart } from './components/chart.js';
export { WebgradGraph } from './components/graph-view.js';
export type { ChartColumns } from './components/chart-columns.js';
