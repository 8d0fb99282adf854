// The PyTorch parity fixtures as the generator wrote them (fixtures/*.json), decoded: every
// tensor is { shape, dtype, data } with data the base64 of its little-endian bytes.
import { readFileSync } from 'node:fs';
import type { DType } from '@webgrad/tensor';

/** A tensor as stored: its bytes are float32, int32 or (for bool) uint8, little-endian. */
export interface StoredTensor {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly data: string;
}

/** A decoded tensor: shape, dtype and values. */
export interface Values {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly values: ArrayLike<number>;
}

/** A webgrad argument: JSON, where { $: i } stands for input i and { $layer, args } for a layer. */
export type Arg = null | boolean | number | string | readonly Arg[] | { readonly [key: string]: Arg };

/** What torch computed at the inputs: the value, and gradients of sum(out * cot) w.r.t. inputs `wrt`. */
export interface Evaluated {
  readonly inputs: readonly StoredTensor[];
  readonly out: StoredTensor;
  readonly cot?: StoredTensor;
  readonly wrt?: readonly number[];
  readonly grads?: readonly StoredTensor[];
  /** Second order: the gradients of sum(grads[k] * cot2[k]) over k, w.r.t. inputs `wrt`. */
  readonly cot2?: readonly StoredTensor[];
  readonly grads2?: readonly StoredTensor[];
}

/** An op (or composite) fixture: `wg[fn](...args)`; `op` is what it covers. */
export interface OpFixture extends Evaluated {
  readonly op: string;
  readonly fn: string;
  readonly name: string;
  readonly args: readonly Arg[];
}

/** A layer spec: nn[$layer](...args). */
export interface LayerSpec {
  readonly $layer: string;
  readonly args: readonly Arg[];
}

/** A layer fixture: inputs are [x, ...parameters, named by `params` in webgrad's paths and layout]. */
export interface LayerFixture extends Evaluated {
  readonly layer: string;
  readonly name: string;
  readonly spec: LayerSpec;
  readonly train: boolean;
  readonly params: readonly string[];
  /** Buffers before the forward pass, and after it (the running statistics of batch norm). */
  readonly buffers: { readonly [path: string]: StoredTensor };
  readonly buffersAfter: { readonly [path: string]: StoredTensor };
}

/** A loss fixture: nn[loss](...args), or nn[loss](...make)(...args) for a loss factory (huber). */
export interface LossFixture extends Evaluated {
  readonly loss: string;
  readonly name: string;
  readonly make: readonly Arg[] | null;
  readonly args: readonly Arg[];
}

/** An optimiser trajectory: mse of `model` on `batches` in turn, with nn.optim[optimiser](options). */
export interface OptimiserFixture {
  readonly optimiser: string;
  readonly name: string;
  readonly options: { readonly [key: string]: number };
  readonly model: LayerSpec;
  readonly params: readonly string[];
  readonly start: readonly StoredTensor[];
  readonly batches: readonly (readonly [StoredTensor, StoredTensor])[];
  /** The loss of every step, before its update. */
  readonly losses: StoredTensor;
  /** The parameters after some steps, by step. */
  readonly snapshots: { readonly [step: string]: readonly StoredTensor[] };
}

/** Every fixture, by group. */
export interface Fixtures {
  readonly ops: readonly OpFixture[];
  readonly layers: readonly LayerFixture[];
  readonly losses: readonly LossFixture[];
  readonly optimisers: readonly OptimiserFixture[];
}

const ARRAYS = { float32: Float32Array, int32: Int32Array, bool: Uint8Array } as const;

/** The values of a stored tensor. */
export function decode(t: StoredTensor): Values {
  const bytes = Buffer.from(t.data, 'base64');
  const Array = ARRAYS[t.dtype];
  // Copy into an aligned buffer: a Buffer's offset into its pool need not be a multiple of 4.
  const aligned = new Uint8Array(bytes).buffer;
  return { shape: t.shape, dtype: t.dtype, values: new Array(aligned, 0, bytes.length / Array.BYTES_PER_ELEMENT) };
}

const read = <T>(group: string): readonly T[] =>
  (JSON.parse(readFileSync(new URL(`./fixtures/${group}.json`, import.meta.url), 'utf8')) as { cases: T[] }).cases;

/** Loads every fixture file. */
export function loadFixtures(): Fixtures {
  return { ops: read('ops'), layers: read('layers'), losses: read('losses'), optimisers: read('optimisers') };
}

/** The id of a fixture, as differences.ts names it: group/subject/name. */
export function fixtureId(group: keyof Fixtures, f: OpFixture | LayerFixture | LossFixture | OptimiserFixture): string {
  const subject = 'op' in f ? f.op : 'layer' in f ? f.layer : 'loss' in f ? f.loss : f.optimiser;
  return `${group}/${subject}/${f.name}`;
}
