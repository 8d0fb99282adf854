// WebGPU's numeric flags, spelled out: Node's `webgpu` package does not install the
// GPUBufferUsage / GPUMapMode / GPUShaderStage globals that browsers have.
/// <reference types="@webgpu/types" preserve="true" />

/** GPUBufferUsage bits. */
export const BufferUsage = {
  MAP_READ: 0x0001,
  MAP_WRITE: 0x0002,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  UNIFORM: 0x0040,
  STORAGE: 0x0080,
} as const;

/** GPUMapMode.READ */
export const MAP_READ = 0x0001;

/** GPUShaderStage.COMPUTE */
export const COMPUTE_STAGE = 0x4;
