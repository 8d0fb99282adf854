// Model checkpoints: a trained model and its Adam state survive save, perturb, load exactly (and
// training continues identically); the file is plain safetensors to a reader written here by
// hand; every kind of mismatch is listed in one error and leaves the model unchanged; a Node
// Buffer loads; NaN and infinite weights are refused unless allowed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scope, seed, tensor, type Tensor } from '../deps.js';
import { xor } from '../data/synthetic.js';
import { relu, tanh } from '../layers/activation.js';
import { sequential } from '../layers/containers.js';
import { dense } from '../layers/dense.js';
import { softmaxCrossEntropy } from '../losses.js';
import { Module } from '../module.js';
import { zeroGrad, type Optimizer } from '../optim/optimizer.js';
import { adam, sgd } from '../optim/rules.js';
import { Trainer } from '../trainer.js';
import { inspect, load, save } from './checkpoint.js';
import { CheckpointError } from './problems.js';
import { encodeSafetensors } from './safetensors.js';

const data = xor({ samples: 64, seed: 1 });
const mlp = (hidden = 8): Module => {
  seed(3);
  return sequential(dense(2, hidden), tanh(), dense(hidden, 2));
};

/** Every parameter's and buffer's values, by path. */
async function snapshot(model: Module, optimizer?: Optimizer): Promise<Record<string, number[]>> {
  const named = [...model.namedParameters(), ...model.namedBuffers(), ...(optimizer ? [...optimizer.state()].map(([k, t]): [string, Tensor] => [`opt:${k}`, t]) : [])];
  return Object.fromEntries(await Promise.all(named.map(async ([path, t]) => [path, Array.from(await t.data())])));
}

/** One optimiser step on a fixed batch, outside the Trainer. */
function stepOn(model: Module, optimizer: Optimizer): void {
  const { x, y } = data.asBatch();
  const named = model.namedParameters();
  zeroGrad(named.map(([, p]) => p)); // the Trainer leaves its last gradients for inspection
  scope(() => {
    softmaxCrossEntropy(model.forward(x), y).backward();
    optimizer.step(named);
    zeroGrad(named.map(([, p]) => p));
  });
  x.dispose();
  y.dispose();
}

function problemsOf(f: () => unknown): readonly string[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CheckpointError);
    expect((e as Error).message).toMatch(/^checkpoint: cannot load; the model is unchanged \(\d+ problems?\):\n {2}- /);
    return (e as CheckpointError).problems;
  }
  throw new Error('expected load to fail');
}

/** A safetensors reader written from the format's description alone, sharing no code with ours. */
function readByHand(buffer: ArrayBuffer): { header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>; metadata: Record<string, string>; floats: (name: string) => number[] } {
  const view = new DataView(buffer);
  const n = Number(view.getBigUint64(0, true));
  const text = new TextDecoder().decode(new Uint8Array(buffer, 8, n));
  expect(n % 8).toBe(0);
  expect(/^\{.*\} *$/s.test(text)).toBe(true);
  const { __metadata__: metadata, ...header } = JSON.parse(text);
  const start = 8 + n;
  let expectedBegin = 0;
  for (const info of Object.values(header).sort((a: any, b: any) => a.data_offsets[0] - b.data_offsets[0]) as any[]) {
    expect(info.data_offsets[0]).toBe(expectedBegin);
    expectedBegin = info.data_offsets[1];
  }
  expect(start + expectedBegin).toBe(buffer.byteLength);
  const floats = (name: string): number[] => {
    const { dtype, data_offsets: [b, e] } = header[name];
    expect(dtype).toBe('F32');
    return Array.from({ length: (e - b) / 4 }, (_, i) => view.getFloat32(start + b + 4 * i, true));
  };
  return { header, metadata, floats };
}

