// maxPool2d and avgPool2d against PyTorch 1.13 on every registered backend: every combination
// of ceilMode and countIncludePad, forward values and the gradient of sum(y * w) with respect
// to x. The fixtures come from fixtures/pooling-torch.py (torch.nn.functional, float64); options
// at PyTorch's defaults are left out of them, so they check webgrad's defaults too.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { avgPool2d, fromValues, maxPool2d, scope, type AvgPool2dOptions, type Backend, type Tensor } from '@webgrad/tensor';
import { grad } from '@webgrad/autograd';
import { startBackends } from './harness.js';

interface Fixture {
  op: 'maxPool2d' | 'avgPool2d';
  x: number[];
  kernel: number;
  options: AvgPool2dOptions;
  y: number[];
  values: number[];
  grad: number[];
}

const backends = await startBackends();
const cases = JSON.parse(readFileSync(new URL('./fixtures/pooling-torch.json', import.meta.url), 'utf8')) as Fixture[];
const nameOf = (c: Fixture): string => `${c.op} ${JSON.stringify(c.x)} kernel ${c.kernel} ${JSON.stringify(c.options)}`;

/** The fixture generator's inputs: distinct values (no ties), and weights for the gradient. */
const values = (n: number, mul: number, mod: number, shift: number, scale: number): number[] => Array.from({ length: n }, (_, i) => (((i * mul) % mod) - shift) / scale);
const size = (shape: readonly number[]): number => shape.reduce((p, q) => p * q, 1);

async function run(c: Fixture, backend: Backend): Promise<{ shape: readonly number[]; y: number[]; dx: number[] }> {
  const n = size(c.x);
  const x = fromValues(values(n, 17, n, Math.floor(n / 2), 8), c.x, 'float32', backend);
  const w = fromValues(values(size(c.y), 13, 11, 5, 4), c.y, 'float32', backend);
  const pool = (t: Tensor): Tensor => (c.op === 'maxPool2d' ? maxPool2d(t, c.kernel, c.options) : avgPool2d(t, c.kernel, c.options));
  const [y, dx] = scope(() => [pool(x), grad((t: Tensor) => pool(t).mul(w).sum())(x)]);
  const out = { shape: y.shape, y: [...(await y.data())], dx: [...(await dx.data())] };
  for (const t of [x, w, y, dx]) t.dispose();
  return out;
}

const expectClose = (got: number[], want: number[], what: string): void => {
  expect(got.length, what).toBe(want.length);
  got.forEach((v, i) => expect(Math.abs(v - want[i]!), `${what} [${i}]: ${v}, torch ${want[i]}`).toBeLessThan(1e-5));
};

it('has fixtures for every combination of ceilMode and countIncludePad', () => {
  const combos = new Set(cases.map((c) => `${c.op} ceilMode ${c.options.ceilMode ?? 'default'} countIncludePad ${c.options.countIncludePad ?? 'default'}`));
  expect([...combos].sort()).toEqual([
    'avgPool2d ceilMode default countIncludePad default', 'avgPool2d ceilMode default countIncludePad false',
    'avgPool2d ceilMode true countIncludePad default', 'avgPool2d ceilMode true countIncludePad false',
    'maxPool2d ceilMode default countIncludePad default', 'maxPool2d ceilMode true countIncludePad default',
  ]);
});

describe.each(backends)('backend $name', ({ instance, error }) => {
  if (!instance) {
    it.skip(`did not start, so it is not checked: ${error}`, () => {});
    return;
  }
  it.each(cases.map((c) => [nameOf(c), c] as const))('%s matches torch', async (_, c) => {
    const { shape, y, dx } = await run(c, instance);
    expect(shape).toEqual(c.y);
    expectClose(y, c.values, 'y');
    expectClose(dx, c.grad, 'dx');
  });
});
