// Checkpoints: safetensors files of a model's weights and optimiser state, and where to keep them.
export { inspect, load, OPTIMIZER_PREFIX, save, type CheckpointInfo, type LoadOptions, type SaveOptions } from './checkpoint.js';
export { decodeSafetensors, encodeSafetensors, MAX_HEADER_BYTES, SAFETENSORS_DTYPES, type DecodeOptions, type SafetensorsDType, type SafetensorsFile, type TensorRead, type TensorToWrite } from './safetensors.js';
export { MAX_HEADER_DEPTH, MAX_HEADER_TOKENS } from './header-scan.js';
export { CheckpointError } from './problems.js';
export { fileStore, fromBlob, indexedDBStore, memoryStore, platformStore, readFile, toBlob, writeFile, type CheckpointStore } from './storage.js';
export { defaultStore, type CheckpointHookOptions } from './hooks.js';
