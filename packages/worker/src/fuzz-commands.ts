// fast-check generators of messages to the training worker: anything at all, and valid commands
// with one field mutated, a key dropped or added, so that fuzzing reaches past the first check.
// Shared by the Node fuzz test of the Session and the Chromium one of the real worker.
import fc from 'fast-check';
import { DEFAULT_CONFIG, type PlaygroundConfig } from './protocol.js';

/** A small run that builds and steps in a few milliseconds. */
export const FUZZ_BASE_CONFIG: PlaygroundConfig = { ...DEFAULT_CONFIG, backend: 'js', dataset: { kind: 'xor', samples: 40, noise: 0.1 }, hidden: [3], batchSize: 8 };

/** Values that break naive checks: wrong types, edge numbers, inherited names, huge and typed data. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, NaN, Infinity, -Infinity, -0, 0, 1, -1, 1e30, 2 ** 31, 2 ** 53, 0.5, '', 'constructor', '__proto__', 'toString', 'hasOwnProperty', '**', '*'.repeat(80), true, false, [], {}),
  fc.integer({ min: -5, max: 20_000 }),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.array(fc.integer({ min: -2, max: 2000 }), { maxLength: 10 }),
  fc.float32Array({ maxLength: 16 }),
  fc.uint8Array({ maxLength: 64 }).map((b) => b.buffer),
  fc.int32Array({ maxLength: 8 }),
  fc.anything({ maxDepth: 2 }),
);

const valid: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.constant({ type: 'load', config: FUZZ_BASE_CONFIG }),
  fc.constant({ type: 'play' }),
  fc.constant({ type: 'pause' }),
  fc.integer({ min: 1, max: 20 }).map((count) => ({ type: 'step', count })),
  fc.constant({ type: 'reset' }),
  fc.constantFrom('lr', 'batchSize', 'l1', 'l2').map((key) => ({ type: 'set', key, value: key === 'batchSize' ? 4 : 0.01 })),
  fc.constant({ type: 'setParameter', path: 'layers.0.bias', values: new Float32Array(3) }),
  fc.constantFrom('**', 'layers.0.*', 'layers.*.bias').map((glob) => ({ type: 'freeze', glob, frozen: true })),
  fc.constant({ type: 'snapshot' }),
  fc.constant({ type: 'boundary', resolution: 4 }),
  fc.constant({ type: 'neurons', resolution: 4 }),
  fc.constant({ type: 'predict', input: new Float32Array([0.5, -0.5]), shape: [1, 2] }),
  fc.constant({ type: 'saveCheckpoint' }),
  fc.uint8Array({ maxLength: 256 }).map((b) => ({ type: 'loadCheckpoint', buffer: b.buffer })),
  fc.constantFrom('js', 'wasm', 'auto', 'webgpu').map((name) => ({ type: 'setBackend', name })),
);

const configKeys = [...Object.keys(DEFAULT_CONFIG), '__proto__', 'constructor', 'extra'];
/** A valid config with one key set to something else, or removed. */
const mutatedConfig = fc.tuple(fc.constantFrom(...configKeys), hostileValue, fc.boolean()).map(([key, value, remove]) => {
  const config: Record<string, unknown> = { ...FUZZ_BASE_CONFIG };
  if (remove) delete config[key];
  else Object.defineProperty(config, key, { value, enumerable: true, configurable: true, writable: true });
  return config;
});

/** A valid command (with or without an id) with at most one field changed. */
const mutated = fc.tuple(valid, fc.option(fc.integer({ min: 0, max: 1_000_000 })), fc.option(fc.tuple(fc.constantFrom('type', 'id', 'count', 'key', 'value', 'path', 'values', 'glob', 'frozen', 'resolution', 'input', 'shape', 'buffer', 'name', 'config', 'extra', '__proto__'), hostileValue)), mutatedConfig, fc.boolean()).map(([command, id, change, config, swapConfig]) => {
  const m: Record<string, unknown> = { ...command };
  if (id !== null) m.id = id;
  if (swapConfig && m.type === 'load') m.config = config;
  if (change) Object.defineProperty(m, change[0], { value: change[1], enumerable: true, configurable: true, writable: true });
  return m;
});

/** Any message a page, a bug or an attacker might post to the worker. */
export const fuzzMessage: fc.Arbitrary<unknown> = fc.oneof({ arbitrary: mutated, weight: 4 }, { arbitrary: hostileValue, weight: 1 });
