// WebAssembly's types where the program declares them. TypeScript has the WebAssembly namespace
// only in its DOM and WebWorker libs, so a Node-only consumer (lib es2022, @types/node 20) reading
// these declarations gets `never` for them instead of an error; everywhere else, the real types.
type WebAssemblyNamespace = typeof globalThis extends { WebAssembly: infer W } ? W : never;

/** `WebAssembly.Memory`, where the program's lib declares it. */
export type WasmMemory = WebAssemblyNamespace extends { Memory: { prototype: infer T } } ? T : never;

/** `WebAssembly.Module`, where the program's lib declares it. */
export type WasmModule = WebAssemblyNamespace extends { Module: { prototype: infer T } } ? T : never;
