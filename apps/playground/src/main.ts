// The playground page's entry: defines the elements (index.html places <webgrad-playground>)
// and, in a built site, registers the service worker that keeps it working offline.
import '@webgrad/elements';

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`).catch((e: unknown) => console.warn('offline support unavailable:', e));
}
