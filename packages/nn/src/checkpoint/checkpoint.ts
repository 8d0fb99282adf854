// Model checkpoints in safetensors: parameters and buffers under their dotted paths, optimiser
// slots under `optimizer/<path>/<slot>`, and step, epoch, optimiser and hyperparameters in
// __metadata__. Loading checks everything first and changes nothing unless all of it fits.
import { fromValues, type Tensor } from '../deps.js';
import type { Module } from '../module.js';
import type { Optimizer } from '../optim/optimizer.js';
import { FILE_DTYPE, LOADS_INTO, valuesAs } from './convert.js';
import { scanHeader } from './header-scan.js';
import { CheckpointError, clip, excerpt, fmtShape as fmt, problemsError, quoteName as q } from './problems.js';
import { decodeSafetensors, encodeSafetensors, type DecodeOptions, type SafetensorsDType, type SafetensorsFile, type TensorToWrite } from './safetensors.js';

/** Prefix of the optimiser's slots in a checkpoint: `optimizer/layers.0.weight/m`. */
export const OPTIMIZER_PREFIX = 'optimizer/';

/** The metadata keys `save` writes itself. */
const RESERVED = ['step', 'epoch', 'optimizer', 'optimizer.step', 'optimizer.lr', 'hyperparameters'];

/** What to save beside the weights. */
export interface SaveOptions {
  /** Its slots (moments, ...), step count and learning rate are saved too. */
  optimizer?: Optimizer;
  /** Training step, restored by `hooks.restore`. */
  step?: number;
  /** Training epoch. */
  epoch?: number;
  /** Any JSON-serialisable settings (batch size, schedule, ...), kept as one JSON string. */
  hyperparameters?: Record<string, unknown>;
  /** More string metadata (not the reserved keys step, epoch, optimizer, optimizer.step, optimizer.lr, hyperparameters). */
  metadata?: Record<string, string>;
}

/** How to load. */
export interface LoadOptions {
  /** Restore this optimiser's state too; the file must hold state of an optimiser of the same name. */
  optimizer?: Optimizer;
  /** Every model tensor must be in the file and nothing else may be (default true); false loads what matches. */
  strict?: boolean;
  /** Largest header accepted (default 100 MB, the reference reader's limit). */
  maxHeaderBytes?: number;
  /** Most values in the header (default 1,000,000, about 80,000 tensors; a quarter of it for objects and lists); counted before parsing. */
  maxHeaderTokens?: number;
  /** Accept NaN and ±Infinity in float tensors (default false: a file holding one is refused, naming the tensor and index). */
  allowNonFinite?: boolean;
}

/** What a checkpoint says about itself. */
export interface CheckpointInfo {
  /** The training step saved with it, if any. */
  step?: number;
  /** The epoch saved with it, if any. */
  epoch?: number;
  /** Name of the optimiser whose state it holds. */
  optimizer?: string;
  /** The `hyperparameters` given to {@link save}, parsed back from JSON. */
  hyperparameters?: Record<string, unknown>;
  /** All of __metadata__, as strings. */
  metadata: Record<string, string>;
  /** Names of the tensors in the file, with dtype and shape. */
  tensors: { name: string; dtype: SafetensorsDType; shape: readonly number[] }[];
}

/** Parameters and buffers by dotted path. */
function modelTensors(model: Module): [string, Tensor][] {
  return [...model.namedParameters(), ...model.namedBuffers()];
}

function metadataOf({ optimizer, step, epoch, hyperparameters, metadata = {} }: SaveOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(metadata)) {
    if (RESERVED.includes(k)) throw new Error(`checkpoint.save: metadata key '${k}' is reserved; give it as an option (${RESERVED.join(', ')})`);
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true }); // "__proto__" stays a key
  }
  if (step !== undefined) out.step = String(step);
  if (epoch !== undefined) out.epoch = String(epoch);
  if (optimizer) Object.assign(out, { optimizer: optimizer.name, 'optimizer.step': String(optimizer.stepCount), 'optimizer.lr': String(optimizer.lr) });
  if (hyperparameters) out.hyperparameters = JSON.stringify(hyperparameters);
  return out;
}

/**
 * The model's parameters and buffers (and the optimiser's state, if given) as a safetensors
 * file that PyTorch's `safetensors.torch.load_file` reads. Every value is read from the
 * backend in one batch of reads, so the snapshot is of one moment.
 * @example
 * ```ts
 * const bytes = await nn.checkpoint.save(model, { optimizer });
 * nn.checkpoint.load(model, bytes, { optimizer }); // later, into a model of the same shape
 * ```
 */
