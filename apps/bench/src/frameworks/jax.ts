// jax-js on its 'wasm' device (or 'webgpu'), with the train and convolution steps under jit, as
// jax-js recommends. It runs its own worker pool where SharedArrayBuffer and Worker exist (a
// cross-origin-isolated page), else one thread (Node has no global Worker). jax-js arrays are
// reference counted: every function consumes its arguments, so values used twice go as `.ref`.
import { init, jit, lax, nn, numpy as np, valueAndGrad, grad, defaultDevice } from '@jax-js/jax';
import type { ConvSpec, Framework, MlpSpec, Task } from '../harness.js';

/** Starts jax-js on `device` ('wasm' by default; 'webgpu' needs navigator.gpu) and returns the framework. */
export async function jax(device: 'wasm' | 'webgpu' = 'wasm'): Promise<Framework> {
  await init(device);
  defaultDevice(device);
  const pooled = device === 'wasm' && typeof SharedArrayBuffer !== 'undefined' && typeof Worker !== 'undefined' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  return {
    name: device === 'webgpu' ? 'jax-js webgpu' : pooled ? 'jax-js MT' : 'jax-js',
    describe: () => `jax-js ${device}${device === 'wasm' ? `, ${pooled ? 'its worker pool' : '1 thread'}` : ''}, jit`,
    matmul(n, a, b): Task {
      const x = np.array(a).reshape([n, n]);
      const y = np.array(b).reshape([n, n]);
      let out: np.Array | undefined;
      return {
        run: async () => {
          out?.dispose();
          out = np.matmul(x.ref, y.ref);
          // On webgpu every framework reads the product back, as on a page that uses it.
          if (device === 'webgpu') await out.ref.data();
          else await out.blockUntilReady();
        },
        check: async () => (await out!.ref.data()) as Float32Array,
        dispose: () => [x, y, out].forEach((v) => v?.dispose()),
      };
    },
    mlp: mlpTask,
    conv: convTask,
    convForward(spec): Task {
      const x = np.array(spec.x).reshape(spec.xShape);
      const filter = np.array(spec.w).reshape(spec.wShape);
      const forward = jit((a: np.Array, b: np.Array) => lax.convGeneralDilated(a, b, [1, 1], 'SAME'));
      let y: np.Array | undefined;
      return {
        run: async () => {
          y?.dispose();
          y = forward(x.ref, filter.ref) as np.Array;
          await y.blockUntilReady();
        },
        check: async () => (await y!.ref.data()) as Float32Array,
        dispose: () => [x, filter, y].forEach((v) => v?.dispose()),
      };
    },
  };
}

function mlpTask(spec: MlpSpec): Task {
  const { layers, batch, lr } = spec;
  const count = layers.length;
  const loss = (ps: np.Array[], x: np.Array, y: np.Array): np.Array => {
    let h = x;
    for (let i = 0; i < count; i++) {
      h = np.matmul(h, ps[2 * i]!).add(ps[2 * i + 1]!);
      if (i < count - 1) h = nn.relu(h);
    }
    return nn.logSoftmax(h, -1).mul(y).sum().mul(-1 / batch.size);
  };
  const sgd = jit((ps: np.Array[], x: np.Array, y: np.Array) => {
    const [l, gs] = valueAndGrad(loss)(ps.map((p) => p.ref), x, y);
    return [l, ps.map((p, i) => p.sub(gs[i]!.mul(lr)))];
  });
  const adagrad = jit((ps: np.Array[], acc: np.Array[], x: np.Array, y: np.Array) => {
    const [l, gs] = valueAndGrad(loss)(ps.map((p) => p.ref), x, y);
    const acc2 = acc.map((a, i) => a.add(gs[i]!.ref.mul(gs[i]!.ref)));
    const ps2 = ps.map((p, i) => p.sub(gs[i]!.mul(lr).div(np.sqrt(acc2[i]!.ref.add(1e-7)))));
    return [l, ps2, acc2];
  });
  let params = layers.flatMap((l) => [np.array(l.w).reshape([l.inputs, l.outputs]), np.array(l.b)]);
  let accum = params.map((p) => np.full(p.shape, spec.initialAccumulator));
  const x = np.array(batch.x).reshape([batch.size, layers[0]!.inputs]);
  const y = np.array(batch.onehot).reshape([batch.size, 10]);
  const losses: number[] = [];
  return {
    run: async () => {
      let l: np.Array;
      if (spec.optimizer === 'sgd') [l, params] = sgd(params, x.ref, y.ref) as [np.Array, np.Array[]];
      else [l, params, accum] = adagrad(params, accum, x.ref, y.ref) as [np.Array, np.Array[], np.Array[]];
      losses.push((await l.data())[0]!);
    },
    check: async () => Float32Array.from([losses[0]!, losses[losses.length - 1]!]),
    dispose: () => [...params, ...accum, x, y].forEach((v) => v.dispose()),
  };
}

function convTask(spec: ConvSpec): Task {
  const [n, , h, w] = spec.xShape;
  const o = spec.wShape[0];
  const x = np.array(spec.x).reshape(spec.xShape);
  const filter = np.array(spec.w).reshape(spec.wShape);
  const g = np.array(spec.g).reshape([n, o, h, w]);
  const f = (a: np.Array, b: np.Array, gy: np.Array): np.Array => lax.convGeneralDilated(a, b, [1, 1], 'SAME').mul(gy).sum();
  const step = jit((a: np.Array, b: np.Array, gy: np.Array) => grad(f, { argnums: [0, 1] })(a, b, gy));
  let result: np.Array[] = [];
  return {
    run: async () => {
      result.forEach((r) => r.dispose());
      result = step(x.ref, filter.ref, g.ref) as np.Array[];
      await Promise.all(result.map((r) => r.blockUntilReady()));
    },
    check: async () => {
      const dx = (await result[0]!.ref.data()) as Float32Array;
      const dw = (await result[1]!.ref.data()) as Float32Array;
      return Float32Array.from([...dw, ...dx]);
    },
    dispose: () => [x, filter, g, ...result].forEach((v) => v.dispose()),
  };
}
