// Gradients on 'webgpu': for every gradient-check case of every differentiable op (the
// repository's test/gradcheck table), autograd's gradients of a weighted sum of the op's output,
// computed on 'webgpu', match the same computed on the reference backend in float32.
import { grad, gradRules } from '@webgrad/autograd';
import { createJsBackend, fromValues, opNames, registerBackend, scope, setBackend, type Backend, type OpName, type Tensor } from '@webgrad/tensor';
import { describe, expect, it } from 'vitest';
import { cases, opFunction } from '../../../test/gradcheck/cases.js';
import { floatInputs, Gen, seedOf } from '../../../test/gradcheck/harness.js';
import type { OpCase } from '../../../test/gradcheck/case-table.js';
import { testGpu } from './testing/gpu.js';
import { mismatch } from '@webgrad/tensor/testing';

const { backend, reason } = await testGpu();
const differentiable = opNames.filter((op) => gradRules[op] !== 'not-differentiable' && cases[op]?.length);

interface Prepared { values: Float64Array[]; shapes: number[][]; dtypes: Tensor['dtype'][]; weights: Float64Array; outShape: number[]; wrt: number[] }

/** The case's inputs and loss weights, made by its generator on the float64 reference. */
async function prepare(op: OpName, c: OpCase<OpName>): Promise<Prepared> {
  await setBackend('js64');
  const inputs = c.inputs(new Gen(seedOf(`${op}/${c.name}`)));
  const outShape = [...scope(() => opFunction(op, c.attrs)(...inputs).shape)];
  const weights = new Gen(7).float(outShape);
  const values = await Promise.all(inputs.map(async (t) => Float64Array.from(await t.data())));
  const prepared = { values, shapes: inputs.map((t) => [...t.shape]), dtypes: inputs.map((t) => t.dtype), weights: Float64Array.from(await weights.data()), outShape, wrt: [...(c.wrt ?? floatInputs(inputs))] };
  [...inputs, weights].forEach((t) => t.dispose());
  return prepared;
}

async function gradientsOn(be: Backend, op: OpName, c: OpCase<OpName>, p: Prepared): Promise<Float32Array[]> {
  await setBackend(be.name);
  const xs = p.values.map((v, i) => fromValues(v, p.shapes[i]!, p.dtypes[i]!, be));
  const w = fromValues(p.weights, p.outShape, 'float32', be);
  const loss = (...args: Tensor[]): Tensor => opFunction(op, c.attrs)(...args).mul(w).sum();
  const gs = grad(loss, p.wrt)(...xs);
  const out = await Promise.all(gs.map(async (g) => Float32Array.from(await g.data())));
  [...xs, w, ...gs].forEach((t) => t.dispose());
  return out;
}

describe.runIf(backend)('webgpu gradients match the reference', () => {
  const reference = createJsBackend();
  registerBackend('js64', () => createJsBackend({ name: 'js64', float64: true }));
  registerBackend('js', () => reference, 1);
  registerBackend(backend!.name, () => backend!, 3);

  const rows = differentiable.flatMap((op) => (cases[op] as readonly OpCase<OpName>[]).map((c) => [`${op}: ${c.name}`, op, c] as const));
  it.each(rows)('%s', async (_name, op, c) => {
    const p = await prepare(op, c);
    const [got, want] = [await gradientsOn(backend!, op, c, p), await gradientsOn(reference, op, c, p)];
    got.forEach((g, k) => {
      const i = mismatch(g, want[k]!, 1e-3, 1e-4);
      expect(i, `${c.name}: gradient of input ${p.wrt[k]} at ${i}: webgpu ${g[i]}, reference ${want[k]![i]}`).toBe(-1);
    });
  });
});

if (!backend) {
  describe('webgpu gradients', () => it.skip(`not run: ${reason}`, () => {}));
}
