// Turns a serialisable PlaygroundConfig into a dataset, a model and a Trainer.
import * as wg from '@webgrad/tensor';
import * as nn from '@webgrad/nn';
import { ACTIVATIONS, LIMITS, OPTIMIZERS, parseConfig, type DatasetConfig, type PlaygroundConfig } from './config.js';

/** What a configuration builds. */
export interface Run {
  trainer: nn.Trainer;
  model: nn.Module;
  train: nn.Dataset;
  validation: nn.Dataset | undefined;
  /** Features per sample and classes (1 for regression). */
  inputs: number;
  classes: number;
  regression: boolean;
  /** The backend the run's tensors live on (the current one when it was built). */
  backend: wg.Backend;
}

/** The dataset a config names. Throws a message a person can act on for a bad CSV. */
export async function loadDataset(config: DatasetConfig, seed: number): Promise<nn.Dataset> {
  const data = await readDataset(config, seed);
  checkSizes(data, config);
  return data;
}

async function readDataset(config: DatasetConfig, seed: number): Promise<nn.Dataset> {
  switch (config.kind) {
    case 'spirals':
    case 'circle':
    case 'xor':
    case 'blobs':
    case 'plane':
      return nn.data[config.kind]({ samples: config.samples ?? 400, noise: config.noise ?? 0.1, seed });
    case 'digits':
      return nn.data.loadDigits();
    case 'csv':
      return nn.data.fromCsv(config.text, { label: config.labelColumn });
    default:
      return config satisfies never;
  }
}

/** A data set's rows and features within {@link LIMITS}, and the largest class label within the class limit. */
function checkSizes(data: nn.Dataset, config: DatasetConfig): void {
  const rows = config.kind === 'csv' ? LIMITS.csvRows : LIMITS.samples;
  if (data.size > rows) throw new Error(`dataset: ${data.size} samples, more than the limit of ${rows}`);
  const features = data.features.sampleShape.reduce((a, b) => a * b, 1);
  if (features > LIMITS.features) throw new Error(`dataset: ${features} features a sample, more than the limit of ${LIMITS.features}`);
  const labels = data.labels.values;
  if (labels instanceof Float32Array) return;
  // A loop, not Math.max(...labels): spreading a data-sized array overflows the stack.
  let worst = 0;
  for (let i = 1; i < labels.length; i++) if (labels[i]! > labels[worst]!) worst = i;
  if (labels.length && labels[worst]! >= LIMITS.classes) {
    const at = config.kind === 'csv' ? `line ${worst + 2} of the csv (sample ${worst + 1})` : `sample ${worst + 1}`;
    throw new Error(`dataset: class label ${labels[worst]} at ${at} makes ${labels[worst]! + 1} classes, more than the limit of ${LIMITS.classes}`);
  }
}

/** Classes of integer labels (1 for a regression target): the largest label plus one. */
function classCount(labels: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < labels.length; i++) max = Math.max(max, labels[i]!);
  return max + 1;
}

const activations = { relu: nn.relu, tanh: nn.tanh, sigmoid: nn.sigmoid, leakyRelu: nn.leakyRelu, elu: nn.elu, gelu: nn.gelu } as const satisfies Record<(typeof ACTIVATIONS)[number], () => nn.Module>;
const optimizers = Object.fromEntries(OPTIMIZERS.map((name) => [name, nn.optim[name]])) as Record<(typeof OPTIMIZERS)[number], (o: nn.optim.OptimizerOptions) => nn.optim.Optimizer>;

function schedule(config: PlaygroundConfig): nn.Schedule {
  const s = nn.schedules;
  switch (config.schedule) {
    case 'constant': return s.constant();
    case 'step': return s.step({ every: 500, gamma: 0.5 });
    case 'exponential': return s.exponential({ gamma: 0.999 });
    case 'cosine': return s.cosine({ steps: 5000, min: config.lr / 100 });
    case 'warmup': return s.warmup({ steps: 200 });
    default: return config.schedule satisfies never;
  }
}

/** Checks a configuration, naming the first impossible value (the one validator, see config.ts). */
export function validateConfig(c: PlaygroundConfig): void {
  parseConfig(c);
}

/** The loss a configuration asks for, checked against the kind of target. */
function lossFor(config: PlaygroundConfig, regression: boolean): nn.LossName {
  const loss = config.loss ?? 'auto';
  if (loss === 'auto') return regression ? 'mse' : 'softmaxCrossEntropy';
  if (regression === (loss === 'softmaxCrossEntropy')) {
    throw new Error(`configuration: loss '${loss}' does not fit a ${regression ? 'regression target' : 'class label'}; use ${regression ? 'mse, mae or huber' : 'softmaxCrossEntropy'}`);
  }
  return loss;
}

/** Builds a run: splits the data, makes the network and the Trainer. */
export async function buildRun(config: PlaygroundConfig): Promise<Run> {
  validateConfig(config);
  const data = await loadDataset(config.dataset, config.seed);
  const [train, validation] = config.validation > 0 ? data.split(config.validation, { seed: config.seed }) : [data, undefined];
  if (train.size === 0) throw new Error(`configuration: validation ${config.validation} leaves no training samples out of ${data.size}`);
  const inputs = data.features.sampleShape.reduce((a, b) => a * b, 1);
  const regression = data.labels.values instanceof Float32Array;
  const classes = regression ? 1 : classCount(data.labels.values);
  const widths = [inputs, ...config.hidden, regression ? 1 : classes];
  let parameters = 0;
  for (let i = 1; i < widths.length; i++) parameters += (widths[i - 1]! + 1) * widths[i]!;
  if (parameters > LIMITS.parameters) throw new Error(`configuration: a network of widths ${widths.join('-')} has ${parameters} parameters, more than the limit of ${LIMITS.parameters}`);
  const layers: nn.Module[] = [];
  let width = inputs;
  for (const h of config.hidden) {
    layers.push(nn.dense(width, h), activations[config.activation]());
    if (config.dropout > 0) layers.push(nn.dropout(config.dropout));
    width = h;
  }
  layers.push(nn.dense(width, regression ? 1 : classes));
  const model = nn.sequential(...layers);
  const optimizer = optimizers[config.optimizer]({ lr: config.lr, schedule: schedule(config) });
  const trainer = new nn.Trainer({
    model, optimizer, data: train, validation, batchSize: config.batchSize, seed: config.seed,
    loss: lossFor(config, regression),
    regularization: { l1: config.l1, l2: config.l2 },
  });
  return { trainer, model, train, validation, inputs, classes, regression, backend: wg.backend() };
}
