// The 8×8 handwritten digits (UCI, CC BY 4.0, shipped with @webgrad/nn): an MLP and a small
// CNN trained with the Trainer on the training split and scored on the held-out test split.
import * as wg from 'webgradjs';

const { nn } = wg;

/** Which network to train. */
export type DigitsModel = 'mlp' | 'cnn';

/** A 64-64-10 MLP on the flat pixels, or conv 3×3 (8 maps) → max-pool → dense on [1, 8, 8] images. */
function build(kind: DigitsModel): wg.nn.Module {
  if (kind === 'mlp') return nn.sequential(nn.dense(64, 64), nn.relu(), nn.dense(64, 10));
  const image = nn.graph({ conv: nn.conv2d(1, 8, 3, { padding: 'same' }), head: nn.dense(8 * 4 * 4, 10) }, ({ conv, head }, x) =>
    head.forward(wg.maxPool2d(conv.forward(x!.reshape([-1, 1, 8, 8])).relu(), 2).flatten(1)));
  return image;
}

/** Trains on the training split for `epochs` and returns the test accuracy. */
export async function trainDigits(kind: DigitsModel, { epochs = 15, lr = 0.01, seed = 2 } = {}): Promise<{ testAccuracy: number; trainAccuracy: number; steps: number }> {
  wg.seed(seed);
  const [train, test] = await Promise.all([nn.data.digits({ split: 'train' }), nn.data.digits({ split: 'test' })]);
  const model = build(kind);
  const trainer = new nn.Trainer({ model, loss: 'softmaxCrossEntropy', optimizer: nn.optim.adam({ lr }), data: train, batchSize: 32, seed });
  await trainer.fit({ epochs });
  const result = { testAccuracy: (await trainer.evaluate(test)).accuracy!, trainAccuracy: (await trainer.evaluate(train)).accuracy!, steps: trainer.step };
  model.dispose();
  trainer.optimizer.dispose();
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const kind of ['mlp', 'cnn'] as const) {
    const started = performance.now();
    const r = await trainDigits(kind);
    console.log(`${kind}: test accuracy ${(100 * r.testAccuracy).toFixed(1)} % (train ${(100 * r.trainAccuracy).toFixed(1)} %), ${r.steps} steps in ${((performance.now() - started) / 1000).toFixed(1)} s on ${wg.getBackend()}`);
  }
}
