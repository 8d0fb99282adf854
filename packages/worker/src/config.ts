// The one validator of a playground configuration: the URL hash, the `config` attribute and the
// worker's `load` all go through `parseConfig`. The names each enumerated field accepts and the
// limits on sizes are stated here once; build.ts maps the names onto the training library.
import { describeValue, fail } from './describe.js';

/** Datasets a configuration can name. */
export const DATASETS = ['spirals', 'circle', 'xor', 'blobs', 'plane', 'digits', 'csv'] as const;
/** The 2-D synthetic sets among them. */
export const SYNTHETIC_DATASETS = ['spirals', 'circle', 'xor', 'blobs', 'plane'] as const;
/** Hidden-layer activations. */
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'leakyRelu', 'elu', 'gelu'] as const;
/** Losses; 'auto' is softmax cross-entropy for classes, mean squared error for a regression target. */
export const LOSSES = ['auto', 'softmaxCrossEntropy', 'mse', 'mae', 'huber'] as const;
/** Optimisers, by their names in `nn.optim`. */
export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adagrad', 'adadelta', 'rmsprop', 'adam', 'adamw'] as const;
/** Learning-rate schedules. */
export const SCHEDULES = ['constant', 'step', 'exponential', 'cosine', 'warmup'] as const;
/** Backends; 'auto' is the best one that starts by `ready()`'s rule: WebGPU on a hardware adapter, else wasm, else js. */
export const BACKENDS = ['auto', 'js', 'wasm', 'webgpu'] as const;
/** Hyperparameters that can change while training runs. */
export const LIVE_SETTINGS = ['lr', 'batchSize', 'l1', 'l2'] as const;

/** Every size limit of a session, in one place. */
export const LIMITS = {
  /** Samples of a synthetic set. */
  samples: 10_000,
  /** Rows of a CSV dataset. */
  csvRows: 100_000,
  /** Characters of a CSV text. */
  csvChars: 64 * 1024 * 1024,
  /** Input features per sample. */
  features: 4096,
  /** Classes of a classification target (the output layer's width). */
  classes: 1000,
  hiddenLayers: 8,
  /** Weights and biases of the whole network. */
  parameters: 4_000_000,
  width: 1024,
  batchSize: 4096,
  /** Steps one `step` command may ask for. */
  stepsPerCommand: 10_000,
  /** The largest learning rate. */
  lr: 10,
  /** The largest L1/L2 penalty. */
  regularization: 10,
  /** Noise of a synthetic set. */
  noise: 5,
  /** Resolution of the boundary and neuron views. */
  resolution: 256,
  /** Characters of a parameter path or glob. */
  pathChars: 256,
} as const;

/** A 2-D synthetic set, the digits, or a CSV the user supplied. */
export type DatasetConfig =
  | { kind: (typeof SYNTHETIC_DATASETS)[number]; samples?: number; noise?: number }
  | { kind: 'digits' }
  | { kind: 'csv'; text: string; labelColumn?: string | number };

/** Everything needed to build a training run; it round-trips through the page URL. */
export interface PlaygroundConfig {
  dataset: DatasetConfig;
  /** Hidden layer widths, in order. */
  hidden: number[];
  activation: (typeof ACTIVATIONS)[number];
  loss: (typeof LOSSES)[number];
  optimizer: (typeof OPTIMIZERS)[number];
  lr: number;
  schedule: (typeof SCHEDULES)[number];
  batchSize: number;
  l1: number;
  l2: number;
  dropout: number;
  /** Fraction of samples held out for validation. */
  validation: number;
  seed: number;
  backend: (typeof BACKENDS)[number];
}

/** One hyperparameter that can change while training runs. */
export type LiveSetting = (typeof LIVE_SETTINGS)[number];

/** The defaults a fresh playground starts from. */
export const DEFAULT_CONFIG: PlaygroundConfig = {
  dataset: { kind: 'spirals', samples: 400, noise: 0.1 },
  hidden: [16, 16],
  activation: 'tanh',
  loss: 'auto',
  optimizer: 'adam',
  lr: 0.01,
  schedule: 'constant',
  batchSize: 32,
  l1: 0,
  l2: 0,
  dropout: 0,
  validation: 0.2,
  seed: 1,
  backend: 'auto',
};

const where = 'configuration';

/** An own property of a plain object (inherited keys such as `constructor` do not count). */
function own(o: object, key: string): unknown {
  return Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined;
}

