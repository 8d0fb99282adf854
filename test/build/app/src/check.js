// What every consumer of webgrad checks (test/build/consumers.test.ts), given the library `wg`: it
// trains a tiny model on 'wasm' and calls backward() (which tree-shaking must keep). No imports,
// so that a bundled app and a plain page importing the single-file build share it.

/** Runs the checks; resolves with what the test asserts on. */
export async function check(wg) {
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

/** Runs the checks and leaves the outcome in globalThis.result. */
export function report(wg) {
  check(wg).then((r) => { globalThis.result = r; }, (e) => { globalThis.result = { error: String(e?.stack ?? e) }; });
}