export async function save(model: Module, options: SaveOptions = {}): Promise<ArrayBuffer> {
  const entries = modelTensors(model);
  if (options.optimizer) for (const [key, t] of options.optimizer.state()) entries.push([OPTIMIZER_PREFIX + key, t]);
  const disposed = entries.filter(([, t]) => t.isDisposed).map(([name]) => name);
  if (disposed.length) throw new Error(`checkpoint.save: these tensors were disposed: ${disposed.join(', ')}`);
  const metadata = metadataOf(options);
  const values = await Promise.all(entries.map(([, t]) => t.data()));
  return encodeSafetensors(entries.map(([name, t], i): [string, TensorToWrite] => [name, { dtype: FILE_DTYPE[t.dtype], shape: t.shape, values: values[i]! }]), metadata);
}

type Planned = [target: Tensor, values: Float32Array | Int32Array | Uint8Array];

/** Checks the file's tensors against the model's; returns what to assign where. */
function planWeights(model: Module, file: SafetensorsFile, { strict, allowNonFinite }: { strict: boolean; allowNonFinite: boolean }, problems: string[]): Planned[] {
  const plan: Planned[] = [];
  const own = modelTensors(model);
  for (const [prefix, m] of model.namedModules()) problems.push(...m.checkpointProblems((name) => file.tensors.has(prefix ? `${prefix}.${name}` : name)));
  for (const [path, target] of own) {
    const t = file.tensors.get(path);
    if (!t) {
      if (strict) problems.push(`${q(path)} (${target.dtype} ${fmt(target.shape)}) is in the model but not in the file`);
      continue;
    }
    const before = problems.length;
    if (target.isDisposed) problems.push(`${q(path)}: the model's tensor was disposed`);
    if (fmt(t.shape) !== fmt(target.shape)) problems.push(`${q(path)}: shape ${fmt(t.shape)} in the file, ${fmt(target.shape)} in the model`);
    if (!LOADS_INTO[target.dtype].includes(t.dtype)) problems.push(`${q(path)}: dtype ${t.dtype} in the file, ${target.dtype} in the model (which loads from ${LOADS_INTO[target.dtype].join(', ')})`);
    if (problems.length > before) continue;
    const values = valuesAs(path, t, target.dtype, { allowNonFinite });
    if (typeof values === 'string') problems.push(values);
    else plan.push([target, values]);
  }
  if (strict) {
    const known = new Set(own.map(([path]) => path));
    for (const [name, t] of file.tensors) {
      if (!known.has(name) && !name.startsWith(OPTIMIZER_PREFIX)) problems.push(`${q(name)} (${t.dtype} ${fmt(t.shape)}) is in the file but not in the model`);
    }
  }
  return plan;
}

/** A metadata number, or a problem when present but malformed. */
function metaNumber(metadata: Readonly<Record<string, string>>, key: string, problems: string[], integer = true): number | undefined {
  const raw = Object.hasOwn(metadata, key) ? metadata[key] : undefined;
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || (integer && (!Number.isInteger(v) || v < 0))) {
    problems.push(`__metadata__ ${q(key)} is ${excerpt(raw)}, expected ${integer ? 'a non-negative integer' : 'a number'}`);
    return undefined;
  }
  return v;
}

interface OptimizerPlan {
  slots: [key: string, like: Tensor, values: Float32Array][];
  stepCount: number;
  lr: number | undefined;
}

