// A thread of the 'wasm' backend's pool (plain JavaScript, so it runs unbuilt in Node and in
// browsers). It instantiates the shared-memory kernels over the backend's memory, then sleeps on
// its slot of the control block: state 1 means "run the job after the state" (a job code, then
// its arguments), answered by state 2; state 3 means exit. See src/threads.ts for the other side.
const RUN = 1;
const DONE = 2;
const EXIT = 3;
// Job codes, as in src/op-codes.ts (JOB_*): a gemm share, or a share of a large elementwise op.
const JOB_GEMM = 0;
const JOB_UNARY_F32 = 1;
const JOB_BINARY_F32 = 2;
// Polls this many times (a fraction of a millisecond) for the next job before sleeping: a
// training step issues gemms close together, and waking a sleeping thread costs tens of µs.
const SPIN = 20000;

async function serve({ module, memory, slot }) {
  const { exports: k } = await WebAssembly.instantiate(module, { env: { memory, abort: () => { throw new Error('wasm worker: a kernel aborted'); } } });
  const view = new Int32Array(memory.buffer, slot, 32);
  return () => {
    for (;;) {
      for (let i = 0; i < SPIN && Atomics.load(view, 0) !== RUN && Atomics.load(view, 0) !== EXIT; i++);
      Atomics.wait(view, 0, 0);
      const state = Atomics.load(view, 0);
      if (state === EXIT) return;
      if (state !== RUN) continue;
      const a = view;
      if (a[1] === JOB_GEMM) k.gemm(a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15], a[16], a[17]);
      else if (a[1] === JOB_UNARY_F32) k.unaryF32(a[2], a[3], a[4], a[5]);
      else if (a[1] === JOB_BINARY_F32) k.binaryF32Flat(a[2], a[3], a[4], a[5], a[6], a[7], a[8]);
      Atomics.store(view, 0, DONE);
      Atomics.notify(view, 0);
    }
  };
}

if (typeof process !== 'undefined' && process.versions?.node && typeof self === 'undefined') {
  // A variable specifier, so that bundlers building for browsers leave Node's module alone; and
  // no top-level await, which bundlers emitting classic (iife) workers refuse.
  const name = 'node:worker_threads';
  import(/* @vite-ignore */ /* webpackIgnore: true */ name).then(({ parentPort }) => {
    parentPort.once('message', async (init) => {
      const loop = await serve(init);
      parentPort.postMessage('ready');
      loop();
      parentPort.close();
    });
  });
} else {
  self.onmessage = async (event) => {
    self.onmessage = null;
    const loop = await serve(event.data);
    self.postMessage('ready');
    loop();
    self.close();
  };
}
