// @webgrad/worker: a Trainer in a Web Worker behind a typed command/event protocol.
/**
 * A Trainer in a Web Worker behind a typed command/event protocol.
 * @module @webgrad/worker
 */
export * from './protocol.js';
export { buildRun, loadDataset, validateConfig, type Run } from './build.js';
export { Session, type Emit } from './session.js';
export { MetricsBuffer } from './metrics-buffer.js';
export { TrainingClient, type Port } from './client.js';
export { decisionBoundary, neuronActivations, snapshotParameters, type LayerActivations } from './views.js';
