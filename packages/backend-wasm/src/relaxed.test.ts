// The relaxed-SIMD build (f32x4.relaxed_madd in gemm) against plain float64 sums, in a child
// Node run with relaxed SIMD switched on (Node 20 has it only behind a flag), and the probe.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

const script = `
import { readFileSync } from 'node:fs';
import { hasRelaxedSimd } from '${dist}loader.js';
const memory = new WebAssembly.Memory({ initial: 64 });
const { instance } = await WebAssembly.instantiate(readFileSync('${dist}kernels-relaxed.wasm'), { env: { memory, abort() { throw new Error('abort'); } } });
const k = instance.exports;
const [m, n, kk] = [37, 29, 300];
let at = (k.heapBase() + 63) & ~63;
const take = (bytes) => { const p = at; at += (bytes + 63) & ~63; return p; };
const [pa, pb] = [take(k.gemmPackABytes()), take(k.gemmPackBBytes())];
const [a, b, c] = [take(m * kk * 4), take(kk * n * 4), take(m * n * 4)];
const f32 = new Float32Array(memory.buffer);
for (let i = 0; i < m * kk; i++) f32[a / 4 + i] = Math.sin(i);
for (let i = 0; i < kk * n; i++) f32[b / 4 + i] = Math.cos(i);
k.gemm(m, n, kk, a, kk, 1, b, n, 1, c, n, 0, pa, pb, 0, 0);
let worst = 0;
for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
  let s = 0;
  for (let p = 0; p < kk; p++) s += f32[a / 4 + i * kk + p] * f32[b / 4 + p * n + j];
  worst = Math.max(worst, Math.abs(s - f32[c / 4 + i * n + j]));
}
console.log(JSON.stringify({ probe: hasRelaxedSimd(), relaxed: k.relaxedSimd(), worst }));
`;

describe('relaxed SIMD', () => {
  it('the relaxed build multiplies correctly where the runtime validates it, and the probe sees it', () => {
    const out = execFileSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--input-type=module', '-e', script], { encoding: 'utf8' });
    const { probe, relaxed, worst } = JSON.parse(out.trim()) as { probe: boolean; relaxed: number; worst: number };
    expect(probe).toBe(true);
    expect(relaxed).toBe(1);
    expect(worst).toBeLessThan(1e-3);
  });
});
