// The consumer app every bundler builds (test/build/bundlers.test.ts): it imports the umbrella,
// trains a tiny model on 'wasm' and calls backward() (which tree-shaking must keep), then
// leaves what it saw in window.result.
import * as wg from 'webgradjs';
// Redundant once the umbrella includes the wasm backend (branch i13-backend); harmless after.
import '@webgrad/backend-wasm';

async function main() {
  await wg.setBackend('wasm');
  const w = wg.variable(wg.tensor([[1], [2]]));
  wg.tensor([[1, 2], [3, 4]]).matmul(w).sum().backward();
  const grad = Array.from(await w.grad.data());
  const { threads } = await wg.getBackendInstance('wasm');
  const { nn } = wg;
  wg.seed(1);
  const data = nn.data.plane({ samples: 200, noise: 0.05, seed: 1 });
  const model = nn.sequential(nn.dense(2, 8), nn.tanh(), nn.dense(8, 1));
  const trainer = new nn.Trainer({ model, loss: 'mse', optimizer: nn.optim.adam({ lr: 0.05 }), data, batchSize: 32 });
  const before = await trainer.evaluate();
  await trainer.fit({ epochs: 20 });
  const after = await trainer.evaluate();
  return { backend: wg.getBackend(), threads, grad, lossBefore: before.loss, lossAfter: after.loss };
}

main().then((r) => { globalThis.result = r; }, (e) => { globalThis.result = { error: String(e?.stack ?? e) }; });
