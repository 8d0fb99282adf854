// The typed protocol between a page and the training worker: commands in, events out. Every
// message is structured-clone safe; metric columns travel as transferable Float32Arrays.

/** A 2-D synthetic set, the digits, or a CSV the user supplied. */
export type DatasetConfig =
  | { kind: 'spirals' | 'circle' | 'xor' | 'blobs' | 'plane'; samples?: number; noise?: number }
  | { kind: 'digits' }
  | { kind: 'csv'; text: string; labelColumn?: string | number };

/** Everything needed to build a training run; it round-trips through the page URL. */
export interface PlaygroundConfig {
  dataset: DatasetConfig;
  /** Hidden layer widths, in order. */
  hidden: number[];
  activation: 'relu' | 'tanh' | 'sigmoid' | 'leakyRelu' | 'elu' | 'gelu';
  /** 'auto': softmax cross-entropy for classes, mean squared error for a regression target. */
  loss: 'auto' | 'softmaxCrossEntropy' | 'mse' | 'mae' | 'huber';
  optimizer: 'sgd' | 'momentum' | 'nesterov' | 'adagrad' | 'adadelta' | 'rmsprop' | 'adam' | 'adamw';
  lr: number;
  schedule: 'constant' | 'step' | 'exponential' | 'cosine' | 'warmup';
  batchSize: number;
  l1: number;
  l2: number;
  dropout: number;
  /** Fraction of samples held out for validation. */
  validation: number;
  seed: number;
  backend: 'auto' | 'js' | 'wasm' | 'webgpu';
}

/** Hyperparameters that can change while training runs. */
export type LiveSetting = 'lr' | 'batchSize' | 'l1' | 'l2';

/** Commands the page sends. `id` lets a reply name the command it answers. */
export type Command =
  // With an id, a load is answered by 'loaded' (or an 'error' with that id) once the run is built.
  | { type: 'load'; config: PlaygroundConfig; id?: number }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step'; count: number }
  | { type: 'reset' }
  | { type: 'set'; key: LiveSetting; value: number }
  | { type: 'setParameter'; path: string; values: Float32Array }
  | { type: 'freeze'; glob: string; frozen: boolean }
  | { type: 'snapshot'; id: number }
  | { type: 'boundary'; id: number; resolution: number }
  | { type: 'neurons'; id: number; resolution: number }
  | { type: 'predict'; id: number; input: Float32Array; shape: number[] }
  | { type: 'saveCheckpoint'; id: number }
  | { type: 'loadCheckpoint'; id: number; buffer: ArrayBuffer }
  | { type: 'setBackend'; name: PlaygroundConfig['backend'] };

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
  | { type: 'log'; message: string }
  // Something the page should tell the user without stopping: a loss blowing up (warning), or
  // the run moving to another backend after the GPU was lost (info).
  | { type: 'notice'; level: 'info' | 'warning'; message: string }
  // `id`: the failed command's, when it had one, so that its request is rejected rather than left waiting.
  | { type: 'error'; message: string; command: Command['type']; id?: number };

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
