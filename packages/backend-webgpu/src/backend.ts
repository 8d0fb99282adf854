// createWebGPUBackend: acquires a device, checks every shader compiles, and wraps the kernels,
// pools and recorder in the Backend interface. Storage is a pooled GPUBuffer holding 32 bits
// per element: float32 as f32, int32 as i32, bool as a u32 0 or 1 (converted on write/read).
/// <reference types="@webgpu/types" preserve="true" />
import type { Backend, BackendStats, DeviceLostError, DType, TypedArray } from '@webgrad/tensor';
import { GpuContext } from './context.js';
import { acquireDevice, type DeviceOptions } from './device.js';
import { createKernels, shaderUsers } from './kernels/index.js';
import type { GpuStorage } from './pool.js';
import type { ShaderMessage, ShaderName } from './shader-library.js';

/** int32 tensors up to this many elements keep a host copy when written, for synchronous index checks. */
const SHADOW_MAX = 1 << 16;

/** Options of {@link createWebGPUBackend}. */
export interface WebGPUBackendOptions extends DeviceOptions {
  /** Registered name; 'webgpu' by default. */
  name?: string;
  /** Called once if the device is lost, with a DeviceLostError (also an event: 'devicelost'; and `lost`). */
  onDeviceLost?: (error: DeviceLostError) => void;
  /**
   * How matmul and convolutions run: 'tiled' through workgroup memory (real GPUs), 'direct'
   * from the buffers with no barriers. 'auto' (default): tiled, except matmul on CPU adapters
   * such as SwiftShader (direct there: matmul 256³ 1.9× faster; conv was 3× slower direct).
   */
  gemm?: 'tiled' | 'direct' | 'auto';
  /**
   * Elementwise fusion (default true): elementwise ops are deferred and each chain of them
   * runs as one generated kernel when its value is needed. False dispatches every op.
   */
  fusion?: boolean;
  /**
   * Subgroup reductions (default true): where the adapter offers the `subgroups` feature,
   * long reductions fold within subgroups before the workgroup step. False keeps the
   * workgroup-memory tree everywhere.
   */
  subgroups?: boolean;
}

/** Memory and work counters of the 'webgpu' backend. */
export interface WebGPUStats extends BackendStats {
  /** Bytes in tensor buffers handed out. */
  liveBytes: number;
  /** GPUBuffers created for tensors, staging and params. */
  buffersCreated: number;
  stagingHits: number;
  stagingMisses: number;
  dispatches: number;
  submits: number;
  copies: number;
  pipelines: number;
  /** Generated (fused) pipelines compiled; a training loop stops adding to it after warm-up. */
  fusedPipelines: number;
  /** Elementwise ops deferred, fused kernels dispatched, and pending ops dropped unread. */
  fusedOps: number;
  fusedKernels: number;
  fusedDropped: number;
  bindGroupHits: number;
  bindGroupMisses: number;
}

/** The 'webgpu' backend. */
export interface WebGPUBackend extends Backend<GpuStorage> {
  stats(): WebGPUStats;
  /** The device everything runs on (tests simulate a loss with `device.destroy()`). */
  readonly device: GPUDevice;
  /**
   * Resolves with the reason (`GPUDeviceLostInfo.reason: message`, e.g. 'destroyed: device was
   * destroyed') once the device is gone; every alloc, write, op, read and flush then throws or
   * rejects with a DeviceLostError, reads already waiting included.
   */
  readonly lost: Promise<string>;
  /** Vendor, architecture and description of the adapter. */
  readonly adapterName: string;
  /** Whether reductions use subgroup builtins (the device has `subgroups` and the option allows it). */
  readonly subgroups: boolean;
  /** False once the device is lost; every call then throws a DeviceLostError. */
  readonly available: boolean;
  /** Submits recorded work and resolves when the GPU has finished it; rejects with any GPU error. */
  flush(): Promise<void>;
  /** 'devicelost' (event.error: a DeviceLostError; event.reason) and 'gpuerror' (event.error) events. */
  addEventListener(type: 'devicelost' | 'gpuerror', listener: (event: Event & { error?: Error }) => void): void;
  removeEventListener(type: 'devicelost' | 'gpuerror', listener: (event: Event & { error?: Error }) => void): void;
  /** Compilation messages of one shader, located in shaders/*.wgsl. */
  shaderMessages(name: ShaderName): Promise<ShaderMessage[]>;
  /** Compilation errors of the fused shaders generated so far (none expected). */
  fusedShaderErrors(): Promise<string[]>;
  /** Destroys pooled buffers not in use. */
  trim(): void;
  /** Destroys the device: the backend is lost at once (reason 'destroyed: …'), as if the GPU had gone. */
  destroy(): void;
}

