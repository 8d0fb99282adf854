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
