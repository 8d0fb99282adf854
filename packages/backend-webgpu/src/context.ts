// The device and everything kept per device: storage and staging pools, the params arena,
// the shader library and the recorder. Kernels call run(); the backend calls alloc, upload,
// download. Tracks device loss and GPU errors, and turns them into Errors that say what to do.
/// <reference types="@webgpu/types" />
import { BufferUsage, MAP_READ } from './gpu-flags.js';
import { BufferPool, type GpuStorage } from './pool.js';
import { Recorder } from './recorder.js';
import { ShaderLibrary, type Constants, type ShaderName } from './shader-library.js';
import { UniformArena } from './uniforms.js';

/** One dispatch of a kernel. */
export interface Dispatch {
  /** The op it computes (named in errors and pipeline labels). */
  op: string;
  shader: ShaderName;
  entry?: string;
  constants?: Constants;
  /** The shader's Params struct, packed (see kernels/params.ts). */
  params: Uint32Array;
  inputs: readonly GpuStorage[];
  output: GpuStorage;
  /** Workgroups along x, y, z. */
  grid: readonly [number, number, number];
}

/** Per-device state shared by the backend and its kernels. */
export class GpuContext {
  readonly storage: BufferPool;
  readonly staging: BufferPool;
  readonly arena: UniformArena;
  readonly library: ShaderLibrary;
  readonly recorder: Recorder;
  readonly events = new EventTarget();
  /** Errors the GPU reported that no read has surfaced yet. */
  private readonly errors: Error[] = [];
  private lostError: Error | undefined;

  /**
   * @param gemm how GEMMs run: staging tiles in workgroup memory, or reading the buffers
   *   directly; 'auto-direct' is direct for matmul only (a CPU adapter: there barriers cost
   *   more than the cache they save, while convolutions' gathered loads still gain from tiles)
   */
  constructor(readonly device: GPUDevice, readonly name: string, readonly gemm: 'tiled' | 'direct' | 'auto-direct' = 'tiled') {
    const limits = device.limits;
    const maxBinding = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
    this.storage = new BufferPool(device, BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST, 'webgrad tensor', maxBinding);
    this.staging = new BufferPool(device, BufferUsage.MAP_READ | BufferUsage.COPY_DST, 'webgrad readback', limits.maxBufferSize);
    this.arena = new UniformArena(device, limits.minUniformBufferOffsetAlignment);
    this.library = new ShaderLibrary(device);
    this.recorder = new Recorder(device, this.arena, (e) => this.fail(e));
    device.addEventListener('uncapturederror', (event) => {
      this.fail(new Error(`webgpu: uncaptured GPU error: ${(event as GPUUncapturedErrorEvent).error.message}`));
    });
    void device.lost.then((info) => this.onLost(info));
  }

  /** Whether the device is still usable. */
  get available(): boolean {
    return this.lostError === undefined;
  }

  private onLost(info: GPUDeviceLostInfo): void {
    this.lostError = new Error(
      `webgpu: the GPU device was lost (reason: ${info.reason || 'unknown'}${info.message ? `: ${info.message}` : ''}); ` +
        `the '${this.name}' backend is unavailable, switch with setBackend('wasm') or setBackend('js')`,
    );
    this.events.dispatchEvent(Object.assign(new Event('devicelost'), { reason: info.reason, message: info.message, error: this.lostError }));
  }

  /** Records a GPU error for the next read and tells listeners. */
  fail(e: Error): void {
    this.errors.push(e);
    this.events.dispatchEvent(Object.assign(new Event('gpuerror'), { error: e }));
  }

  /** Throws if the device was lost. */
  ensureAlive(what: string): void {
    if (this.lostError) throw new Error(`${what}: ${this.lostError.message}`);
  }

  /** Throws the oldest error the GPU reported, if any. */
  throwPendingError(): void {
    const e = this.errors.shift();
    if (e) throw e;
  }

  /** Storage of at least `bytes`, checked against the device's binding limit. */
  alloc(bytes: number, what: string, forWrite = false): GpuStorage {
    this.ensureAlive(what);
    const limits = this.device.limits;
    const max = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
    if (bytes > max) {
      throw new Error(`${what}: needs a buffer of ${bytes} bytes; this device binds at most ${max} bytes in one storage buffer (maxStorageBufferBindingSize ${limits.maxStorageBufferBindingSize}, maxBufferSize ${limits.maxBufferSize})`);
    }
    return this.storage.acquire(bytes, forWrite && this.recorder.hasPending ? this.recorder.epoch : undefined);
  }

  /** Records one kernel dispatch. */
  run(d: Dispatch): void {
    this.ensureAlive(d.op);
    const max = this.device.limits.maxComputeWorkgroupsPerDimension;
    if (d.grid.some((g) => g > max)) {
      throw new Error(`${d.op}: needs a grid of [${d.grid.join(', ')}] workgroups; this device allows at most ${max} along each axis`);
    }
    if (d.grid.some((g) => g === 0)) return;
    this.recorder.begin();
    const pipeline = this.library.pipeline(d.shader, d.entry ?? 'main', d.constants ?? {}, d.inputs.length, d.op);
    const slot = this.arena.push(d.params);
    const buffers = [...d.inputs, d.output];
    const group = this.library.bindGroup(d.inputs.length, slot, buffers);
    for (const b of buffers) b.lastUse = this.recorder.epoch;
    this.recorder.dispatch(pipeline, group, slot.offset, d.grid);
  }

  /** Copies `bytes` out of a storage buffer through a pooled staging buffer. */
  async download(src: GpuStorage, bytes: number): Promise<ArrayBuffer> {
    this.ensureAlive('read');
    const staging = this.staging.acquire(bytes);
    this.recorder.copy(src.buffer, staging.buffer, bytes);
    src.lastUse = this.recorder.epoch;
    await this.recorder.flushSoon();
    try {
      this.throwPendingError();
      await staging.buffer.mapAsync(MAP_READ, 0, bytes);
      const copy = staging.buffer.getMappedRange(0, bytes).slice(0);
      staging.buffer.unmap();
      return copy;
    } catch (e) {
      this.ensureAlive('read');
      throw e;
    } finally {
      if (staging.buffer.mapState === 'unmapped') this.staging.release(staging);
    }
  }
}
