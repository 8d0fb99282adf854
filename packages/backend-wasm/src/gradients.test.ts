// Gradients computed through the 'wasm' backend (autograd's rules running on its kernels) agree
// with the same gradients on the reference backend, for every differentiable op: the first
// random case of each op from src/testing/, loss = sum(op(inputs) * R).
import { grad, gradRules } from '@webgrad/autograd';
import { createJsBackend, fromValues, opNames, runOp, type Backend, type OpName, type Tensor } from '@webgrad/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWasmBackend } from './index.js';
import { cases, type OpCase } from './testing/cases.js';
import { mismatch, randomValues as values, rng } from '@webgrad/tensor/testing';

let wasm: Backend;
const js = createJsBackend();
beforeAll(async () => {
  wasm = await createWasmBackend({ threads: 1 });
});

/** The first case of `op` whose float inputs are generated, not edge values. */
function randomCase(op: OpName): OpCase<OpName> | undefined {
  return (cases[op] as OpCase<OpName>[]).find((c) => c.inputs.some((t) => (t.dtype ?? 'float32') === 'float32') && c.inputs.every((t) => !t.values || t.dtype === 'int32'));
}

function gradients(backend: Backend, op: OpName, c: OpCase<OpName>): Float32Array[] {
  const random = rng(3);
  const inputs = c.inputs.map((t) => fromValues(t.values ?? values(t.shape, t.dtype ?? 'float32', random), t.shape, t.dtype ?? 'float32', backend));
  const wrt = inputs.flatMap((t, i) => (t.dtype === 'float32' ? [i] : []));
  const out = runOp(op, inputs, c.attrs);
  const weights = fromValues(values(out.shape, 'float32', random), out.shape, 'float32', backend);
  out.dispose();
  const loss = (...xs: Tensor[]): Tensor => runOp(op, xs, c.attrs).mul(weights).sum();
  const gs = grad(loss, wrt)(...inputs);
  return gs.map((g) => g.dataSync() as Float32Array);
}

const differentiable = opNames.filter((op) => gradRules[op] !== 'not-differentiable' && randomCase(op));

describe('gradients on wasm match the reference backend', () => {
  it.each(differentiable)('%s', (op) => {
    const c = randomCase(op)!;
    let want: Float32Array[];
    try {
      want = gradients(js, op, c);
    } catch (e) {
      // A gap in autograd (a rule that throws) must fail the same way on wasm.
      expect(() => gradients(wasm, op, c)).toThrow((e as Error).message);
      return;
    }
    const got = gradients(wasm, op, c);
    expect(got.length).toBe(want.length);
    got.forEach((g, i) => {
      const at = mismatch(g, want[i]!, 1e-4, 1e-4, { signedZeros: true });
      expect(at, `gradient ${i} of ${op} (${c.name}) differs at ${at}: wasm ${g[at]}, reference ${want[i]![at]}`).toBe(-1);
    });
  });
});
