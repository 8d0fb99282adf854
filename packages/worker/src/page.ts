// What a page needs to talk to the training worker, without pulling the training code in:
// the protocol types and the client. Import it as '@webgrad/worker/page'.
export * from './protocol.js';
export { TrainingClient, type Port } from './client.js';
