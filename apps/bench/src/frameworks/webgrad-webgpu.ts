// webgrad on its 'webgpu' backend: the same tasks as on wasm (autograd, assign updates, a scope
// per step), each run reading its result back. Counts the backend's dispatches and submits, so
// the report can say how many a train step takes; `fusion: false` measures without fusion.
import { createWebGPUBackend, type WebGPUBackend } from '@webgrad/backend-webgpu';
import { conv2d, fromValues, registerBackend, setBackend, type Tensor } from '@webgrad/tensor';
import type { Framework, Task } from '../harness.js';
import { matmulTask, mlpTask } from './webgrad.js';

/** Options of {@link webgradWebgpu}. */
export interface WebgradWebgpuOptions {
  /** The GPU object (Node: Dawn's); navigator.gpu when absent. */
  gpu?: GPU;
  /** Elementwise fusion (the backend's default: on). */
  fusion?: boolean;
}

/** Starts a webgrad 'webgpu' backend and returns the framework. */
export async function webgradWebgpu({ gpu, fusion = true }: WebgradWebgpuOptions = {}): Promise<Framework & { backend: WebGPUBackend }> {
  const name = fusion ? 'webgpu' : 'webgpu-unfused';
  const backend = await createWebGPUBackend({ gpu, name, fusion });
  registerBackend(name, () => backend);
  const t = (values: Float32Array, shape: number[]): Tensor => fromValues(values, shape, 'float32', backend);
  return {
    name: fusion ? 'webgrad webgpu' : 'webgrad webgpu unfused',
    backend,
    activate: () => setBackend(name),
    describe: () => `webgrad webgpu on ${backend.adapterName}, fusion ${fusion ? 'on' : 'off'}, subgroup reductions ${backend.subgroups ? 'on' : 'off'}`,
    counters: () => backend.stats(),
    matmul: (n, a, b) => matmulTask(n, a, b, t, true),
    mlp: (spec) => mlpTask(spec, t, true),
    conv: () => unsupported('conv'),
    convForward(spec): Task {
      const [x, w] = [t(spec.x, spec.xShape), t(spec.w, spec.wShape)];
      let y: Tensor | undefined;
      return {
        run: async () => {
          y?.dispose();
          y = conv2d(x, w, { padding: 'same' });
          await y.data();
        },
        check: async () => (await y!.data()) as Float32Array,
        dispose: () => [x, w, y].forEach((v) => v?.dispose()),
      };
    },
  };
}

function unsupported(what: string): never {
  throw new Error(`bench: ${what} is not among the webgpu workloads`);
}