/** A plain object, or an error naming `what`. */
export function objectOf(value: unknown, what: string, example: string): object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${what} must be an object such as ${example}, got ${describeValue(value)}`);
  return value;
}

/** Refuses keys outside `known`, naming the first one. */
export function onlyKeys(o: object, known: readonly string[], what: string): void {
  const unknown = Object.keys(o).find((k) => !known.includes(k));
  if (unknown !== undefined) fail(`${what}: unknown key ${describeValue(unknown)} (keys: ${known.join(', ')})`);
}

/** One of `names`, compared as an own string, never through inherited keys. */
export function oneOf<T extends string>(value: unknown, names: readonly T[], what: string): T {
  if (typeof value !== 'string' || !(names as readonly string[]).includes(value)) fail(`${what} must be one of ${names.join(', ')}, got ${describeValue(value)}`);
  return value as T;
}

/** A finite number in [min, max] (`above`: min itself excluded); integers only when asked. */
export function numberIn(value: unknown, what: string, min: number, max: number, { integer = false, above = false } = {}): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && (above ? value > min : value >= min) && value <= max && (!integer || Number.isInteger(value));
  if (!ok) fail(`${what} must be ${integer ? 'an integer' : 'a number'} in ${above ? '(' : '['}${min}, ${max}], got ${describeValue(value)}`);
  // -0 becomes 0: a config is the same after a trip through a link.
  return (value as number) + 0;
}

function parseDataset(value: unknown): DatasetConfig {
  const d = objectOf(value, `${where}: dataset`, '{"kind": "spirals"}');
  const kind = oneOf(own(d, 'kind'), DATASETS, `${where}: dataset kind`);
  if (kind === 'digits') {
    onlyKeys(d, ['kind'], `${where}: dataset`);
    return { kind };
  }
  if (kind === 'csv') {
    onlyKeys(d, ['kind', 'text', 'labelColumn'], `${where}: dataset`);
    const text = own(d, 'text');
    if (typeof text !== 'string') fail(`${where}: a csv dataset needs its text as a string, got ${describeValue(text)}`);
    if (text.length > LIMITS.csvChars) fail(`${where}: the csv text has ${text.length} characters, more than the limit of ${LIMITS.csvChars}`);
    const label = own(d, 'labelColumn');
    if (label === undefined) return { kind, text };
    if (typeof label === 'string') {
      if (label.length > LIMITS.pathChars) fail(`${where}: csv labelColumn must be a column name of at most ${LIMITS.pathChars} characters, got ${describeValue(label)}`);
      return { kind, text, labelColumn: label };
    }
    return { kind, text, labelColumn: numberIn(label, `${where}: csv labelColumn`, 0, LIMITS.features, { integer: true }) };
  }
  onlyKeys(d, ['kind', 'samples', 'noise'], `${where}: dataset`);
  const out: DatasetConfig = { kind };
  const samples = own(d, 'samples');
  const noise = own(d, 'noise');
  if (samples !== undefined) out.samples = numberIn(samples, `${where}: samples`, 1, LIMITS.samples, { integer: true });
  if (noise !== undefined) out.noise = numberIn(noise, `${where}: noise`, 0, LIMITS.noise);
  return out;
}

function parseHidden(value: unknown): number[] {
  if (!Array.isArray(value) || value.length > LIMITS.hiddenLayers) fail(`${where}: hidden must be a list of at most ${LIMITS.hiddenLayers} layer widths, got ${describeValue(value)}`);
  return value.map((h, i) => numberIn(h, `${where}: hidden layer ${i + 1}'s width`, 1, LIMITS.width, { integer: true }));
}

/**
 * Checks a complete configuration and returns a fresh copy of it: own properties only, no
 * unknown keys, real finite numbers within {@link LIMITS}, every name from its list. Throws an
 * Error naming the field, the value given and what is expected.
 */
export function parseConfig(value: unknown): PlaygroundConfig {
  const c = objectOf(value, where, '{"dataset": {"kind": "spirals"}, ...}');
  onlyKeys(c, Object.keys(DEFAULT_CONFIG), where);
  const missing = Object.keys(DEFAULT_CONFIG).find((k) => !Object.hasOwn(c, k));
  if (missing !== undefined) fail(`${where}: '${missing}' is missing`);
  const get = (key: keyof PlaygroundConfig): unknown => own(c, key);
  return {
    dataset: parseDataset(get('dataset')),
    hidden: parseHidden(get('hidden')),
    activation: oneOf(get('activation'), ACTIVATIONS, `${where}: activation`),
    loss: oneOf(get('loss'), LOSSES, `${where}: loss`),
    optimizer: oneOf(get('optimizer'), OPTIMIZERS, `${where}: optimizer`),
    lr: numberIn(get('lr'), `${where}: lr`, 0, LIMITS.lr, { above: true }),
    schedule: oneOf(get('schedule'), SCHEDULES, `${where}: schedule`),
    batchSize: numberIn(get('batchSize'), `${where}: batchSize`, 1, LIMITS.batchSize, { integer: true }),
    l1: numberIn(get('l1'), `${where}: l1`, 0, LIMITS.regularization),
    l2: numberIn(get('l2'), `${where}: l2`, 0, LIMITS.regularization),
    dropout: numberIn(get('dropout'), `${where}: dropout`, 0, 0.95),
    validation: numberIn(get('validation'), `${where}: validation`, 0, 0.9),
    seed: numberIn(get('seed'), `${where}: seed`, 0, 2 ** 31 - 1, { integer: true }),
    backend: oneOf(get('backend'), BACKENDS, `${where}: backend`),
  };
}

/** Checks one live setting's new value, with the same limits as the configuration. */
export function parseLiveSetting(key: unknown, value: unknown): { key: LiveSetting; value: number } {
  const k = oneOf(key, LIVE_SETTINGS, 'set: key');
  switch (k) {
    case 'lr': return { key: k, value: numberIn(value, 'set lr', 0, LIMITS.lr) };
    case 'batchSize': return { key: k, value: numberIn(value, 'set batchSize', 1, LIMITS.batchSize, { integer: true }) };
    case 'l1':
    case 'l2': return { key: k, value: numberIn(value, `set ${k}`, 0, LIMITS.regularization) };
    default: return k satisfies never;
  }
}
