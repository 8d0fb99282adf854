// The prelude of every fused elementwise shader: src/fusion/codegen.ts appends the bindings
// and a `main` that loads each input once and calls these same op functions (the ones the
// plain unary, binary and cast shaders use), so an op has one definition in WGSL.
//! include "common/unary-ops.wgsl"
//! include "common/binary-ops.wgsl"
//! include "common/cast-ops.wgsl"
//! include "common/grid.wgsl"
