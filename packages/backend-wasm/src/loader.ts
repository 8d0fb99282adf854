// Finds and compiles the kernel module: probes once for SIMD and relaxed SIMD, then reads the
// matching .wasm from disk (Node) or streams it (browsers). The .wasm files are built into
// dist/ by scripts/build-wasm.mjs; '../dist/' resolves from both src/ and dist/.

import type { WasmModule } from './wasm-types.js';
/** Where the kernels come from: a URL, or the module's bytes. */
export type WasmSource = URL | string | ArrayBuffer | Uint8Array;

// (func (param v128 v128 v128) (result v128) local.get 0 local.get 1 local.get 2 OP)
function probe(op: number[]): Uint8Array<ArrayBuffer> {
  const body = [0, 0x20, 0, 0x20, 1, 0x20, 2, ...op, 0x0b];
  return new Uint8Array([
    0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    1, 8, 1, 0x60, 3, 0x7b, 0x7b, 0x7b, 1, 0x7b,
    3, 2, 1, 0,
    10, body.length + 2, 1, body.length, ...body,
  ]);
}

/** Whether the runtime validates 128-bit SIMD (v128.bitselect). */
export function hasSimd(): boolean {
  return WebAssembly.validate(probe([0xfd, 0x52]));
}

/** Whether the runtime validates relaxed SIMD (f32x4.relaxed_madd, opcode 0xfd 0x105). */
export function hasRelaxedSimd(): boolean {
  return WebAssembly.validate(probe([0xfd, 0x85, 0x02]));
}

/** The URL of the built kernels: plain or relaxed SIMD, private or shared memory. */
export function defaultWasmUrl(relaxed: boolean, shared: boolean): URL {
  // Literal URLs, one per file, so that bundlers see and copy each of them.
  if (shared) return relaxed ? new URL('../dist/kernels-shared-relaxed.wasm', import.meta.url) : new URL('../dist/kernels-shared.wasm', import.meta.url);
  return relaxed ? new URL('../dist/kernels-relaxed.wasm', import.meta.url) : new URL('../dist/kernels.wasm', import.meta.url);
}

async function readUrl(url: URL): Promise<WasmModule> {
  if (url.protocol === 'file:') {
    // Node: read from disk. The specifier is a variable so browser bundlers leave it alone.
    const fsName = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsName)) as { readFile(path: URL): Promise<Uint8Array> };
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(url);
    } catch (e) {
      throw new Error(`wasm: cannot read the kernels at ${url.pathname} (${(e as Error).message}); run \`pnpm build\` to compile them`);
    }
    return WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`wasm: fetching the kernels from ${url.href} failed: HTTP ${response.status}`);
  if (WebAssembly.compileStreaming && response.headers.get('content-type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/** Compiles the kernel module from `source`, or from the built file matching the runtime. */
export async function loadKernelModule(relaxed: boolean, shared: boolean, source?: WasmSource): Promise<WasmModule> {
  if (source instanceof ArrayBuffer || source instanceof Uint8Array) return WebAssembly.compile(source as Uint8Array<ArrayBuffer>);
  const url = source === undefined ? defaultWasmUrl(relaxed, shared) : new URL(source, typeof location === 'undefined' ? import.meta.url : location.href);
  return readUrl(url);
}
