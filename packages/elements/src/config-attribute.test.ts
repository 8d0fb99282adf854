import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '@webgrad/worker/page';
import { completeConfig, readConfigAttribute } from './config-attribute.js';

describe('the config attribute', () => {
  it('fills in the defaults and takes the dataset by name', () => {
    expect(readConfigAttribute('{"dataset": "circle", "hidden": [8], "lr": 0.03}')).toEqual({ ...DEFAULT_CONFIG, dataset: { kind: 'circle' }, hidden: [8], lr: 0.03 });
    expect(completeConfig({})).toEqual(DEFAULT_CONFIG);
    expect(completeConfig({ dataset: { kind: 'xor', noise: 0 } }).dataset).toEqual({ kind: 'xor', noise: 0 });
  });

  it('names a wrong key or bad JSON', () => {
    expect(() => completeConfig({ learningRate: 1 } as never)).toThrow(`webgrad-playground: unknown config key 'learningRate' (keys: dataset, hidden,`);
    expect(() => readConfigAttribute('{dataset: spirals}')).toThrow('webgrad-playground: the config attribute is not valid JSON');
    expect(() => readConfigAttribute('[1]')).toThrow('config must be a JSON object');
  });
});

describe('the config attribute goes through the one validator', () => {
  it.each([
    ['{"activation": "constructor"}', 'activation must be one of'],
    ['{"__proto__": {"lr": 1}}', "unknown config key '__proto__'"],
    ['{"constructor": 1}', "unknown config key 'constructor'"],
    ['{"lr": null}', 'lr must be a number in (0, 10], got null'],
    ['{"lr": true}', 'lr must be a number in (0, 10], got true'],
    ['{"batchSize": [32]}', 'batchSize must be an integer in [1, 4096], got [32]'],
    ['{"dataset": "bogus"}', 'dataset kind must be one of'],
    ['{"dataset": {"kind": "circle", "samples": 1e9}}', 'samples must be an integer in [1, 10000]'],
    ['{"schedule": "bogus"}', 'schedule must be one of'],
  ])('refuses %s', (json, message) => {
    expect(() => readConfigAttribute(json)).toThrow(message);
  });
});
