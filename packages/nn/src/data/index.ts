// Datasets: in-memory samples, and the loaders and built-in sets that make them.
export { Dataset, fromArrays, permutation, type Batch, type BatchOptions, type Column } from './dataset.js';
