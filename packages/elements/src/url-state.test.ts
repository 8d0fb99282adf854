// Links carry the configuration; a link is checked by the worker's validator, so what it refuses
// is named and nothing of it is used.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '@webgrad/worker/page';
import { fromHash, readHash, toHash } from './url-state.js';

describe('the URL hash', () => {
  it('round-trips a configuration and fills in the defaults', () => {
    const config = { ...DEFAULT_CONFIG, dataset: { kind: 'xor' as const, samples: 200, noise: 0 }, hidden: [3, 2], lr: 0.3, optimizer: 'sgd' as const };
    expect(fromHash(toHash(config))).toEqual(config);
    expect(fromHash('')).toEqual(DEFAULT_CONFIG);
    expect(fromHash('#dataset=digits&hidden=')).toEqual({ ...DEFAULT_CONFIG, dataset: { kind: 'digits' }, hidden: [] });
  });

  it.each([
    ['#schedule=bogus', 'configuration: schedule must be one of constant, step, exponential, cosine, warmup, got "bogus"'],
    ['#activation=constructor', 'configuration: activation must be one of'],
    ['#loss=__proto__', 'configuration: loss must be one of'],
    ['#dataset=toString', 'configuration: dataset kind must be one of'],
    ['#lr=0x1A', 'configuration: lr must be a number in (0, 10], got "0x1A"'],
    ['#lr=Infinity', 'got "Infinity"'],
    ['#lr=', 'got ""'],
    ['#batchSize=1e9', 'configuration: batchSize must be an integer in [1, 4096], got 1000000000'],
    ['#samples=1000000', 'configuration: samples must be an integer in [1, 10000], got 1000000'],
    ['#hidden=4,,4', "configuration: hidden layer 2's width must be an integer in [1, 1024], got \"\""],
    ['#hidden=2000', "configuration: hidden layer 1's width must be an integer in [1, 1024], got 2000"],
    ['#learningRate=1', "link: unknown key 'learningRate'"],
    ['#lr=0.1&lr=0.2', "link: 'lr' is given 2 times"],
    ['#dataset=digits&samples=5', 'link: samples and noise belong to a synthetic dataset'],
  ])('refuses %s, naming the field, the value and what fits', (hash, message) => {
    expect(() => fromHash(hash)).toThrow(message);
    const read = readHash(hash);
    expect(read.config).toEqual(DEFAULT_CONFIG);
    expect(read.error).toContain(message);
  });
});
