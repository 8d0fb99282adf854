// Turns a serialisable PlaygroundConfig into a dataset, a model and a Trainer.
import * as nn from '@webgrad/nn';
import type { DatasetConfig, PlaygroundConfig } from './protocol.js';

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
}

/** The dataset a config names. Throws a message a person can act on for a bad CSV. */
export async function loadDataset(config: DatasetConfig, seed: number): Promise<nn.Dataset> {
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

const activations = { relu: nn.relu, tanh: nn.tanh, sigmoid: nn.sigmoid, leakyRelu: nn.leakyRelu, elu: nn.elu, gelu: nn.gelu } as const;

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

/** Checks a configuration, naming the first impossible value. */
export function validateConfig(c: PlaygroundConfig): void {
  const bad = (what: string, got: unknown, expected: string): never => {
    throw new Error(`configuration: ${what} must be ${expected}, got ${JSON.stringify(got)}`);
  };
  if (!Array.isArray(c.hidden) || c.hidden.length > 8 || !c.hidden.every((h) => Number.isInteger(h) && h >= 1 && h <= 1024)) bad('hidden layers', c.hidden, 'at most 8 widths between 1 and 1024');
  if (!(c.lr > 0 && c.lr <= 10)) bad('learning rate', c.lr, 'in (0, 10]');
  if (!Number.isInteger(c.batchSize) || c.batchSize < 1 || c.batchSize > 4096) bad('batch size', c.batchSize, 'an integer from 1 to 4096');
  if (!(c.dropout >= 0 && c.dropout < 1)) bad('dropout', c.dropout, 'in [0, 1)');
  if (!(c.validation >= 0 && c.validation < 1)) bad('validation fraction', c.validation, 'in [0, 1)');
  if (!(c.l1 >= 0) || !(c.l2 >= 0)) bad('regularisation', [c.l1, c.l2], 'non-negative');
  if (!(c.activation in activations)) bad('activation', c.activation, Object.keys(activations).join(', '));
  if (!(c.optimizer in nn.optim) || c.optimizer === ('Optimizer' as string)) bad('optimizer', c.optimizer, 'a known optimiser');
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
  const inputs = data.features.sampleShape.reduce((a, b) => a * b, 1);
  const regression = data.labels.values instanceof Float32Array;
  const classes = regression ? 1 : Math.max(...data.labels.values) + 1;
  const layers: nn.Module[] = [];
  let width = inputs;
  for (const h of config.hidden) {
    layers.push(nn.dense(width, h), activations[config.activation]());
    if (config.dropout > 0) layers.push(nn.dropout(config.dropout));
    width = h;
  }
  layers.push(nn.dense(width, regression ? 1 : classes));
  const model = nn.sequential(...layers);
  const optimizer = (nn.optim[config.optimizer] as (o: nn.optim.OptimizerOptions) => nn.optim.Optimizer)({ lr: config.lr, schedule: schedule(config) });
  const trainer = new nn.Trainer({
    model, optimizer, data: train, validation, batchSize: config.batchSize, seed: config.seed,
    loss: lossFor(config, regression),
    regularization: { l1: config.l1, l2: config.l2 },
  });
  return { trainer, model, train, validation, inputs, classes, regression };
}
