// A Trainer keeps the backend its model was built on: two Trainers, on 'js' and on 'wasm', train
// at once (interleaved fits) while the program switches the current backend, and each trains as
// it would alone; batches, optimiser state, evaluation, prediction and re-initialisation stay on
// the Trainer's backend. A model spread over two backends is refused.
import '@webgrad/backend-wasm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getBackend, getBackendInstance, seed, setBackend, tensor, withBackend, type Backend } from './deps.js';
import { fromArrays, type Dataset } from './data/dataset.js';
import { DatasetOnBackend } from './dataset-on-backend.js';
import { constant } from './init.js';
import { dense } from './layers/dense.js';
import { relu } from './layers/activation.js';
import { sequential } from './layers/containers.js';
import { adam } from './optim/rules.js';
import { Trainer } from './trainer.js';

let js: Backend;
let wasm: Backend;
beforeAll(async () => {
  [js, wasm] = await Promise.all([getBackendInstance('js'), getBackendInstance('wasm')]);
});

const made: Trainer[] = [];
afterEach(async () => {
  for (const t of made.splice(0)) {
    t.model.dispose();
    t.optimizer.dispose();
  }
  await setBackend('js');
});

/** Four points, two classes. */
const data = (): Dataset => fromArrays([[0, 0], [1, 1], [1, 0], [0, 1]], [0, 1, 1, 0]);

/** A Trainer whose model is built (seeded) on `on`; Adam, so that optimiser state is made too. */
function trainerOn(on: Backend): Trainer {
  seed(7);
  const model = withBackend(on, () => sequential(dense(2, 8), relu(), dense(8, 2)));
  const t = new Trainer({ model, loss: 'softmaxCrossEntropy', optimizer: adam({ lr: 0.05 }), data: data(), validation: data(), batchSize: 2 });
  made.push(t);
  return t;
}

async function losses(t: Trainer, steps: number, between?: (step: number) => Promise<void>): Promise<number[]> {
  const seen: number[] = [];
  t.hook({ step: async (ctx) => {
    seen.push(ctx.metrics.loss!);
    await between?.(ctx.step);
  } });
  await t.fit({ steps });
  return seen;
}

describe('a Trainer keeps its backend', () => {
  it('records the backend of its model, else the current one', async () => {
    expect(trainerOn(wasm).backend).toBe(wasm);
    await setBackend('wasm');
    const t = new Trainer({ model: sequential(relu()), loss: 'mse', optimizer: adam({ lr: 0.1 }), data: data() });
    made.push(t);
    expect(t.backend.name).toBe('wasm');
  });

  it('two Trainers on js and wasm train at once while setBackend flips, each as it would alone', async () => {
    const alone = [await losses(trainerOn(js), 12), await losses(trainerOn(wasm), 12)];
    const [a, b] = [trainerOn(js), trainerOn(wasm)];
    // The program changes the current backend between (and during) the steps of both fits.
    const flip = async (step: number): Promise<void> => setBackend(step % 2 ? 'wasm' : 'js');
    const together = await Promise.all([losses(a, 12, flip), losses(b, 12, flip), (async () => {
      for (let i = 0; i < 20; i++) await setBackend(i % 2 ? 'js' : 'wasm');
    })()]);
    expect(together.slice(0, 2)).toEqual(alone);
    for (const [t, on] of [[a, js], [b, wasm]] as const) {
      expect(t.model.parameters().every((p) => p.backend === on)).toBe(true);
      expect([...t.optimizer.state().values()].every((s) => s.backend === on)).toBe(true);
      expect(t.metrics.valLoss).toBeGreaterThan(0);
    }
  });

  it('evaluate, predict and initialise work on the Trainer\u2019s backend whatever is current', async () => {
    const t = trainerOn(wasm);
    await setBackend('js');
    const evaluated = await t.evaluate();
    expect(evaluated.loss).toBeGreaterThan(0);
    const x = withBackend(wasm, () => tensor([[1, 0]]));
    const y = t.predict(x);
    expect([y.backend.name, getBackend()]).toEqual(['wasm', 'js']);
    t.initialise('**.bias', constant(0.25));
    expect(t.model.namedParameters().filter(([path]) => path.endsWith('bias')).every(([, p]) => p.backend === wasm)).toBe(true);
    for (const u of [x, y]) u.dispose();
  });

  it('batches made in later tasks (prefetch) land on the Trainer\u2019s backend', async () => {
    const view = new DatasetOnBackend(data(), wasm);
    const batches = view.prefetch(2, { seed: 1 });
    await setBackend('js');
    for await (const batch of batches) {
      expect([batch.x.backend.name, batch.y.backend.name]).toEqual(['wasm', 'wasm']);
      batch.x.dispose();
      batch.y.dispose();
    }
  });

  it('refuses a model whose parameters live on two backends, naming them', () => {
    const model = sequential(withBackend(js, () => dense(2, 2)), withBackend(wasm, () => dense(2, 2)));
    try {
      expect(() => new Trainer({ model, loss: 'mse', optimizer: adam({ lr: 0.1 }), data: data() })).toThrow("Trainer: the model's parameters live on several backends: 'layers.0.weight' on 'js', 'layers.1.weight' on 'wasm'; expected one");
    } finally {
      model.dispose();
    }
  });
});
