// What the single-file library build (/cdn/webgrad.js) must do wherever it is imported from: a
// matmul on the 'wasm' backend (its .wasm found beside the bundle), and a tiny Trainer run whose
// loss falls. library.html runs it in a page; test/build/cdn-bundle.test.ts runs it in Node.

/** Runs the checks with the imported library `wg`; resolves with what a test asserts on. */
export async function checkLibrary(wg) {
  await wg.setBackend('wasm');
  const a = wg.tensor([[1, 2], [3, 4]]);
  const product = Array.from(await a.matmul(a).data());
  a.dispose();
  // Where SharedArrayBuffer exists the backend started helper threads from the bundled worker.
  const { threads } = await wg.getBackendInstance('wasm');

  const { nn } = wg;
  wg.seed(1);
  const data = nn.data.plane({ samples: 200, noise: 0.05, seed: 1 });
  const model = nn.sequential(nn.dense(2, 8), nn.tanh(), nn.dense(8, 1));
  const trainer = new nn.Trainer({ model, loss: 'mse', optimizer: nn.optim.adam({ lr: 0.05 }), data, batchSize: 32 });
  const before = await trainer.evaluate();
  await trainer.fit({ epochs: 20 });
  const after = await trainer.evaluate();
  return { backend: wg.getBackend(), threads, product, lossBefore: before.loss, lossAfter: after.loss };
}
