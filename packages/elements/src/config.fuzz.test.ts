// Fuzzes the configuration's entry points: the URL hash, the `config` attribute and the worker's
// parseConfig. Whatever comes in, the answer is a valid config or a short plain Error (never an
// internal TypeError or RangeError), in well under 2 s; an accepted config is a fixed point of
// the validator and round-trips through a link.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig, type PlaygroundConfig } from '@webgrad/worker/page';
import { hostileValue } from '../../worker/src/fuzz-commands.js';
import { fuzzRuns } from '@webgrad/tensor/testing';
import { readConfigAttribute } from './config-attribute.js';
import { fromHash, toHash } from './url-state.js';

/** Runs `parse`; a refusal must be a plain, short Error; an acceptance a config the validator keeps as it is. */
function check(parse: () => PlaygroundConfig, input: unknown): void {
  const started = performance.now();
  let config: PlaygroundConfig | undefined;
  try {
    config = parse();
  } catch (e) {
    expect((e as Error).constructor, `${(e as Error).name} for ${fc.stringify(input)}: ${(e as Error).message}`).toBe(Error);
    expect((e as Error).message.length).toBeLessThan(400);
  }
  expect(performance.now() - started).toBeLessThan(2000);
  if (!config) return;
  expect(parseConfig(config)).toEqual(config);
  if (config.dataset.kind !== 'csv') expect(fromHash(toHash(config))).toEqual(config);
}

const keys = ['dataset', 'samples', 'noise', 'hidden', ...Object.keys(DEFAULT_CONFIG), '__proto__', 'constructor', 'x'];
const hashValue = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', '0x1A', '1e39', 'Infinity', 'NaN', '-0', '1_000', '.5', '5.', '1e-400', 'constructor', '__proto__', 'spirals', 'digits', 'csv', 'relu', 'sgd', 'cosine', 'webgpu', '4,,4', '1024,1024'), fc.double().map(String), fc.integer({ min: -10, max: 5000 }).map(String));
const hash = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.array(fc.tuple(fc.constantFrom(...keys), hashValue), { maxLength: 6 }).map((pairs) => `#${new URLSearchParams(pairs).toString()}`),
);

const attributeObject = fc.dictionary(fc.constantFrom(...keys), fc.oneof(hostileValue, fc.constantFrom('circle', 'xor', 'digits', { kind: 'csv', text: 'a,b\n1,2' }, { kind: 'xor', samples: 5 }, [8, 8], 'relu', 'adam')), { maxKeys: 5 });
const attribute = fc.oneof(fc.string({ maxLength: 60 }), attributeObject.map((o) => JSON.stringify(o)), fc.json({ maxDepth: 3 }));

describe('configuration entry points under fuzzing', () => {
  it(`the URL hash: ${fuzzRuns()} hashes`, () => {
    fc.assert(fc.property(hash, (h) => check(() => fromHash(h), h)), { numRuns: fuzzRuns(), seed: 3 });
  });

  it(`the config attribute: ${fuzzRuns()} attribute values`, () => {
    fc.assert(fc.property(attribute, (a) => check(() => readConfigAttribute(a), a)), { numRuns: fuzzRuns(), seed: 4 });
  });

  it(`parseConfig: ${fuzzRuns()} objects`, () => {
    const objects = fc.oneof(hostileValue, fc.tuple(fc.constantFrom(...keys), hostileValue).map(([k, v]) => {
      const c: Record<string, unknown> = { ...DEFAULT_CONFIG };
      Object.defineProperty(c, k, { value: v, enumerable: true, configurable: true, writable: true });
      return c;
    }));
    fc.assert(fc.property(objects, (o) => check(() => parseConfig(o), o)), { numRuns: fuzzRuns(), seed: 5 });
  });
});