describe('save and load', () => {
  it('restores a trained model and its Adam state exactly: same predictions, same next steps', async () => {
    const model = mlp();
    const optimizer = adam({ lr: 0.05 });
    const trainer = new Trainer({ model, loss: 'softmaxCrossEntropy', optimizer, data, batchSize: 16 });
    await trainer.fit({ steps: 5 });
    const { x } = data.asBatch();
    const predicted = Array.from(await trainer.predict(x).data());
    const file = await save(model, { optimizer, step: trainer.step, epoch: trainer.epoch, hyperparameters: { batchSize: 16 } });
    const saved = await snapshot(model, optimizer);
    stepOn(model, optimizer);
    stepOn(model, optimizer);
    const continued = await snapshot(model, optimizer);

    await trainer.fit({ steps: 3 }); // perturb further
    expect(Array.from(await trainer.predict(x).data())).not.toEqual(predicted);
    const info = load(model, file, { optimizer });
    expect(Array.from(await trainer.predict(x).data())).toEqual(predicted);
    expect(await snapshot(model, optimizer)).toEqual(saved);
    expect([optimizer.stepCount, info.step, info.epoch, info.optimizer]).toEqual([5, 5, 1, 'adam']);
    expect(info.hyperparameters).toEqual({ batchSize: 16 });

    stepOn(model, optimizer);
    stepOn(model, optimizer);
    expect(await snapshot(model, optimizer)).toEqual(continued);
  });

  it('writes plain safetensors: a hand-written reader finds every weight, slot and metadata string', async () => {
    const model = mlp(3);
    const optimizer = adam({ lr: 0.01 });
    stepOn(model, optimizer);
    const file = await save(model, { optimizer, step: 1, epoch: 0, metadata: { note: 'hi' } });
    const { header, metadata, floats } = readByHand(file);
    const paths = ['layers.0.weight', 'layers.0.bias', 'layers.2.weight', 'layers.2.bias'];
    expect(Object.keys(header).sort()).toEqual([...paths, ...paths.flatMap((p) => [`optimizer/${p}/m`, `optimizer/${p}/v`])].sort());
    expect(header['layers.0.weight']!.shape).toEqual([2, 3]);
    for (const [path, p] of model.namedParameters()) expect(floats(path)).toEqual(Array.from(await p.data()));
    for (const [key, t] of optimizer.state()) expect(floats(`optimizer/${key}`)).toEqual(Array.from(await t.data()));
    expect(metadata).toEqual({ note: 'hi', step: '1', epoch: '0', optimizer: 'adam', 'optimizer.step': '1', 'optimizer.lr': '0.01' });
    expect(inspect(file).tensors.find((t) => t.name === 'layers.2.bias')).toEqual({ name: 'layers.2.bias', dtype: 'F32', shape: [2] });
  });

  it('saves and restores int32 and bool buffers beside float parameters', async () => {
    class Counter extends Module {
      readonly kind = 'counter';
      constructor(count: number, mask: boolean[]) {
        super();
        this.parameter('w', tensor([count, 0.5]));
        this.buffer('count', tensor(new Int32Array([count])));
        this.buffer('mask', tensor(mask));
      }
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    const file = await save(new Counter(7, [true, false, true]));
    expect(readByHand(file).header.mask!.dtype).toBe('BOOL');
    const target = new Counter(1, [false, false, false]);
    load(target, file);
    expect(await snapshot(target)).toEqual({ w: [7, 0.5], count: [7], mask: [1, 0, 1] });
  });

  it('lists shape mismatches and missing names, and changes nothing', async () => {
    const file = await save(mlp(3));
    seed(9);
    const other = sequential(dense(2, 4), relu(), dense(4, 2), dense(2, 1));
    const before = await snapshot(other);
    expect(problemsOf(() => load(other, file))).toEqual([
      `'layers.0.weight': shape [2,3] in the file, [2,4] in the model`,
      `'layers.0.bias': shape [3] in the file, [4] in the model`,
      `'layers.2.weight': shape [3,2] in the file, [4,2] in the model`,
      `'layers.3.weight' (float32 [2,1]) is in the model but not in the file`,
      `'layers.3.bias' (float32 [1]) is in the model but not in the file`,
    ]);
    expect(await snapshot(other)).toEqual(before);
  });

  it('lists extra names and dtype mismatches; strict: false loads what matches', async () => {
    const small = mlp(3);
    const big = sequential(dense(2, 3), tanh(), dense(3, 2), dense(2, 2));
    const file = await save(big);
    expect(problemsOf(() => load(small, file))).toEqual([
      `'layers.3.bias' (F32 [2]) is in the file but not in the model`,
      `'layers.3.weight' (F32 [2,2]) is in the file but not in the model`,
    ]);
    load(small, file, { strict: false });
    expect((await snapshot(small))['layers.0.weight']).toEqual(Array.from(await big.namedParameters()[0]![1].data()));
    const ints = encodeSafetensors(small.namedParameters().map(([path, p]) => [path, { dtype: 'I32', shape: p.shape, values: new Array<number>(p.size).fill(1) }]));
    expect(problemsOf(() => load(small, ints))[0]).toBe(`'layers.0.weight': dtype I32 in the file, float32 in the model (which loads from F32, F64, F16, BF16)`);
  });

  it('checks optimiser state: its presence, the optimiser name, slot paths and shapes', async () => {
    const model = mlp(3);
    const optimizer = adam({ lr: 0.01 });
    stepOn(model, optimizer);
    const withAdam = await save(model, { optimizer });
    const before = await snapshot(model, optimizer);
    expect(problemsOf(() => load(model, withAdam, { optimizer: sgd({ lr: 0.1 }) }))).toEqual(['the file holds adam optimiser state, the optimiser given is sgd']);
    const weightsOnly = await save(model);
    expect(problemsOf(() => load(model, weightsOnly, { optimizer }))[0]).toMatch(/^the file holds no optimiser state/);
    const stray = encodeSafetensors([
      ...(await Promise.all(model.namedParameters().map(async ([path, p]) => [path, { dtype: 'F32' as const, shape: p.shape, values: await p.data() }] as const))),
      ['optimizer/layers.9.weight/m', { dtype: 'F32', shape: [1], values: [0] }],
      ['optimizer/layers.0.bias/m', { dtype: 'F32', shape: [5], values: [0, 0, 0, 0, 0] }],
    ], { optimizer: 'adam', 'optimizer.step': 'two' });
    expect(problemsOf(() => load(model, stray, { optimizer }))).toEqual([
      `'optimizer/layers.0.bias/m': shape [5] in the file, the parameter 'layers.0.bias' is [3]`,
      `'optimizer/layers.9.weight/m' is optimiser state for 'layers.9.weight', which is not a parameter of the model`,
      `__metadata__ 'optimizer.step' is "two", expected a non-negative integer`,
    ]);
    expect(await snapshot(model, optimizer)).toEqual(before);
    load(model, stray, { strict: false }); // weights alone, optimiser state ignored
  });

  it('reports a corrupt or truncated file as a CheckpointError and leaves the model as it was', async () => {
    const model = mlp(3);
    const file = await save(model);
    const before = await snapshot(model);
    expect(problemsOf(() => load(model, file.slice(0, file.byteLength - 3)))).toEqual([`'layers.2.weight': data_offsets [44,68] run past the 65 bytes of data (truncated?)`]);
    expect(problemsOf(() => load(model, new ArrayBuffer(3)))[0]).toMatch(/too short for the 8-byte header length/);
    const garbage = new Uint8Array(file.slice(0));
    garbage.fill(0x7b, 8, 16);
    expect(problemsOf(() => load(model, garbage))[0]).toMatch(/^safetensors: the header is not valid JSON/);
    expect(await snapshot(model)).toEqual(before);
  });
});

describe('load from hostile or unusual bytes', () => {
  it('loads a Node Buffer from fs.readFileSync (a view whose ArrayBuffer holds more than the file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'webgrad-load-'));
    try {
      seed(5);
      const trained = dense(64, 64);
      const path = join(dir, 'dense.safetensors');
      writeFileSync(path, new Uint8Array(await save(trained)));
      const fresh = dense(64, 64);
      load(fresh, readFileSync(path));
      expect(await snapshot(fresh)).toEqual(await snapshot(trained));
      const small = mlp(2);
      const pooled = Buffer.from(new Uint8Array(await save(small))); // small Buffers share one 8 KB pool
      expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
      const target = mlp(2);
      for (const [, p] of target.namedParameters()) p.assign(tensor(new Float32Array(p.size).fill(7), { shape: p.shape }));
      load(target, pooled);
      expect(await snapshot(target)).toEqual(await snapshot(small));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses NaN or infinite weights and optimiser slots with the tensor and index; allowNonFinite loads them', async () => {
    const model = mlp(3);
    const optimizer = adam({ lr: 0.01 });
    stepOn(model, optimizer);
    const entries = await Promise.all([...model.namedParameters(), ...[...optimizer.state()].map(([k, t]): [string, Tensor] => [`optimizer/${k}`, t])].map(async ([path, t]) => {
      const values = Array.from(await t.data());
      if (path === 'layers.0.weight') values[4] = NaN;
      if (path === 'optimizer/layers.2.bias/v') values[1] = -Infinity;
      return [path, { dtype: 'F32' as const, shape: t.shape, values }] as const;
    }));
    const file = encodeSafetensors(entries, { optimizer: 'adam', 'optimizer.step': '1' });
    const before = await snapshot(model, optimizer);
    expect(problemsOf(() => load(model, file, { optimizer }))).toEqual([
      `'layers.0.weight': value NaN at flat index 4 is not finite (a diverged run?); load with { allowNonFinite: true } to accept it`,
      `'optimizer/layers.2.bias/v': value -Infinity at flat index 1 is not finite (a diverged run?); load with { allowNonFinite: true } to accept it`,
    ]);
    expect(await snapshot(model, optimizer)).toEqual(before);
    load(model, file, { optimizer, allowNonFinite: true });
    expect((await snapshot(model))['layers.0.weight']![4]).toBeNaN();
  });

  it('reports a hostile header (deep, or a key given twice) as a CheckpointError with a short message', async () => {
    const model = mlp(3);
    const header = (text: string): Uint8Array => {
      const json = new TextEncoder().encode(text);
      const out = new Uint8Array(8 + json.length);
      new DataView(out.buffer).setUint32(0, json.length, true);
      out.set(json, 8);
      return out;
    };
    expect(problemsOf(() => load(model, header(`{"a":${'['.repeat(100_000)}}`)))[0]).toMatch(/^safetensors: the header nests deeper than 16 levels/);
    expect(problemsOf(() => load(model, header('{"__metadata__":{"step":"1","step":"2"}}')))).toEqual([`key 'step' is given twice in '__metadata__'`]);
    expect(inspect(await save(model, { hyperparameters: { deep: JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`) } })).hyperparameters).toBeUndefined();
  });
});