/** Checks the file's optimiser state against the optimiser and the model's parameters. */
function planOptimizer(model: Module, optimizer: Optimizer, file: SafetensorsFile, allowNonFinite: boolean, problems: string[]): OptimizerPlan | undefined {
  const name = Object.hasOwn(file.metadata, 'optimizer') ? file.metadata.optimizer : undefined;
  if (name === undefined) return void problems.push('the file holds no optimiser state (it was saved without an optimizer); load without { optimizer } to restore the weights alone');
  if (name !== optimizer.name) problems.push(`the file holds ${clip(name)} optimiser state, the optimiser given is ${optimizer.name}`);
  const params = new Map(model.namedParameters());
  const slots: OptimizerPlan['slots'] = [];
  for (const [key, t] of file.tensors) {
    if (!key.startsWith(OPTIMIZER_PREFIX)) continue;
    const slotKey = key.slice(OPTIMIZER_PREFIX.length);
    const path = slotKey.slice(0, Math.max(slotKey.lastIndexOf('/'), 0));
    const param = params.get(path);
    if (!param) {
      problems.push(`${q(key)} is optimiser state for ${q(path)}, which is not a parameter of the model`);
      continue;
    }
    if (fmt(t.shape) !== fmt(param.shape)) {
      problems.push(`${q(key)}: shape ${fmt(t.shape)} in the file, the parameter ${q(path)} is ${fmt(param.shape)}`);
      continue;
    }
    const values = valuesAs(key, t, 'float32', { allowNonFinite });
    if (typeof values === 'string') problems.push(values);
    else slots.push([slotKey, param, values as Float32Array]);
  }
  const stepCount = metaNumber(file.metadata, 'optimizer.step', problems) ?? 0;
  return { slots, stepCount, lr: metaNumber(file.metadata, 'optimizer.lr', problems, false) };
}

/** Header facts of a checkpoint, without touching any model. Throws what is wrong with the file. */
export function inspect(buffer: ArrayBuffer | Uint8Array, limits: DecodeOptions = {}): CheckpointInfo {
  const file = decodeSafetensors(buffer, limits);
  const problems: string[] = [];
  const info = infoOf(file, problems);
  if (problems.length) throw problemsError('checkpoint: invalid metadata', problems);
  return info;
}

/** The hyperparameters JSON, or undefined when it is not a small, shallow JSON object (it is informational only: the raw string stays in metadata). */
function parseHyperparameters(text: string): Record<string, unknown> | undefined {
  if (text.length > 1_000_000) return undefined;
  try {
    scanHeader(new TextEncoder().encode(text), { maxDepth: 64, maxTokens: 100_000 }); // bounds JSON.parse's work
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function infoOf(file: SafetensorsFile, problems: string[]): CheckpointInfo {
  const hyperparameters = Object.hasOwn(file.metadata, 'hyperparameters') ? parseHyperparameters(file.metadata.hyperparameters!) : undefined;
  return {
    step: metaNumber(file.metadata, 'step', problems),
    epoch: metaNumber(file.metadata, 'epoch', problems),
    optimizer: Object.hasOwn(file.metadata, 'optimizer') ? file.metadata.optimizer : undefined,
    hyperparameters,
    metadata: Object.defineProperties({}, Object.getOwnPropertyDescriptors(file.metadata)),
    tensors: Array.from(file.tensors, ([name, t]) => ({ name, dtype: t.dtype, shape: t.shape })),
  };
}

/**
 * Restores a model (and optimiser) from a checkpoint made by {@link save}, in place via
 * `tensor.assign`. Everything is checked first (format, names, shapes, dtypes, optimiser): if
 * anything is wrong a {@link CheckpointError} lists all of it and nothing has changed.
 * @example
 * ```ts
 * const info = nn.checkpoint.load(model, await nn.checkpoint.readFile('model.safetensors'));
 * console.log(info.step, info.tensors.length);
 * ```
 */
export function load(model: Module, buffer: ArrayBuffer | Uint8Array, { optimizer, strict = true, maxHeaderBytes, maxHeaderTokens, allowNonFinite = false }: LoadOptions = {}): CheckpointInfo {
  const title = 'checkpoint: cannot load; the model is unchanged';
  let file: SafetensorsFile;
  try {
    file = decodeSafetensors(buffer, { maxHeaderBytes, maxHeaderTokens });
  } catch (e) {
    throw problemsError(title, e instanceof CheckpointError ? e.problems : [(e as Error).message]);
  }
  const problems: string[] = [];
  const weights = planWeights(model, file, { strict, allowNonFinite }, problems);
  const state = optimizer ? planOptimizer(model, optimizer, file, allowNonFinite, problems) : undefined;
  const info = infoOf(file, problems);
  if (problems.length) throw problemsError(title, problems);
  for (const [target, values] of weights) target.assign(fromValues(values, target.shape, target.dtype, target.backend));
  if (optimizer && state) {
    const tensors = new Map(state.slots.map(([key, like, values]): [string, Tensor] => [key, fromValues(values, like.shape, 'float32', like.backend)]));
    optimizer.dispose(); // drop slots the file does not have, so the state is exactly the file's
    optimizer.loadState(tensors, state.stepCount);
    for (const t of tensors.values()) t.dispose();
    if (state.lr !== undefined) optimizer.lr = state.lr;
  }
  return info;
}
