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
    matmul(n, a, b): Task {
      const [x, y] = [t(a, [n, n]), t(b, [n, n])];
      let out: Tensor | undefined;
      return {
        run: () => {
          out?.dispose();
          out = x.matmul(y);
        },
        check: async () => (await out!.data()) as Float32Array,
        dispose: () => [x, y, out].forEach((v) => v?.dispose()),
      };
    },
    mlp: (spec) => mlpTask(spec, t),
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

function mlpTask(spec: MlpSpec, t: (v: Float32Array, s: number[]) => Tensor): Task {
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
  return {
    run: () => {
      const value = scope(() => {
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
      losses.push(value.dataSync()[0]!);
      value.dispose();
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
