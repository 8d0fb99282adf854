// The typed protocol between a page and the training worker: commands in, events out. Every
// message is structured-clone safe; metric columns travel as transferable Float32Arrays.
import type { LiveSetting, PlaygroundConfig } from './config.js';

export { ACTIVATIONS, BACKENDS, DATASETS, DEFAULT_CONFIG, LIMITS, LIVE_SETTINGS, LOSSES, OPTIMIZERS, SCHEDULES, SYNTHETIC_DATASETS, parseConfig, parseLiveSetting, type DatasetConfig, type LiveSetting, type PlaygroundConfig } from './config.js';

/**
 * Commands the page sends. Every one is answered exactly once: by its reply ('snapshot',
 * 'loaded', …), or, for one that has no reply of its own and carries an `id`, by 'done' with that
 * id; or by an 'error' that carries the id. Commands without an id are answered by a state event.
 */
export type Command =
  | { type: 'load'; config: PlaygroundConfig; id?: number }
  | { type: 'play'; id?: number }
  | { type: 'pause'; id?: number }
  // Answered once the steps are taken, or fewer of them when a pause, load or reset interrupts.
  | { type: 'step'; count: number; id?: number }
  | { type: 'reset'; id?: number }
  | { type: 'set'; key: LiveSetting; value: number; id?: number }
  | { type: 'setParameter'; path: string; values: Float32Array; id?: number }
  | { type: 'freeze'; glob: string; frozen: boolean; id?: number }
  | { type: 'snapshot'; id: number }
  | { type: 'boundary'; id: number; resolution: number }
  | { type: 'neurons'; id: number; resolution: number }
  | { type: 'predict'; id: number; input: Float32Array; shape: number[] }
  | { type: 'saveCheckpoint'; id: number }
  | { type: 'loadCheckpoint'; id: number; buffer: ArrayBuffer }
  | { type: 'setBackend'; name: PlaygroundConfig['backend']; id?: number };

/** Names of the metric columns, in the order of {@link MetricsEvent.columns}. */
export const METRIC_COLUMNS = ['step', 'loss', 'accuracy', 'valLoss', 'valAccuracy', 'msPerStep'] as const;
/** One metric column name. */
export type MetricColumn = (typeof METRIC_COLUMNS)[number];

/** Every step's metrics since the last batch, one Float32Array per column (NaN where absent). */
export interface MetricsEvent {
  type: 'metrics';
  columns: Record<MetricColumn, Float32Array>;
}

/** A tensor as it crosses the worker boundary. */
export interface TensorSnapshot {
  path: string;
  shape: number[];
  values: Float32Array;
  /** The gradient of the latest step, when there was one. */
  grad?: Float32Array;
  frozen: boolean;
}

/** Where the run is, sent on every change and about ten times a second while playing. */
export interface StateEvent {
  type: 'state';
  state: 'empty' | 'idle' | 'playing' | 'paused';
  step: number;
  epoch: number;
  backend: string;
  /** Why that backend: `backendInfo().reason`, e.g. 'webgpu skipped: software adapter (SwiftShader); wasm started'. */
  backendReason?: string;
  stepsPerSecond: number;
  timing: { data: number; forward: number; backward: number; update: number; sync: number };
  memory: { liveTensors: number; liveBytes: number; poolHits: number; poolMisses: number };
  config?: PlaygroundConfig;
  /** Input features and classes of the dataset, for views that draw it. */
  inputs?: number;
  classes?: number;
}

/** Events the worker sends. */
export type WorkerEvent =
  | MetricsEvent
  | StateEvent
  | { type: 'snapshot'; id: number; parameters: TensorSnapshot[] }
  | { type: 'boundary'; id: number; resolution: number; extent: [number, number, number, number]; values: Float32Array; points: Float32Array; labels: Float32Array }
  | { type: 'neurons'; id: number; resolution: number; layers: { path: string; units: number; values: Float32Array }[] }
  | { type: 'prediction'; id: number; values: Float32Array }
  | { type: 'checkpoint'; id: number; buffer: ArrayBuffer }
  | { type: 'loaded'; id: number }
  // The answer to a command with an id that has no reply of its own (play, step, set, …).
  | { type: 'done'; id: number; command: Command['type'] }
  | { type: 'log'; message: string }
  // Something the page should tell the user without stopping: a loss blowing up (warning), or
  // the run moving to another backend after the GPU was lost (info).
  | { type: 'notice'; level: 'info' | 'warning'; message: string }
  // `id`: the failed command's, when it had one, so that its request is rejected rather than left waiting.
  // `command`: 'unknown' when the message named no known command (or was not an object at all).
  | { type: 'error'; message: string; command: Command['type'] | 'unknown'; id?: number };
