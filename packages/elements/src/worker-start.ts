// Starts the training worker wherever the elements bundle is served from. Browsers refuse a
// worker script from another origin (a page importing the elements from a CDN); a same-origin
// blob: module that imports it is allowed, and the worker's own URLs (its .wasm kernels) still
// resolve from the CDN, which must send CORS headers as CDNs do.
import trainingWorkerUrl from './training-worker.ts?worker&url';

/** A module worker running the training session. */
export function startTrainingWorker(): Worker {
  const url = new URL(trainingWorkerUrl, import.meta.url);
  if (url.origin === location.origin) return new Worker(url, { type: 'module' });
  const trampoline = new Blob([`import ${JSON.stringify(url.href)};`], { type: 'text/javascript' });
  return new Worker(URL.createObjectURL(trampoline), { type: 'module' });
}
