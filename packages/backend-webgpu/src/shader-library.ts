// Shader modules, pipelines and bind groups, each made once and cached: modules by shader
// name, pipelines by shader + entry point + override constants, bind groups by the buffers
// they bind. Compilation messages are mapped back to the .wgsl file and line they came from.
/// <reference types="@webgpu/types" />
import { COMPUTE_STAGE } from './gpu-flags.js';
import { shaders, type BundledShader } from './shaders.generated.js';
import { PARAMS_BYTES } from './uniforms.js';

/** The name of a shader file in shaders/ (without .wgsl). */
export type ShaderName = keyof typeof shaders;

/** Override constants of one pipeline. */
export type Constants = Readonly<Record<string, number | boolean>>;

/** A compilation message located in the original .wgsl file. */
export interface ShaderMessage {
  type: GPUCompilationMessageType;
  /** e.g. "shaders/common/math.wgsl:12:5" */
  where: string;
  message: string;
  /** The offending source line. */
  line: string;
}

/** Maps a line of a bundled shader back to its file and line. */
export function originOf(shader: BundledShader, lineNum: number): { file: string; line: number } {
  let best: readonly [number, string, number] = shader.origin[0] ?? [1, '?', 1];
  for (const run of shader.origin) if (run[0] <= lineNum) best = run;
  return { file: `shaders/${best[1]}`, line: best[2] + (lineNum - best[0]) };
}

/** Formats messages as `shaders/x.wgsl:3:7 error: … \n  | source line`. */
export function formatMessages(messages: readonly ShaderMessage[]): string {
  return messages.map((m) => `${m.where} ${m.type}: ${m.message}\n    | ${m.line.trim()}`).join('\n');
}

/** Caches of modules, layouts, pipelines and bind groups for one device. */
export class ShaderLibrary {
  private readonly modules = new Map<ShaderName, GPUShaderModule>();
  private readonly layouts = new Map<number, { group: GPUBindGroupLayout; pipeline: GPUPipelineLayout }>();
  private readonly pipelines = new Map<string, GPUComputePipeline>();
  private readonly bindGroups = new Map<string, GPUBindGroup>();
  /** Cache counters. */
  readonly counters = { pipelines: 0, bindGroupHits: 0, bindGroupMisses: 0 };

  /** `sources` replaces the bundled shaders (tests use it to compile broken ones). */
  constructor(
    private readonly device: GPUDevice,
    private readonly sources: Readonly<Record<string, BundledShader>> = shaders,
  ) {}

  /** The module for a shader, created on first use. */
  module(name: ShaderName): GPUShaderModule {
    let m = this.modules.get(name);
    if (!m) {
      m = this.device.createShaderModule({ code: this.sources[name]!.code, label: `shaders/${name}.wgsl` });
      this.modules.set(name, m);
    }
    return m;
  }

  /** Compiles a shader and returns its messages (errors, warnings, info), located in the .wgsl files. */
  async messages(name: ShaderName): Promise<ShaderMessage[]> {
    const info = await this.module(name).getCompilationInfo();
    const source = this.sources[name]!;
    const lines = source.code.split('\n');
    return info.messages.map((m) => {
      const o = originOf(source, m.lineNum);
      return { type: m.type, where: `${o.file}:${o.line}:${m.linePos}`, message: m.message, line: lines[m.lineNum - 1] ?? '' };
    });
  }

  /** Bind group layout and pipeline layout for `inputs` read-only buffers plus one output. */
  layout(inputs: number): { group: GPUBindGroupLayout; pipeline: GPUPipelineLayout } {
    let l = this.layouts.get(inputs);
    if (!l) {
      const entries: GPUBindGroupLayoutEntry[] = [
        { binding: 0, visibility: COMPUTE_STAGE, buffer: { type: 'uniform', hasDynamicOffset: true, minBindingSize: PARAMS_BYTES } },
      ];
      for (let i = 1; i <= inputs + 1; i++) {
        entries.push({ binding: i, visibility: COMPUTE_STAGE, buffer: { type: i <= inputs ? 'read-only-storage' : 'storage' } });
      }
      const group = this.device.createBindGroupLayout({ entries, label: `webgrad ${inputs} inputs + 1 output` });
      l = { group, pipeline: this.device.createPipelineLayout({ bindGroupLayouts: [group], label: `webgrad ${inputs} inputs + 1 output` }) };
      this.layouts.set(inputs, l);
    }
    return l;
  }

  /** The pipeline for a shader entry point specialised by `constants`; `op` names it in errors. */
  pipeline(name: ShaderName, entry: string, constants: Constants, inputs: number, op: string): GPUComputePipeline {
    const key = `${name}:${entry}:${Object.keys(constants).sort().map((k) => `${k}=${Number(constants[k])}`).join(',')}`;
    let p = this.pipelines.get(key);
    if (!p) {
      const numeric: Record<string, number> = {};
      for (const [k, v] of Object.entries(constants)) numeric[k] = Number(v);
      p = this.device.createComputePipeline({
        label: `${op}: ${key}`,
        layout: this.layout(inputs).pipeline,
        compute: { module: this.module(name), entryPoint: entry, constants: numeric },
      });
      this.pipelines.set(key, p);
      this.counters.pipelines++;
    }
    return p;
  }

  /** A bind group for params chunk + buffers, reused while the same buffers are bound again. */
  bindGroup(inputs: number, params: { chunk: number; buffer: GPUBuffer }, buffers: readonly { id: number; buffer: GPUBuffer }[]): GPUBindGroup {
    let key = `${inputs}|${params.chunk}`;
    for (const b of buffers) key += `|${b.id}`;
    let g = this.bindGroups.get(key);
    if (g) {
      this.counters.bindGroupHits++;
      return g;
    }
    this.counters.bindGroupMisses++;
    if (this.bindGroups.size >= 8192) this.bindGroups.clear();
    const entries: GPUBindGroupEntry[] = [{ binding: 0, resource: { buffer: params.buffer, size: PARAMS_BYTES } }];
    buffers.forEach((b, i) => entries.push({ binding: i + 1, resource: { buffer: b.buffer } }));
    g = this.device.createBindGroup({ layout: this.layout(inputs).group, entries });
    this.bindGroups.set(key, g);
    return g;
  }

  /**
   * Compiles every shader; throws an Error naming each failing file, the ops that run it, and
   * each error with its .wgsl file, line and source text. `users` maps shaders to ops.
   */
  async check(users: Readonly<Record<string, readonly string[]>>): Promise<void> {
    const failures: string[] = [];
    for (const name of Object.keys(this.sources) as ShaderName[]) {
      const errors = (await this.messages(name)).filter((m) => m.type === 'error');
      if (errors.length) failures.push(`shaders/${name}.wgsl (ops ${(users[name] ?? []).join(', ')}) failed to compile:\n${formatMessages(errors)}`);
    }
    if (failures.length) throw new Error(`webgpu: ${failures.join('\n')}`);
  }

  /** Drops bind groups that bind any of `ids` (their buffers were destroyed). */
  forget(ids: readonly number[]): void {
    if (ids.length) this.bindGroups.clear();
  }
}
