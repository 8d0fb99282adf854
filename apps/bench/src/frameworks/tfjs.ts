// TF.js 4.22 on its 'wasm' backend (XNNPACK, SIMD) or its 'webgpu' backend: the same workloads
// written the way TF.js code usually is (optimizer.minimize, tf.grads). On wasm results are
// read with dataSync, on webgpu with an awaited data(). Convolutions run in TF.js's NHWC
// layout; inputs are transposed at setup and results back for the cross-check.
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { ConvSpec, Framework, MlpSpec, Task } from '../harness.js';

/** Options of {@link tfjs}. */
export interface TfjsOptions {
  /** The TF.js backend: 'wasm' (default) or 'webgpu' (needs navigator.gpu). */
  backend?: 'wasm' | 'webgpu';
  /** Threads for XNNPACK (more than 1 only in a cross-origin-isolated page). */
  threads: number;
  /** Where the page serves TF.js's .wasm files (browsers; Node finds them itself). */
  wasmPaths?: Record<string, string>;
}

/** Reads a result (its first value to `use`): synchronously on wasm, awaited on webgpu. */
type Read = (t: tf.Tensor, use?: (first: number) => void) => void | Promise<void>;

/** Starts TF.js's webgpu backend and returns the framework. */
async function tfjsWebgpu(): Promise<Framework> {
  await import('@tensorflow/tfjs-backend-webgpu');
  await tf.setBackend('webgpu');
  await tf.ready();
  const read: Read = async (t, use) => {
    const values = await t.data();
    use?.(values[0]!);
  };
  return { name: 'tfjs webgpu', describe: () => `TF.js ${tf.version.tfjs} ${tf.getBackend()}`, ...tasks(read) };
}

/** Starts TF.js's wasm (or webgpu) backend and returns the framework. */
export async function tfjs({ threads, wasmPaths, backend = 'wasm' }: TfjsOptions): Promise<Framework> {
  if (backend === 'webgpu') return tfjsWebgpu();
  if (wasmPaths) setWasmPaths(wasmPaths);
  if (threads > 1) setThreadsCount(threads);
  else tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('wasm');
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const count = getThreadsCount();
  const read: Read = (t, use) => {
    const values = t.dataSync();
    use?.(values[0]!);
  };
  return {
    name: threads > 1 ? `tfjs ${count}T` : 'tfjs',
    describe: () => `TF.js ${tf.version.tfjs} ${tf.getBackend()}, ${count} thread${count > 1 ? 's' : ''}, ${simd ? 'SIMD' : 'no SIMD'}`,
    ...tasks(read),
  };
}

/** The tasks, reading results with `read`. */
function tasks(read: Read): Pick<Framework, 'matmul' | 'mlp' | 'conv' | 'convForward'> {
  return {
    matmul(n, a, b): Task {
      const [x, y] = [tf.tensor2d(a, [n, n]), tf.tensor2d(b, [n, n])];
      let out: tf.Tensor | undefined;
      return {
        run: () => {
          out?.dispose();
          out = tf.matMul(x, y);
          return read(out);
        },
        check: async () => (await out!.data()) as Float32Array,
        dispose: () => tf.dispose([x, y, out!]),
      };
    },
    mlp: (spec) => mlpTask(spec, read),
    conv: (spec) => convTask(spec, read),
    convForward(spec): Task {
      const { x, filter } = nhwc(spec);
      let y: tf.Tensor | undefined;
      return {
        run: () => {
          y?.dispose();
          y = tf.conv2d(x, filter, 1, 'same');
          return read(y);
        },
        check: async () => {
          const back = tf.tidy(() => y!.transpose([0, 3, 1, 2]));
          const values = (await back.data()) as Float32Array;
          back.dispose();
          return values;
        },
        dispose: () => tf.dispose([x, filter, y!]),
      };
    },
  };
}

function mlpTask(spec: MlpSpec, read: Read): Task {
  const { layers, batch } = spec;
  const vars = layers.flatMap((l) => [tf.variable(tf.tensor2d(l.w, [l.inputs, l.outputs])), tf.variable(tf.tensor1d(l.b))]);
  const x = tf.tensor2d(batch.x, [batch.size, layers[0]!.inputs]);
  const onehot = tf.tensor2d(batch.onehot, [batch.size, 10]);
  const optimizer = spec.optimizer === 'sgd' ? tf.train.sgd(spec.lr) : tf.train.adagrad(spec.lr, spec.initialAccumulator);
  const losses: number[] = [];
  const loss = (): tf.Scalar => {
    let h: tf.Tensor2D = x;
    for (let i = 0; i < layers.length; i++) {
      h = tf.add(tf.matMul(h, vars[2 * i]!), vars[2 * i + 1]!);
      if (i < layers.length - 1) h = tf.relu(h);
    }
    return tf.losses.softmaxCrossEntropy(onehot, h) as tf.Scalar;
  };
  return {
    run: () => {
      const cost = optimizer.minimize(loss, true, vars)!;
      return read(cost, (first) => {
        losses.push(first);
        cost.dispose();
      });
    },
    check: async () => Float32Array.from([losses[0]!, losses[losses.length - 1]!]),
    dispose: () => {
      tf.dispose([...vars, x, onehot]);
      optimizer.dispose();
    },
  };
}

/** The input in NHWC and the filter in HWIO, TF.js's layouts. */
function nhwc(spec: ConvSpec): { x: tf.Tensor4D; filter: tf.Tensor4D } {
  return {
    x: tf.tidy(() => tf.tensor4d(spec.x, spec.xShape).transpose([0, 2, 3, 1]) as tf.Tensor4D),
    filter: tf.tidy(() => tf.tensor4d(spec.w, spec.wShape).transpose([2, 3, 1, 0]) as tf.Tensor4D),
  };
}

function convTask(spec: ConvSpec, read: Read): Task {
  const [n, , h, w] = spec.xShape;
  const [o] = spec.wShape;
  const { x, filter } = nhwc(spec);
  const g = tf.tidy(() => tf.tensor4d(spec.g, [n, o, h, w]).transpose([0, 2, 3, 1]));
  const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same'), g)));
  let result: tf.Tensor[] = [];
  return {
    run: async () => {
      tf.dispose(result);
      result = grads([x, filter]);
      for (const r of result) await read(r);
    },
    check: async () => {
      const dx = tf.tidy(() => result[0]!.transpose([0, 3, 1, 2]));
      const dw = tf.tidy(() => result[1]!.transpose([3, 2, 0, 1]));
      const values = Float32Array.from([...(await dw.data()), ...(await dx.data())]);
      tf.dispose([dx, dw]);
      return values;
    },
    dispose: () => tf.dispose([x, filter, g, ...result]),
  };
}
