// The Web Worker's entry: wires the session to postMessage. Load it with
// `new Worker(new URL('@webgrad/worker/worker-entry', import.meta.url), { type: 'module' })`.
import '@webgrad/autograd';
import '@webgrad/backend-wasm';
import '@webgrad/backend-webgpu';
import type { WorkerEvent } from './protocol.js';
import { Session } from './session.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new Session((event, transfer = []) => scope.postMessage(event, transfer));
// Whatever arrives is checked and answered; commands are handled one at a time, in order (play
// returns at once and trains in slices; pause, load and reset interrupt a running play or step).
scope.onmessage = (e: MessageEvent<unknown>) => void session.receive(e.data);
// A message that could not be deserialised still gets an answer.
scope.onmessageerror = () => scope.postMessage({ type: 'error', command: 'unknown', message: 'a message to the worker could not be deserialised (messageerror)' } satisfies WorkerEvent);
