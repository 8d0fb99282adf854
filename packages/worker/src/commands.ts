// Checks a message the worker received before anything acts on it: whatever arrives (null, a
// string, a command with a field of the wrong type or an inherited key), it either becomes a
// well-typed Command or an error that names the command, the field, the value and what fits.
import { BACKENDS, LIMITS, numberIn, objectOf, oneOf, onlyKeys, parseConfig, parseLiveSetting } from './config.js';
import { describeValue, fail } from './describe.js';
import type { Command } from './protocol.js';

/** Every command type, and the fields each takes besides `type` and `id`. */
const FIELDS = {
  load: ['config'],
  play: [],
  pause: [],
  step: ['count'],
  reset: [],
  set: ['key', 'value'],
  setParameter: ['path', 'values'],
  freeze: ['glob', 'frozen'],
  snapshot: [],
  boundary: ['resolution'],
  neurons: ['resolution'],
  predict: ['input', 'shape'],
  saveCheckpoint: [],
  loadCheckpoint: ['buffer'],
  setBackend: ['name'],
} as const satisfies { [K in Command['type']]: readonly string[] };

/** Commands whose answer is a reply of their own, so they need an id to pair it with. */
const NEED_ID: readonly Command['type'][] = ['snapshot', 'boundary', 'neurons', 'predict', 'saveCheckpoint', 'loadCheckpoint'];

/** Command type names. */
export const COMMAND_TYPES = Object.keys(FIELDS) as Command['type'][];

/** A refused message, with what the error event needs: the command's type and id when they could be read. */
export class CommandError extends Error {
  constructor(message: string, readonly command: Command['type'] | 'unknown', readonly id: number | undefined) {
    super(message);
  }
}

/** The id of a message, when it has a usable one of its own (a non-negative safe integer). */
export function idOf(message: unknown): number | undefined {
  if (typeof message !== 'object' || message === null || !Object.hasOwn(message, 'id')) return undefined;
  const id = (message as { id: unknown }).id;
  return Number.isSafeInteger(id) && (id as number) >= 0 ? (id as number) : undefined;
}

/** The type of a message, when it names a known command. */
export function typeOf(message: unknown): Command['type'] | undefined {
  if (typeof message !== 'object' || message === null || !Object.hasOwn(message, 'type')) return undefined;
  const type = (message as { type: unknown }).type;
  return typeof type === 'string' && (COMMAND_TYPES as string[]).includes(type) ? (type as Command['type']) : undefined;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > LIMITS.pathChars) fail(`${what} must be a string of 1 to ${LIMITS.pathChars} characters, got ${describeValue(value)}`);
  return value;
}

function finiteValues(value: unknown, what: string): Float32Array {
  if (!(value instanceof Float32Array)) fail(`${what} must be a Float32Array, got ${describeValue(value)}`);
  const bad = value.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) fail(`${what} must be finite, got ${value[bad]} at index ${bad}`);
  return value;
}

function shapeOf(value: unknown, what: string): number[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > 4) fail(`${what} must be a list of 1 to 4 sizes, got ${describeValue(value)}`);
  return value.map((d, i) => numberIn(d, `${what}[${i}]`, 1, LIMITS.samples * LIMITS.features, { integer: true }));
}

/** The fields of a checked message, as its Command. */
function fields(type: Command['type'], m: Record<string, unknown>, id: number | undefined): Command {
  const withId = id === undefined ? {} : { id };
  switch (type) {
    case 'load': return { type, config: parseConfig(m.config), ...withId };
    case 'play':
    case 'pause':
    case 'reset': return { type, ...withId };
    case 'step': return { type, count: numberIn(m.count, 'step: count', 1, LIMITS.stepsPerCommand, { integer: true }), ...withId };
    case 'set': return { type, ...parseLiveSetting(m.key, m.value), ...withId };
    case 'setParameter': return { type, path: text(m.path, 'setParameter: path'), values: finiteValues(m.values, 'setParameter: values'), ...withId };
    case 'freeze': {
      if (typeof m.frozen !== 'boolean') fail(`freeze: frozen must be true or false, got ${describeValue(m.frozen)}`);
      return { type, glob: text(m.glob, 'freeze: glob'), frozen: m.frozen, ...withId };
    }
    case 'snapshot':
    case 'saveCheckpoint': return { type, id: id! };
    case 'boundary':
    case 'neurons': return { type, id: id!, resolution: numberIn(m.resolution, `${type}: resolution`, 2, LIMITS.resolution, { integer: true }) };
    case 'predict': {
      const input = finiteValues(m.input, 'predict: input');
      const shape = shapeOf(m.shape, 'predict: shape');
      const size = shape.reduce((a, b) => a * b, 1);
      if (size !== input.length) fail(`predict: shape [${shape.join(',')}] holds ${size} values, but input has ${input.length}`);
      return { type, id: id!, input, shape };
    }
    case 'loadCheckpoint': {
      if (!(m.buffer instanceof ArrayBuffer)) fail(`loadCheckpoint: buffer must be an ArrayBuffer, got ${describeValue(m.buffer)}`);
      return { type, id: id!, buffer: m.buffer };
    }
    case 'setBackend': return { type, name: oneOf(m.name, BACKENDS, 'setBackend: name'), ...withId };
    default: return type satisfies never;
  }
}

/** Checks a received message; throws a {@link CommandError} saying what was wrong. */
export function parseCommand(message: unknown): Command {
  const type = typeOf(message);
  const id = idOf(message);
  try {
    const m = objectOf(message, 'a command', `{"type": "play"}`) as Record<string, unknown>;
    if (type === undefined) fail(`a command's type must be one of ${COMMAND_TYPES.join(', ')}, got ${describeValue(Object.hasOwn(m, 'type') ? m.type : undefined)}`);
    if (Object.hasOwn(m, 'id') && id === undefined) fail(`${type}: id must be a non-negative integer, got ${describeValue(m.id)}`);
    if (id === undefined && NEED_ID.includes(type)) fail(`${type}: needs an id (a non-negative integer) to pair its reply with`);
    onlyKeys(m, ['type', 'id', ...FIELDS[type]], type);
    // Own fields only: a copy without a prototype, so that `__proto__` or `constructor` read as absent.
    const own = Object.fromEntries(FIELDS[type].map((f) => [f, Object.hasOwn(m, f) ? m[f] : undefined]));
    return fields(type, own, id);
  } catch (e) {
    throw new CommandError((e as Error).message, type ?? 'unknown', id);
  }
}
