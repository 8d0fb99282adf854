// Reads the `config` attribute of <webgrad-playground>: JSON naming only what differs from the
// defaults, e.g. `{"dataset": "circle", "hidden": [8], "lr": 0.03}`. The completed config goes
// through the same validator as the worker's load (parseConfig).
import { DEFAULT_CONFIG, parseConfig, type PlaygroundConfig } from '@webgrad/worker/page';

/** A config as a page writes it: any subset of the keys; the dataset may be just its name. */
export type ConfigInput = Partial<Omit<PlaygroundConfig, 'dataset'>> & { dataset?: PlaygroundConfig['dataset'] | PlaygroundConfig['dataset']['kind'] };

/** Completes a partial config with the defaults and checks it; unknown or inherited keys are an error naming the known ones. */
export function completeConfig(input: ConfigInput): PlaygroundConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error(`webgrad-playground: config must be a JSON object such as {"dataset": "spirals"}, got ${JSON.stringify(input)?.slice(0, 60)}`);
  const unknown = Object.keys(input).find((key) => !Object.hasOwn(DEFAULT_CONFIG, key));
  if (unknown !== undefined) throw new Error(`webgrad-playground: unknown config key '${unknown.slice(0, 40)}' (keys: ${Object.keys(DEFAULT_CONFIG).join(', ')})`);
  const given = Object.hasOwn(input, 'dataset') ? input.dataset : undefined;
  const dataset = typeof given === 'string' ? { kind: given } : (given ?? DEFAULT_CONFIG.dataset);
  try {
    return parseConfig({ ...DEFAULT_CONFIG, ...input, dataset });
  } catch (e) {
    throw new Error(`webgrad-playground: ${(e as Error).message}`);
  }
}

/** Reads the attribute's JSON text into a complete config; throws saying what was wrong. */
export function readConfigAttribute(value: string): PlaygroundConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (e) {
    throw new Error(`webgrad-playground: the config attribute is not valid JSON (${(e as Error).message.slice(0, 80)}): ${value.slice(0, 60)}`);
  }
  return completeConfig(parsed as ConfigInput);
}
