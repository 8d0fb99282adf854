// Reads the `config` attribute of <webgrad-playground>: JSON naming only what differs from the
// defaults, e.g. `{"dataset": "circle", "hidden": [8], "lr": 0.03}`.
import { DEFAULT_CONFIG, type PlaygroundConfig } from '@webgrad/worker/page';

/** A config as a page writes it: any subset of the keys; the dataset may be just its name. */
export type ConfigInput = Partial<Omit<PlaygroundConfig, 'dataset'>> & { dataset?: PlaygroundConfig['dataset'] | PlaygroundConfig['dataset']['kind'] };

/** Completes a partial config with the defaults; unknown keys are an error naming the known ones. */
export function completeConfig(input: ConfigInput): PlaygroundConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error(`webgrad-playground: config must be a JSON object such as {"dataset": "spirals"}, got ${JSON.stringify(input)}`);
  const unknown = Object.keys(input).filter((key) => !(key in DEFAULT_CONFIG));
  if (unknown.length) throw new Error(`webgrad-playground: unknown config key '${unknown[0]}' (keys: ${Object.keys(DEFAULT_CONFIG).join(', ')})`);
  const dataset = typeof input.dataset === 'string' ? ({ kind: input.dataset } as PlaygroundConfig['dataset']) : (input.dataset ?? DEFAULT_CONFIG.dataset);
  return { ...DEFAULT_CONFIG, ...input, dataset };
}

/** Reads the attribute's JSON text into a complete config; throws saying what was wrong. */
export function readConfigAttribute(value: string): PlaygroundConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (e) {
    throw new Error(`webgrad-playground: the config attribute is not valid JSON (${(e as Error).message}): ${value}`);
  }
  return completeConfig(parsed as ConfigInput);
}
