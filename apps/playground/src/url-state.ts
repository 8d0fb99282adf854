// The whole configuration lives in the URL hash, so a teacher can hand a class one link.
import { DEFAULT_CONFIG, type PlaygroundConfig } from '@webgrad/worker/page';

/** The configuration as a URL hash: `#dataset=spirals&hidden=16,16&lr=0.01...`. */
export function toHash(c: PlaygroundConfig): string {
  const p = new URLSearchParams();
  p.set('dataset', c.dataset.kind);
  if ('samples' in c.dataset && c.dataset.samples !== undefined) p.set('samples', String(c.dataset.samples));
  if ('noise' in c.dataset && c.dataset.noise !== undefined) p.set('noise', String(c.dataset.noise));
  p.set('hidden', c.hidden.join(','));
  for (const key of ['activation', 'loss', 'optimizer', 'lr', 'schedule', 'batchSize', 'l1', 'l2', 'dropout', 'validation', 'seed', 'backend'] as const) p.set(key, String(c[key]));
  return `#${p.toString()}`;
}

/** Reads a configuration from a hash, falling back to the defaults for anything missing; a CSV dataset cannot travel in a link. */
export function fromHash(hash: string): PlaygroundConfig {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const num = (key: string, fallback: number): number => {
    const v = p.get(key);
    return v === null || v === '' || !Number.isFinite(Number(v)) ? fallback : Number(v);
  };
  const kind = p.get('dataset') ?? DEFAULT_CONFIG.dataset.kind;
  const dataset: PlaygroundConfig['dataset'] = kind === 'digits' ? { kind } : ['spirals', 'circle', 'xor', 'blobs', 'plane'].includes(kind)
    ? { kind: kind as 'spirals', samples: num('samples', 400), noise: num('noise', 0.1) }
    : DEFAULT_CONFIG.dataset;
  const hidden = p.get('hidden');
  return {
    ...DEFAULT_CONFIG,
    dataset,
    hidden: hidden === null ? DEFAULT_CONFIG.hidden : hidden === '' ? [] : hidden.split(',').map(Number),
    activation: (p.get('activation') ?? DEFAULT_CONFIG.activation) as PlaygroundConfig['activation'],
    optimizer: (p.get('optimizer') ?? DEFAULT_CONFIG.optimizer) as PlaygroundConfig['optimizer'],
    loss: (p.get('loss') ?? DEFAULT_CONFIG.loss) as PlaygroundConfig['loss'],
    schedule: (p.get('schedule') ?? DEFAULT_CONFIG.schedule) as PlaygroundConfig['schedule'],
    backend: (p.get('backend') ?? DEFAULT_CONFIG.backend) as PlaygroundConfig['backend'],
    lr: num('lr', DEFAULT_CONFIG.lr),
    batchSize: num('batchSize', DEFAULT_CONFIG.batchSize),
    l1: num('l1', DEFAULT_CONFIG.l1),
    l2: num('l2', DEFAULT_CONFIG.l2),
    dropout: num('dropout', DEFAULT_CONFIG.dropout),
    validation: num('validation', DEFAULT_CONFIG.validation),
    seed: num('seed', DEFAULT_CONFIG.seed),
  };
}
