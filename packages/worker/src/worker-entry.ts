// The Web Worker's entry: wires the session to postMessage. Load it with
// `new Worker(new URL('@webgrad/worker/worker-entry', import.meta.url), { type: 'module' })`.
import '@webgrad/autograd';
import '@webgrad/backend-wasm';
import '@webgrad/backend-webgpu';
import { Session } from './session.js';
import type { Command } from './protocol.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new Session((event, transfer = []) => scope.postMessage(event, transfer));
// Commands are handled one at a time, in order; play returns at once and trains in slices.
let queue = Promise.resolve();
scope.onmessage = (e: MessageEvent<Command>) => {
  queue = queue.then(() => session.handle(e.data));
};
