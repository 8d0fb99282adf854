// fast-check properties: broadcasting laws of the shape arithmetic, algebraic laws on every
// backend (transpose, reshape, linearity of sum, matmul associativity), and random-shape fuzzing
// of broadcast ops, reductions, transposes and matmul against the oracle.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { broadcastShapes, fromValues, runOp, type Backend, type OpName, type Tensor } from '@webgrad/tensor';
import { checkCase, createOracle, startBackends } from './harness.js';
import { bool, f32, type OpCase } from './spec.js';

/** Shape laws are cheap; laws on a backend pay a dispatch and a read per op (slow on SwiftShader). */
const RUNS = { numRuns: 60 };
const BACKEND_RUNS = { numRuns: 20 };
const oracle = createOracle();
const backends = await startBackends();

const dim = fc.integer({ min: 0, max: 4 });
const shape = (maxRank = 4, d = dim): fc.Arbitrary<number[]> => fc.array(d, { maxLength: maxRank });

/** Two shapes that broadcast: right-aligned columns of one extent, each side maybe 1 or absent. */
const compatiblePair = fc.array(fc.tuple(dim, fc.boolean(), fc.boolean()), { maxLength: 4 }).chain((cols) =>
  fc.tuple(fc.integer({ min: 0, max: cols.length }), fc.integer({ min: 0, max: cols.length })).map(([dropA, dropB]) => [
    cols.slice(dropA).map(([d, one]) => (one ? 1 : d)),
    cols.slice(dropB).map(([d, , one]) => (one ? 1 : d)),
  ] as const),
);

/** A shape and a permutation of its axes. */
const shapeAndPerm = shape(4, fc.integer({ min: 0, max: 3 })).chain((s) =>
  fc.shuffledSubarray(s.map((_, i) => i), { minLength: s.length, maxLength: s.length }).map((perm) => [s, perm] as const),
);

const floats = (n: number): fc.Arbitrary<number[]> =>
  fc.array(fc.float({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n });

describe('broadcastShapes', () => {
  it('is commutative', () => {
    fc.assert(fc.property(compatiblePair, ([a, b]) => {
      expect(broadcastShapes('p', [a, b])).toEqual(broadcastShapes('p', [b, a]));
    }), RUNS);
  });

  it('of a shape with itself is that shape', () => {
    fc.assert(fc.property(shape(), (s) => {
      expect(broadcastShapes('p', [s, s])).toEqual(s);
    }), RUNS);
  });

  it('gives each axis the non-1 extent, or 1, with the rank of the larger', () => {
    fc.assert(fc.property(compatiblePair, ([a, b]) => {
      const out = broadcastShapes('p', [a, b]);
      expect(out).toHaveLength(Math.max(a.length, b.length));
      out.forEach((d, j) => {
        const da = a[a.length - out.length + j] ?? 1;
        const db = b[b.length - out.length + j] ?? 1;
        expect(d).toBe(da === 1 ? db : da);
        expect(d === Math.max(da, db) || Math.min(da, db) === 0).toBe(true);
      });
    }), RUNS);
  });

  it('rejects extents that differ and are not 1, naming the op and both shapes', () => {
    fc.assert(fc.property(shape(3), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 5 }), (s, p, q) => {
      fc.pre(p !== q);
      expect(() => broadcastShapes('add', [[...s, p], [q]])).toThrow(`add: cannot broadcast a [${[...s, p].join(',')}] with b [${q}]`);
    }), RUNS);
  });
});

async function values(t: Tensor): Promise<number[]> {
  try {
    return [...(await t.data())];
  } finally {
    t.dispose();
  }
}

const sumAll = (x: Tensor): Tensor => runOp('sum', [x], { axes: x.shape.map((_, i) => i), keepdims: false });

