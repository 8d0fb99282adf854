// Per-dispatch uniform params without a write per dispatch: params are appended to a host-side
// arena of 64 KiB chunks, each dispatch binds its slot with a dynamic offset, and the used part
// of each chunk is uploaded with one queue.writeBuffer just before the step is submitted.
/// <reference types="@webgpu/types" preserve="true" />
import { BufferUsage } from './gpu-flags.js';

/** Bytes of one params block: every shader's Params struct fits (16 vec4s). */
export const PARAMS_BYTES = 256;
const CHUNK_BYTES = 65536;

interface Chunk {
  readonly index: number;
  readonly buffer: GPUBuffer;
  readonly data: Uint8Array<ArrayBuffer>;
}

/** Where a dispatch's params live. */
export interface ParamsSlot {
  /** Index of the chunk (stable across steps; part of bind group keys). */
  chunk: number;
  buffer: GPUBuffer;
  offset: number;
}

/** The uniform arena: chunks are created on demand and reused every step. */
export class UniformArena {
  private readonly chunks: Chunk[] = [];
  private current = 0;
  private offset = 0;
  private readonly stride: number;
  /** Uniform buffers created so far. */
  created = 0;

  constructor(private readonly device: GPUDevice, alignment: number) {
    this.stride = Math.max(PARAMS_BYTES, Math.ceil(PARAMS_BYTES / alignment) * alignment);
  }

  /** Copies `words` into the next slot. */
  push(words: Uint32Array): ParamsSlot {
    if (words.byteLength > PARAMS_BYTES) throw new Error(`webgpu: params of ${words.byteLength} bytes exceed the ${PARAMS_BYTES}-byte block`);
    if (this.offset + this.stride > CHUNK_BYTES) {
      this.current++;
      this.offset = 0;
    }
    const chunk = this.chunk(this.current);
    chunk.data.set(new Uint8Array(words.buffer, words.byteOffset, words.byteLength), this.offset);
    const slot = { chunk: chunk.index, buffer: chunk.buffer, offset: this.offset };
    this.offset += this.stride;
    return slot;
  }

  private chunk(i: number): Chunk {
    while (this.chunks.length <= i) {
      const index = this.chunks.length;
      const buffer = this.device.createBuffer({ size: CHUNK_BYTES, usage: BufferUsage.UNIFORM | BufferUsage.COPY_DST, label: `webgrad params ${index}` });
      this.created++;
      this.chunks.push({ index, buffer, data: new Uint8Array(CHUNK_BYTES) });
    }
    return this.chunks[i]!;
  }

  /** Uploads what this step wrote (queue-ordered before the submit that follows) and rewinds. */
  upload(queue: GPUQueue): void {
    for (let i = 0; i <= this.current && i < this.chunks.length; i++) {
      const used = i < this.current ? CHUNK_BYTES : this.offset;
      if (used > 0) queue.writeBuffer(this.chunks[i]!.buffer, 0, this.chunks[i]!.data, 0, used);
    }
    this.current = 0;
    this.offset = 0;
  }
}