function toGpuArray(values: TypedArray, dtype: DType): Float32Array<ArrayBuffer> | Int32Array<ArrayBuffer> | Uint32Array<ArrayBuffer> {
  if (dtype === 'bool') return Uint32Array.from(values);
  // writeBuffer takes ArrayBuffer-backed views; tensors' arrays always are.
  if (dtype === 'int32') return (values instanceof Int32Array ? values : Int32Array.from(values)) as Int32Array<ArrayBuffer>;
  return (values instanceof Float32Array ? values : Float32Array.from(values)) as Float32Array<ArrayBuffer>;
}

function fromGpuBytes(bytes: ArrayBuffer, dtype: DType): TypedArray {
  if (dtype === 'float32') return new Float32Array(bytes);
  if (dtype === 'int32') return new Int32Array(bytes);
  return Uint8Array.from(new Uint32Array(bytes));
}

/** Starts a 'webgpu' backend on `options.gpu` (or navigator.gpu). Rejects with the reason when it cannot. */
export async function createWebGPUBackend(options: WebGPUBackendOptions = {}): Promise<WebGPUBackend> {
  const { device, adapterName, software } = await acquireDevice(options);
  const name = options.name ?? 'webgpu';
  const gemm = options.gemm ?? 'auto';
  const ctx = new GpuContext(device, name, gemm === 'auto' ? (software ? 'auto-direct' : 'tiled') : gemm, options.fusion ?? true, options.subgroups ?? true);
  try {
    await ctx.library.check(shaderUsers);
  } catch (e) {
    device.destroy();
    throw e;
  }
  if (options.onDeviceLost) {
    const onLost = options.onDeviceLost;
    ctx.events.addEventListener('devicelost', (event) => onLost((event as Event & { error: DeviceLostError }).error));
  }
  return wrap(name, ctx, adapterName);
}

function wrap(name: string, ctx: GpuContext, adapterName: string): WebGPUBackend {
  const { device } = ctx;
  return {
    name,
    kernels: createKernels(ctx),
    device,
    adapterName,
    subgroups: ctx.subgroups,
    lost: ctx.loss.promise,
    get available() {
      return ctx.available;
    },
    alloc: (dtype, size) => ctx.alloc(size * 4, `a ${dtype} tensor of ${size} elements`),
    write(values, dtype) {
      const s = ctx.alloc(values.length * 4, `a ${dtype} tensor of ${values.length} elements`, true);
      const words = toGpuArray(values, dtype);
      if (values.length > 0) device.queue.writeBuffer(s.buffer, 0, words);
      if (dtype === 'int32' && values.length <= SHADOW_MAX) s.shadow = Int32Array.from(values);
      // A scalar from JavaScript (lr, beta1, …) reaches fused kernels as a uniform, not a binding.
      if (values.length === 1) s.scalar = new Uint32Array(words.buffer, words.byteOffset, 1)[0]!;
      return s;
    },
    async read(storage, dtype, size) {
      if (size === 0) return fromGpuBytes(new ArrayBuffer(0), dtype);
      return fromGpuBytes(await ctx.download(storage, size * 4), dtype);
    },
    free(storage) {
      if (ctx.available) ctx.release(storage);
    },
    stats: () => stats(ctx),
    async flush() {
      ctx.ensureAlive('flush');
      await ctx.loss.race(ctx.recorder.flush(), 'flush');
      await ctx.loss.race(device.queue.onSubmittedWorkDone(), 'flush');
      ctx.throwPendingError();
    },
    addEventListener: (type, listener) => ctx.events.addEventListener(type, listener),
    removeEventListener: (type, listener) => ctx.events.removeEventListener(type, listener),
    shaderMessages: (shader) => ctx.loss.race(ctx.library.messages(shader), `compile ${shader}`),
    fusedShaderErrors: () => ctx.loss.race(ctx.library.fusedErrors(), 'list fused shader errors'),
    trim: () => ctx.library.forget(ctx.storage.trim().concat(ctx.staging.trim())),
    destroy() {
      // Marked before GPUDevice.lost settles (a task later), so a call right after fails too.
      ctx.loss.mark('destroyed: the backend was destroyed');
      device.destroy();
    },
  };
}

function stats(ctx: GpuContext): WebGPUStats {
  const t = ctx.storage.counters;
  const s = ctx.staging.counters;
  const r = ctx.recorder.counters;
  const l = ctx.library.counters;
  return {
    poolHits: t.hits, poolMisses: t.misses, reservedBytes: t.reservedBytes + s.reservedBytes, liveBytes: t.liveBytes,
    buffersCreated: t.created + s.created + ctx.arena.created, stagingHits: s.hits, stagingMisses: s.misses,
    dispatches: r.dispatches, submits: r.submits, copies: r.copies,
    pipelines: l.pipelines, fusedPipelines: l.fusedPipelines,
    fusedOps: ctx.fuser?.counters.deferred ?? 0, fusedKernels: ctx.fuser?.counters.kernels ?? 0, fusedDropped: ctx.fuser?.counters.dropped ?? 0,
    bindGroupHits: l.bindGroupHits, bindGroupMisses: l.bindGroupMisses,
  };
}
