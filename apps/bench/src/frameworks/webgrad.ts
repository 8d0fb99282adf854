// webgrad on its 'wasm' backend: tensors, autograd (valueAndGrad) and in-place parameter
// updates (assign), each step inside a scope so it frees its temporaries.
import { valueAndGrad } from '@webgrad/autograd';
import { createWasmBackend, type WasmBackend } from '@webgrad/backend-wasm';
import { conv2d, fromValues, getBackendInstance, registerBackend, scope, setBackend, type Tensor } from '@webgrad/tensor';
import type { ConvSpec, Framework, MlpSpec, Task } from '../harness.js';

/** Starts a webgrad wasm backend on `threads` threads and returns the framework. */
export async function webgrad(threads: number): Promise<Framework & { backend: WasmBackend }> {
  const name = `wasm-${threads}t`;
  registerBackend(name, () => createWasmBackend({ name, threads }));
  const backend = (await getBackendInstance(name)) as WasmBackend;
  const t = (values: Float32Array, shape: number[]): Tensor => fromValues(values, shape, 'float32');
  return {
    name: threads === 1 ? 'webgrad' : `webgrad ${threads}T`,
    backend,
    activate: () => setBackend(name),
    describe: () => `webgrad wasm, ${backend.threads} thread${backend.threads > 1 ? 's' : ''}, ${backend.relaxedSimd ? 'relaxed SIMD' : 'SIMD128'}`,
    matmul: (n, a, b) => matmulTask(n, a, b, t, false),
    mlp: (spec) => mlpTask(spec, t, false),
    conv: (spec) => convTask(spec, t),
    convForward(spec): Task {
      const [x, w] = [t(spec.x, spec.xShape), t(spec.w, spec.wShape)];
      let y: Tensor | undefined;
      return {
        run: () => {
          y?.dispose();
          y = conv2d(x, w, { padding: 'same' });
        },
        check: async () => (await y!.data()) as Float32Array,
        dispose: () => [x, w, y].forEach((v) => v?.dispose()),
      };
    },
  };
}

/** Makes a float32 tensor on the framework's backend. */
export type MakeTensor = (values: Float32Array, shape: number[]) => Tensor;

/**
 * A matmul task; `read` makes each run read the product back (a device backend computes only
 * when a value is needed; the wasm backend computes synchronously, so it is not read).
 */
export function matmulTask(n: number, a: Float32Array, b: Float32Array, t: MakeTensor, read: boolean): Task {
  const [x, y] = [t(a, [n, n]), t(b, [n, n])];
  let out: Tensor | undefined;
  const multiply = (): Tensor => {
    out?.dispose();
    return (out = x.matmul(y));
  };
  return {
    run: read ? async () => void (await multiply().data()) : () => void multiply(),
    check: async () => (await out!.data()) as Float32Array,
    dispose: () => [x, y, out].forEach((v) => v?.dispose()),
  };
}

/** An MLP train step with autograd and assign updates; `read`: the loss is read asynchronously (device backends). */
export function mlpTask(spec: MlpSpec, t: MakeTensor, read: boolean): Task {
  const { layers, batch, lr } = spec;
  const params = layers.flatMap((l) => [t(l.w, [l.inputs, l.outputs]), t(l.b, [l.outputs])]);
  const accum = spec.optimizer === 'adagrad' ? params.map((p) => t(new Float32Array(p.size).fill(spec.initialAccumulator), [...p.shape])) : [];
  const x = t(batch.x, [batch.size, layers[0]!.inputs]);
  const onehot = t(batch.onehot, [batch.size, 10]);
  const loss = (...ps: Tensor[]): Tensor => {
    let h = x;
    for (let i = 0; i < layers.length; i++) {
      h = h.matmul(ps[2 * i]!).add(ps[2 * i + 1]!);
      if (i < layers.length - 1) h = h.relu();
    }
    return h.logSoftmax(-1).mul(onehot).sum().mul(-1 / batch.size);
  };
  const grads = valueAndGrad(loss, params.map((_, i) => i));
  const losses: number[] = [];
  const step = (): Tensor =>
    scope(() => {
      const [l, gs] = grads(...params);
      gs.forEach((g, i) => {
        if (spec.optimizer === 'sgd') {
          params[i]!.assign(params[i]!.sub(g.mul(lr)));
        } else {
          const acc = accum[i]!.assign(accum[i]!.add(g.square()));
          params[i]!.assign(params[i]!.sub(g.mul(lr).div(acc.add(1e-7).sqrt())));
        }
      });
      return l;
    });
  const record = (value: Tensor, loss: number): void => {
    losses.push(loss);
    value.dispose();
  };
  return {
    run: read
      ? async () => {
          const value = step();
          record(value, (await value.data())[0]!);
        }
      : () => {
          const value = step();
          record(value, value.dataSync()[0]!);
        },
    check: async () => Float32Array.from([losses[0]!, losses[losses.length - 1]!]),
    dispose: () => [...params, ...accum, x, onehot].forEach((v) => v.dispose()),
  };
}

function convTask(spec: ConvSpec, t: (v: Float32Array, s: number[]) => Tensor): Task {
  const x = t(spec.x, spec.xShape);
  const w = t(spec.w, spec.wShape);
  const g = t(spec.g, [spec.xShape[0], spec.wShape[0], spec.xShape[2], spec.xShape[3]]);
  const f = valueAndGrad((a: Tensor, b: Tensor) => conv2d(a, b, { padding: 'same' }).mul(g).sum(), [0, 1]);
  let result: Tensor[] = [];
  return {
    run: () => {
      result.forEach((r) => r.dispose());
      const [value, [dx, dw]] = f(x, w);
      value.dispose();
      result = [dw!, dx!];
    },
    check: async () => {
      const [dw, dx] = await Promise.all(result.map((r) => r.data()));
      return Float32Array.from([...dw!, ...dx!]);
    },
    dispose: () => [x, w, g, ...result].forEach((v) => v.dispose()),
  };
}
