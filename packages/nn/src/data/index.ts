// Datasets: in-memory samples, and the loaders and built-in sets that make them.
export { Dataset, fromArrays, permutation, type Batch, type BatchOptions, type Column } from './dataset.js';
export { prefetchBatches, type PrefetchOptions } from './prefetch.js';
export { fromCsv, parseCsv, type CsvOptions, type CsvTable } from './csv.js';
export { decodeImage, fromImages, fromPixels, pixelsToFeatures, type DecodeOptions, type ImageFeatureOptions, type ImageSource, type Pixels } from './images.js';
export { blobs, circle, plane, spirals, xor, type SyntheticOptions } from './synthetic.js';
export { leastSquares, studyHours, type Line } from './study-hours.js';
export { DIGITS_SAMPLES, digits, digitsUrl, gunzip, loadDigits, parseDigits, type DigitsLoadOptions, type DigitsOptions } from './digits.js';