describe.each(backends.filter((b): b is typeof b & { instance: Backend } => !!b.instance))('laws on backend $name', ({ instance: be }) => {
  const make = (v: readonly number[], s: readonly number[]): Tensor => fromValues(v, s, 'float32', be);

  it('transpose by perm, then by its inverse, is the identity', async () => {
    await fc.assert(fc.asyncProperty(shapeAndPerm, async ([s, perm]) => {
      const data = Array.from({ length: s.reduce((p, q) => p * q, 1) }, (_, i) => i - 7.5);
      const inverse = perm.map((_, i) => perm.indexOf(i));
      const x = make(data, s);
      const y = runOp('transpose', [x], { perm });
      expect(await values(runOp('transpose', [y], { perm: inverse }))).toEqual(data);
      x.dispose();
      y.dispose();
    }), BACKEND_RUNS);
  });

  it('reshape to a shuffled shape and back is the identity', async () => {
    await fc.assert(fc.asyncProperty(shapeAndPerm, async ([s, perm]) => {
      const data = Array.from({ length: s.reduce((p, q) => p * q, 1) }, (_, i) => i * 0.25);
      const x = make(data, s);
      const y = runOp('reshape', [x], { shape: perm.map((p) => s[p]!) });
      expect(await values(runOp('reshape', [y], { shape: s }))).toEqual(data);
      x.dispose();
      y.dispose();
    }), BACKEND_RUNS);
  });

  it('sum is linear: sum(a x + b y) = a sum(x) + b sum(y)', async () => {
    const arb = shape(3, fc.integer({ min: 1, max: 5 })).chain((s) => {
      const n = s.reduce((p, q) => p * q, 1);
      return fc.tuple(fc.constant(s), floats(n), floats(n), floats(1), floats(1));
    });
    await fc.assert(fc.asyncProperty(arb, async ([s, xs, ys, [a], [b]]) => {
      const [x, y, at, bt] = [make(xs, s), make(ys, s), make([a!], []), make([b!], [])];
      const [ax, by] = [runOp('mul', [at, x], {}), runOp('mul', [bt, y], {})];
      const combined = runOp('add', [ax, by], {});
      const lhs = (await values(sumAll(combined)))[0]!;
      const rhs = a! * (await values(sumAll(x)))[0]! + b! * (await values(sumAll(y)))[0]!;
      const scale = xs.reduce((p, v, i) => p + Math.abs(a! * v) + Math.abs(b! * ys[i]!), 0);
      expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-5 * scale + 1e-6);
      [x, y, at, bt, ax, by, combined].forEach((t) => t.dispose());
    }), BACKEND_RUNS);
  });

  it('matmul is associative within tolerance: (AB)C = A(BC)', async () => {
    const d = fc.integer({ min: 1, max: 7 });
    const arb = fc.tuple(d, d, d, d).chain(([m, k, n, p]) => fc.tuple(fc.constant([m, k, n, p] as const), floats(m * k), floats(k * n), floats(n * p)));
    await fc.assert(fc.asyncProperty(arb, async ([[m, k, n, p], av, bv, cv]) => {
      const [A, B, C] = [make(av, [m, k]), make(bv, [k, n]), make(cv, [n, p])];
      const plain = { transposeA: false, transposeB: false };
      const [AB, BC] = [runOp('matmul', [A, B], plain), runOp('matmul', [B, C], plain)];
      const left = await values(runOp('matmul', [AB, C], plain));
      const right = await values(runOp('matmul', [A, BC], plain));
      // Rounding error of a float32 product of three matrices is at most about (k + n) u (|A||B||C|)_ij
      // (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., section 3.5); each side errs.
      const u = 2 ** -24;
      left.forEach((v, e) => {
        const [i, j] = [Math.floor(e / p), e % p];
        let bound = 0;
        for (let r = 0; r < k; r++) for (let q = 0; q < n; q++) bound += Math.abs(av[i * k + r]! * bv[r * n + q]! * cv[q * p + j]!);
        expect(Math.abs(v - right[e]!)).toBeLessThanOrEqual(2 * (k + n + 2) * u * bound + 1e-30);
      });
      [A, B, C, AB, BC].forEach((t) => t.dispose());
    }), BACKEND_RUNS);
  });

  /** Checks random cases against the oracle with the conformance harness. */
  async function fuzz<K extends OpName>(arb: fc.Arbitrary<[K, OpCase<K>]>): Promise<void> {
    await fc.assert(fc.asyncProperty(arb, async ([op, c]) => {
      expect(await checkCase(op, c, be, oracle)).toEqual([]);
    }), BACKEND_RUNS);
  }

  it('matches the oracle on binary ops and where over random broadcast shapes', async () => {
    const binary = fc.constantFrom<OpName>('add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'lt', 'eq');
    await fuzz(fc.tuple(binary, compatiblePair, fc.boolean()).map(([op, [a, b], asWhere]): [OpName, OpCase<OpName>] => asWhere
      ? ['where', { name: `where ${a} ${b}`, inputs: [bool(b), f32(a), f32(b)], attrs: {} }]
      : [op, { name: `${op} ${a} ${b}`, inputs: [f32(a), f32(b)], attrs: {} }]));
  });

  it('matches the oracle on sum and max over random axes', async () => {
    const arb = shape(4, fc.integer({ min: 1, max: 5 })).chain((s) =>
      fc.tuple(fc.constantFrom('sum' as const, 'max' as const), fc.constant(s), fc.subarray(s.map((_, i) => i)), fc.boolean()));
    await fuzz(arb.map(([op, s, axes, keepdims]): [OpName, OpCase<OpName>] => [op, { name: `${op} ${s} ${axes} ${keepdims}`, inputs: [f32(s)], attrs: { axes, keepdims } }]));
  });

  it('matches the oracle on transposes of random shapes', async () => {
    await fuzz(shapeAndPerm.map(([s, perm]): ['transpose', OpCase<'transpose'>] => ['transpose', { name: `${s} ${perm}`, inputs: [f32(s)], attrs: { perm } }]));
  });

  it('matches the oracle on matmul of random sizes, transposes and broadcast batches', async () => {
    const d = fc.integer({ min: 0, max: 9 });
    const arb = fc.tuple(compatiblePair, d, d, d, fc.boolean(), fc.boolean());
    await fuzz(arb.map(([[ba, bb], m, k, n, ta, tb]): ['matmul', OpCase<'matmul'>] => {
      const a = [...ba, ...(ta ? [k, m] : [m, k])];
      const b = [...bb, ...(tb ? [n, k] : [k, n])];
      return ['matmul', { name: `${a} ${b} ${ta} ${tb}`, inputs: [f32(a), f32(b)], attrs: { transposeA: ta, transposeB: tb } }];
    }));
  });
});
