// The benchmark's contenders on WebGPU in Node, all on the same adapter: webgrad 'webgpu', TF.js
// 4.22 'webgpu' and jax-js 'webgpu' (peers get navigator.gpu and the GPU* globals from Dawn).
// Each task's run() resolves once its result is read back, so every framework pays one sync.
import { init, jit, nn, numpy as np, valueAndGrad as jaxValueAndGrad, defaultDevice } from '@jax-js/jax';
import * as tf from '@tensorflow/tfjs';
import { valueAndGrad } from '@webgrad/autograd';
import { fromValues, scope, type Tensor } from '@webgrad/tensor';
import type { WebGPUBackend } from '../src/backend.js';

/** An MLP train step: layer weights [in, out] and biases, a batch, SGD or Adagrad. */
export interface MlpSpec {
  sizes: number[];
  weights: Float32Array[];
  x: Float32Array;
  onehot: Float32Array;
  batch: number;
  optimizer: 'sgd' | 'adagrad';
  lr: number;
}

/** One workload set up on one framework. */
export interface Task {
  run(): Promise<void>;
  /** Values to cross-check (matmul: the product's first 64 values; MLP: the losses so far). */
  check(): Promise<number[]>;
}

/** A contender. */
export interface Contender {
  name: string;
  matmul(n: number, a: Float32Array, b: Float32Array): Task;
  mlp(spec: MlpSpec): Task;
}

/** webgrad on the given 'webgpu' backend: autograd, assign updates, one scope per step. */
export function webgradContender(be: WebGPUBackend): Contender {
  const t = (v: Float32Array, s: number[]): Tensor => fromValues(v, s, 'float32', be);
  return {
    name: 'webgrad webgpu',
    matmul(n, a, b) {
      const [x, y] = [t(a, [n, n]), t(b, [n, n])];
      let last: Float32Array = new Float32Array();
      return {
        run: async () => {
          const c = x.matmul(y);
          last = (await c.data()) as Float32Array;
          c.dispose();
        },
        check: async () => Array.from(last.subarray(0, 64)),
      };
    },
    mlp(spec) {
      const params = spec.sizes.slice(1).flatMap((out, i) => [t(spec.weights[i]!, [spec.sizes[i]!, out]), t(new Float32Array(out), [out])]);
      const accum = params.map((p) => t(new Float32Array(p.size).fill(0.1), [...p.shape]));
      const x = t(spec.x, [spec.batch, spec.sizes[0]!]);
      const y = t(spec.onehot, [spec.batch, 10]);
      const loss = (...ps: Tensor[]): Tensor => {
        let h = x;
        for (let i = 0; i < ps.length / 2; i++) {
          h = h.matmul(ps[2 * i]!).add(ps[2 * i + 1]!);
          if (i < ps.length / 2 - 1) h = h.relu();
        }
        return h.logSoftmax(-1).mul(y).sum().mul(-1 / spec.batch);
      };
      const grads = valueAndGrad(loss, params.map((_, i) => i));
      const losses: number[] = [];
      return {
        run: async () => {
          const value = scope(() => {
            const [l, gs] = grads(...params);
            gs.forEach((g, i) => {
              if (spec.optimizer === 'sgd') params[i]!.assign(params[i]!.sub(g.mul(spec.lr)));
              else {
                const acc = accum[i]!.assign(accum[i]!.add(g.square()));
                params[i]!.assign(params[i]!.sub(g.mul(spec.lr).div(acc.add(1e-7).sqrt())));
              }
            });
            return l;
          });
          losses.push((await value.data())[0]!);
          value.dispose();
        },
        check: async () => losses.slice(0, 3),
      };
    },
  };
}

