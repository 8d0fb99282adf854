// Shader modules, pipelines and bind groups, each made once and cached: modules by shader
// name, pipelines by shader + entry point + override constants, bind groups by the buffers
// they bind. Compilation messages are mapped back to the .wgsl file and line they came from.
/// <reference types="@webgpu/types" preserve="true" />
import { COMPUTE_STAGE } from './gpu-flags.js';
import { fusedModule } from './fusion/codegen.js';
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
  private readonly layouts = new Map<string, { group: GPUBindGroupLayout; pipeline: GPUPipelineLayout }>();
  private readonly pipelines = new Map<string, GPUComputePipeline>();
  /** Generated (fused) shader modules and pipelines, by generated body. */
  private readonly fused = new Map<string, { module: GPUShaderModule; pipeline: GPUComputePipeline }>();
  private readonly bindGroups = new Map<string, GPUBindGroup>();
  /** Cache counters. */
  readonly counters = { pipelines: 0, fusedPipelines: 0, bindGroupHits: 0, bindGroupMisses: 0 };

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

  /** Bind group layout and pipeline layout for `inputs` read-only buffers plus `outputs` written ones. */
  layout(inputs: number, outputs = 1): { group: GPUBindGroupLayout; pipeline: GPUPipelineLayout } {
    const key = `${inputs}+${outputs}`;
    let l = this.layouts.get(key);
    if (!l) {
      const entries: GPUBindGroupLayoutEntry[] = [
        { binding: 0, visibility: COMPUTE_STAGE, buffer: { type: 'uniform', hasDynamicOffset: true, minBindingSize: PARAMS_BYTES } },
      ];
      for (let i = 1; i <= inputs + outputs; i++) {
        entries.push({ binding: i, visibility: COMPUTE_STAGE, buffer: { type: i <= inputs ? 'read-only-storage' : 'storage' } });
      }
      const label = `webgrad ${inputs} inputs + ${outputs} outputs`;
      const group = this.device.createBindGroupLayout({ entries, label });
      l = { group, pipeline: this.device.createPipelineLayout({ bindGroupLayouts: [group], label }) };
      this.layouts.set(key, l);
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

  /**
   * The pipeline of a generated (fused) shader body, compiled once per body: bodies hold only
   * structure, so every step of a training loop finds its kernels here.
   */
  fusedPipeline(body: string, inputs: number, outputs: number, label: string): GPUComputePipeline {
    let f = this.fused.get(body);
    if (!f) {
      const module = this.device.createShaderModule({ code: fusedModule(body), label });
      const pipeline = this.device.createComputePipeline({ label, layout: this.layout(inputs, outputs).pipeline, compute: { module, entryPoint: 'main' } });
      f = { module, pipeline };
      this.fused.set(body, f);
      this.counters.fusedPipelines++;
    }
    return f.pipeline;
  }

  /** Compilation errors of every generated shader so far, each with its label (tests check there are none). */
  async fusedErrors(): Promise<string[]> {
    const out: string[] = [];
    for (const { module } of this.fused.values()) {
      const info = await module.getCompilationInfo();
      for (const m of info.messages) if (m.type === 'error') out.push(`${module.label}:${m.lineNum}:${m.linePos} ${m.message}`);
    }
    return out;
  }

  /** A bind group for params chunk + buffers, reused while the same buffers are bound again. */
  bindGroup(inputs: number, params: { chunk: number; buffer: GPUBuffer }, buffers: readonly { id: number; buffer: GPUBuffer }[], outputs = 1): GPUBindGroup {
    let key = `${inputs}+${outputs}|${params.chunk}`;
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
    g = this.device.createBindGroup({ layout: this.layout(inputs, outputs).group, entries });
    this.bindGroups.set(key, g);
    return g;
  }

  /** Whether this device can compile a shader: one opening with `enable subgroups;` needs that feature. */
  supports(name: ShaderName): boolean {
    const needs = /^enable ([a-z0-9_]+);/.exec(this.sources[name]!.code)?.[1];
    return needs === undefined || this.device.features.has(needs);
  }

  /**
   * Compiles every shader this device supports; throws an Error naming each failing file, the
   * ops that run it, and each error with its .wgsl file, line and source text. `users` maps shaders to ops.
   */
  async check(users: Readonly<Record<string, readonly string[]>>): Promise<void> {
    const failures: string[] = [];
    for (const name of Object.keys(this.sources) as ShaderName[]) {
      if (!this.supports(name)) continue;
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
