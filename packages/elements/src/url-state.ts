// The whole configuration lives in the URL hash, so a teacher can hand a class one link. A hash
// is checked by the same validator as the worker's load (parseConfig): a refused link names what
// was wrong and starts nothing from it.
import { DEFAULT_CONFIG, SYNTHETIC_DATASETS, parseConfig, type PlaygroundConfig } from '@webgrad/worker/page';

/** The keys a hash carries besides the dataset's, in the order they are written. */
const KEYS = ['activation', 'loss', 'optimizer', 'lr', 'schedule', 'batchSize', 'l1', 'l2', 'dropout', 'validation', 'seed', 'backend'] as const;
const NUMERIC: readonly string[] = ['lr', 'batchSize', 'l1', 'l2', 'dropout', 'validation', 'seed', 'samples', 'noise'];
/** A plain decimal, as a hash writes one: no hex, no `Infinity`, no empty string. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The configuration as a URL hash: `#dataset=spirals&hidden=16,16&lr=0.01...`. */
export function toHash(c: PlaygroundConfig): string {
  const p = new URLSearchParams();
  p.set('dataset', c.dataset.kind);
  if ('samples' in c.dataset && c.dataset.samples !== undefined) p.set('samples', String(c.dataset.samples));
  if ('noise' in c.dataset && c.dataset.noise !== undefined) p.set('noise', String(c.dataset.noise));
  p.set('hidden', c.hidden.join(','));
  for (const key of KEYS) p.set(key, String(c[key]));
  return `#${p.toString()}`;
}

/** A hash value as the type its key needs: numbers only from plain decimals (else the text, which the validator refuses). */
function value(key: string, text: string): unknown {
  return NUMERIC.includes(key) && DECIMAL.test(text) ? Number(text) : text;
}

/**
 * Reads a configuration from a hash; keys it does not name keep their defaults. Throws naming
 * the first unknown key or refused value. A CSV dataset cannot travel in a link.
 */
export function fromHash(hash: string): PlaygroundConfig {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const known = ['dataset', 'samples', 'noise', 'hidden', ...KEYS];
  for (const key of new Set(p.keys())) {
    if (!known.includes(key)) throw new Error(`link: unknown key '${key.slice(0, 40)}' (keys: ${known.join(', ')})`);
    if (p.getAll(key).length > 1) throw new Error(`link: '${key}' is given ${p.getAll(key).length} times`);
  }
  const kind = p.get('dataset') ?? DEFAULT_CONFIG.dataset.kind;
  if (!(SYNTHETIC_DATASETS as readonly string[]).includes(kind) && (p.has('samples') || p.has('noise'))) throw new Error(`link: samples and noise belong to a synthetic dataset (${SYNTHETIC_DATASETS.join(', ')}), not '${kind.slice(0, 40)}'`);
  const dataset: Record<string, unknown> = p.has('dataset') ? { kind } : { ...DEFAULT_CONFIG.dataset };
  for (const key of ['samples', 'noise']) if (p.has(key)) dataset[key] = value(key, p.get(key)!);
  const hidden = p.get('hidden');
  const config: Record<string, unknown> = {
    ...DEFAULT_CONFIG,
    dataset,
    hidden: hidden === null ? DEFAULT_CONFIG.hidden : hidden === '' ? [] : hidden.split(',').map((h) => value('batchSize', h)),
  };
  for (const key of KEYS) {
    const text = p.get(key);
    if (text !== null) config[key] = value(key, text);
  }
  return parseConfig(config);
}

/** The hash's configuration, or the defaults and the reason a hash was refused. */
export function readHash(hash: string): { config: PlaygroundConfig; error?: string } {
  try {
    return { config: fromHash(hash) };
  } catch (e) {
    return { config: DEFAULT_CONFIG, error: (e as Error).message };
  }
}