/** TF.js on its 'webgpu' backend, written as TF.js code usually is (variableGrads, tidy). */
export async function tfjsContender(): Promise<Contender> {
  await import('@tensorflow/tfjs-backend-webgpu');
  await tf.setBackend('webgpu');
  await tf.ready();
  return {
    name: 'tfjs webgpu',
    matmul(n, a, b) {
      const [x, y] = [tf.tensor2d(a, [n, n]), tf.tensor2d(b, [n, n])];
      let last: Float32Array = new Float32Array();
      return {
        run: async () => {
          const c = tf.matMul(x, y);
          last = (await c.data()) as Float32Array;
          c.dispose();
        },
        check: async () => Array.from(last.subarray(0, 64)),
      };
    },
    mlp(spec) {
      const vars = spec.sizes.slice(1).flatMap((out, i) => [tf.variable(tf.tensor2d(spec.weights[i]!, [spec.sizes[i]!, out])), tf.variable(tf.zeros([out]))]);
      const x = tf.tensor2d(spec.x, [spec.batch, spec.sizes[0]!]);
      const y = tf.tensor2d(spec.onehot, [spec.batch, 10]);
      const optimizer = spec.optimizer === 'sgd' ? tf.train.sgd(spec.lr) : tf.train.adagrad(spec.lr, 0.1);
      const loss = (): tf.Scalar => {
        let h: tf.Tensor2D = x;
        for (let i = 0; i < vars.length / 2; i++) {
          h = tf.add(tf.matMul(h, vars[2 * i]!), vars[2 * i + 1]!);
          if (i < vars.length / 2 - 1) h = tf.relu(h);
        }
        return tf.div(tf.neg(tf.sum(tf.mul(tf.logSoftmax(h), y))), spec.batch) as tf.Scalar;
      };
      const losses: number[] = [];
      return {
        run: async () => {
          const cost = optimizer.minimize(loss, true, vars)!;
          losses.push((await cost.data())[0]!);
          cost.dispose();
        },
        check: async () => losses.slice(0, 3),
      };
    },
  };
}

/** jax-js on its 'webgpu' device, the train step under jit as jax-js recommends. */
export async function jaxContender(): Promise<Contender> {
  await init('webgpu');
  defaultDevice('webgpu');
  return {
    name: 'jax-js webgpu',
    matmul(n, a, b) {
      const x = np.array(a).reshape([n, n]);
      const y = np.array(b).reshape([n, n]);
      let last: Float32Array = new Float32Array();
      return {
        run: async () => {
          last = (await np.matmul(x.ref, y.ref).data()) as Float32Array;
        },
        check: async () => Array.from(last.subarray(0, 64)),
      };
    },
    mlp: jaxMlp,
  };
}

function jaxMlp(spec: MlpSpec): Task {
  const count = spec.sizes.length - 1;
  const loss = (ps: np.Array[], x: np.Array, y: np.Array): np.Array => {
    let h = x;
    for (let i = 0; i < count; i++) {
      h = np.matmul(h, ps[2 * i]!).add(ps[2 * i + 1]!);
      if (i < count - 1) h = nn.relu(h);
    }
    return nn.logSoftmax(h, -1).mul(y).sum().mul(-1 / spec.batch);
  };
  const sgd = jit((ps: np.Array[], x: np.Array, y: np.Array) => {
    const [l, gs] = jaxValueAndGrad(loss)(ps.map((p) => p.ref), x, y);
    return [l, ps.map((p, i) => p.sub(gs[i]!.mul(spec.lr)))];
  });
  const adagrad = jit((ps: np.Array[], acc: np.Array[], x: np.Array, y: np.Array) => {
    const [l, gs] = jaxValueAndGrad(loss)(ps.map((p) => p.ref), x, y);
    const acc2 = acc.map((a, i) => a.add(gs[i]!.ref.mul(gs[i]!.ref)));
    return [l, ps.map((p, i) => p.sub(gs[i]!.mul(spec.lr).div(np.sqrt(acc2[i]!.ref.add(1e-7))))), acc2];
  });
  let params = spec.sizes.slice(1).flatMap((out, i) => [np.array(spec.weights[i]!).reshape([spec.sizes[i]!, out]), np.zeros([out])]);
  let accum = params.map((p) => np.full(p.shape, 0.1));
  const x = np.array(spec.x).reshape([spec.batch, spec.sizes[0]!]);
  const y = np.array(spec.onehot).reshape([spec.batch, 10]);
  const losses: number[] = [];
  return {
    run: async () => {
      let l: np.Array;
      if (spec.optimizer === 'sgd') [l, params] = sgd(params, x.ref, y.ref) as [np.Array, np.Array[]];
      else [l, params, accum] = adagrad(params, accum, x.ref, y.ref) as [np.Array, np.Array[], np.Array[]];
      losses.push((await l.data())[0]!);
    },
    check: async () => losses.slice(0, 3),
  };
}
