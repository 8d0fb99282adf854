// Command batching: every dispatch and copy of a step goes into one command encoder (one
// compute pass between copies); nothing is submitted until a value is read or a flush is
// asked for. Reads requested in the same task share one submit. GPU validation and
// out-of-memory errors of a step are captured by error scopes around it.
/// <reference types="@webgpu/types" preserve="true" />
import type { UniformArena } from './uniforms.js';

/** Pending dispatches after which the recorder submits on its own, bounding memory held by one encoder. */
export const AUTO_FLUSH_DISPATCHES = 4096;

/** Counters of recorded and submitted work. */
export interface RecorderCounters {
  dispatches: number;
  submits: number;
  copies: number;
}

/** Records commands into one encoder per step and submits them. */
export class Recorder {
  /** Number of submits so far: the epoch that commands being recorded now will be submitted in. */
  epoch = 0;
  readonly counters: RecorderCounters = { dispatches: 0, submits: 0, copies: 0 };
  private encoder: GPUCommandEncoder | undefined;
  private pass: GPUComputePassEncoder | undefined;
  private pending = 0;
  private scheduled: Promise<void> | undefined;

  constructor(
    private readonly device: GPUDevice,
    private readonly arena: UniformArena,
    /** Receives errors the GPU reported for a submitted step. */
    private readonly report: (e: Error) => void,
    /** Records what must be part of a step before it is submitted (pending elementwise ops). */
    private readonly beforeSubmit: () => void = () => {},
  ) {}

  /** Opens the step (its encoder and error scopes) if none is open; call before creating pipelines for it. */
  begin(): GPUCommandEncoder {
    if (!this.encoder) {
      this.device.pushErrorScope('out-of-memory');
      this.device.pushErrorScope('validation');
      this.encoder = this.device.createCommandEncoder({ label: `webgrad step ${this.epoch}` });
    }
    return this.encoder;
  }

  /** Whether commands are recorded and not yet submitted. */
  get hasPending(): boolean {
    return this.encoder !== undefined;
  }

  /** Records one dispatch with its params at `offset` in the bound params chunk. */
  dispatch(pipeline: GPUComputePipeline, group: GPUBindGroup, offset: number, grid: readonly [number, number, number]): void {
    const encoder = this.begin();
    this.pass ??= encoder.beginComputePass();
    this.pass.setPipeline(pipeline);
    this.pass.setBindGroup(0, group, [offset]);
    this.pass.dispatchWorkgroups(grid[0], grid[1], grid[2]);
    this.counters.dispatches++;
    if (++this.pending >= AUTO_FLUSH_DISPATCHES) void this.submit();
  }

  /** Records a buffer-to-buffer copy (ends the current compute pass). */
  copy(src: GPUBuffer, dst: GPUBuffer, bytes: number): void {
    const encoder = this.begin();
    this.pass?.end();
    this.pass = undefined;
    encoder.copyBufferToBuffer(src, 0, dst, 0, bytes);
    this.counters.copies++;
  }

  /**
   * Records what the step still owes (beforeSubmit), submits it, and resolves once the step's
   * error scopes are checked (errors go to `report`).
   */
  flush(): Promise<void> {
    this.beforeSubmit();
    return this.submit();
  }

  private submit(): Promise<void> {
    const encoder = this.encoder;
    if (!encoder) return Promise.resolve();
    this.pass?.end();
    this.arena.upload(this.device.queue);
    this.device.queue.submit([encoder.finish()]);
    this.encoder = undefined;
    this.pass = undefined;
    this.pending = 0;
    this.epoch++;
    this.counters.submits++;
    const step = this.epoch - 1;
    const scopes = [this.device.popErrorScope(), this.device.popErrorScope()];
    return Promise.all(scopes).then(
      (errors) => {
        for (const e of errors) if (e) this.report(new Error(`webgpu: the GPU rejected step ${step}: ${e.message}`));
      },
      (e: unknown) => this.report(new Error(`webgpu: could not check step ${step} for errors: ${(e as Error).message}`)),
    );
  }

  /** Submits at the end of the current task, so reads requested together share one submit. */
  flushSoon(): Promise<void> {
    this.scheduled ??= new Promise<void>((resolve, reject) => {
      queueMicrotask(() => {
        this.scheduled = undefined;
        // beforeSubmit may throw (a lost device): reject the reads waiting here, not the microtask.
        try {
          resolve(this.flush());
        } catch (e) {
          reject(e as Error);
        }
      });
    });
    return this.scheduled;
  }
}
