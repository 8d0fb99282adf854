// The case table covers the op table: every op has cases, every dtype combination the op table
// accepts is exercised, and every op meets empty tensors, NaN, ±Inf, -0 and an odd large size.
import { describe, expect, it } from 'vitest';
import { DTYPES, opNames, ops, sizeOf, type DType, type Meta, type OpName } from '@webgrad/tensor';
import { cases, casesOf } from './cases.js';
import { gapOf, knownGaps } from './gaps.js';
import { materialise, type OpCase } from './spec.js';

/** The input dtypes of a case; for a list op (concat) the distinct ones, as arity is no dtype matter. */
function signature(op: OpName, dtypes: readonly DType[]): string {
  return (ops[op].inputs === 'many' ? [...new Set(dtypes)] : dtypes).join();
}

const metas = (c: OpCase<OpName>, dtypes: readonly DType[]): Meta[] => c.inputs.map((s, i) => ({ shape: s.shape, dtype: dtypes[i]! }));

function infer<K extends OpName>(op: K, c: OpCase<K>, dtypes: readonly DType[] = c.inputs.map((s) => s.dtype)): Meta | undefined {
  try {
    return (ops[op].infer as (op: K, m: readonly Meta[], a: OpCase<K>['attrs']) => Meta)(op, metas(c as OpCase<OpName>, dtypes), c.attrs);
  } catch {
    return undefined;
  }
}

/** Ops for which `has(case)` holds for no case. */
function opsWithout(has: <K extends OpName>(op: K, c: OpCase<K>) => boolean, only: (op: OpName) => boolean = () => true): OpName[] {
  return opNames.filter((op) => only(op) && !casesOf(op).some((c) => has(op, c)));
}

const takesFloat = (op: OpName): boolean => casesOf(op).some((c) => c.inputs.some((s) => s.dtype === 'float32'));

describe('the case table', () => {
  it('has at least one case for every op in the op table', () => {
    expect(opNames.filter((op) => casesOf(op).length === 0), 'ops without a conformance case').toEqual([]);
  });

  it('names only ops of the op table', () => {
    expect(Object.keys(cases).filter((k) => !(opNames as string[]).includes(k))).toEqual([]);
  });

  it('gives every case of an op a distinct name', () => {
    const repeated = opNames.flatMap((op) => casesOf(op).map((c) => `${op}/${c.name}`)).filter((n, i, all) => all.indexOf(n) !== i);
    expect(repeated).toEqual([]);
  });

  it('holds only cases the op table accepts, with values that fill their shapes', () => {
    const invalid = opNames.flatMap((op) => casesOf(op).filter((c) => !infer(op, c)).map((c) => `${op}/${c.name}`));
    expect(invalid).toEqual([]);
    for (const op of opNames) for (const c of casesOf(op)) c.inputs.forEach((s, i) => materialise(s, `${op}/${c.name}/${i}`));
  });

  it('exercises every dtype combination the op table accepts', () => {
    // Close each case's input dtypes under replacing one dtype by another; whatever the op
    // table accepts must appear as some case's dtypes (int32 add, bool concat, int32 gather, ...).
    const missing: string[] = [];
    for (const op of opNames) {
      const have = new Set(casesOf(op).map((c) => signature(op, c.inputs.map((s) => s.dtype))));
      for (const c of casesOf(op)) {
        const own = c.inputs.map((s) => s.dtype);
        for (const from of DTYPES) {
          for (const to of DTYPES) {
            const dtypes = own.map((d) => (d === from ? to : d));
            const sig = signature(op, dtypes);
            if (from === to || !own.includes(from) || have.has(sig) || !infer(op, c, dtypes)) continue;
            missing.push(`${op}(${sig}), like '${c.name}'`);
            have.add(sig);
          }
        }
      }
    }
    expect(missing, 'accepted by the op table but never run').toEqual([]);
  });

  it('has a case with an empty tensor for every op', () => {
    const empty = <K extends OpName>(op: K, c: OpCase<K>): boolean => c.inputs.some((s) => sizeOf(s.shape) === 0) || sizeOf(infer(op, c)?.shape ?? [1]) === 0;
    expect(opsWithout(empty)).toEqual([]);
  });

  it.each([
    ['NaN', Number.isNaN],
    ['+Inf', (v: number) => v === Infinity],
    ['-Inf', (v: number) => v === -Infinity],
    ['-0', (v: number) => Object.is(v, -0)],
  ] as const)('has a float input holding %s for every op that takes floats', (_name, is) => {
    const holds = <K extends OpName>(op: K, c: OpCase<K>): boolean =>
      c.inputs.some((s, i) => s.dtype === 'float32' && materialise(s, `${op}/${c.name}/${i}`).some(is));
    expect(opsWithout(holds, takesFloat)).toEqual([]);
  });

  it('has a tensor of more than 256 elements, not a multiple of 4, for every op', () => {
    const odd = (n: number): boolean => n > 256 && n % 4 !== 0;
    const large = <K extends OpName>(op: K, c: OpCase<K>): boolean => c.inputs.some((s) => odd(sizeOf(s.shape))) || odd(sizeOf(infer(op, c)?.shape ?? []));
    expect(opsWithout(large)).toEqual([]);
  });

  it('lists known gaps only for ops of the op table and their cases, each with a reason', () => {
    for (const [backend, gaps] of Object.entries(knownGaps)) {
      for (const op of Object.keys(gaps)) {
        expect(opNames, `${backend} gap`).toContain(op);
        const gap = gapOf(backend, op as OpName)!;
        expect(gap.reason, `${backend}/${op} needs a reason`).toMatch(/\w{3,}/);
        const names = casesOf(op as OpName).map((c) => c.name);
        for (const c of gap.cases ?? []) expect(names, `${backend}/${op} gap`).toContain(c);
      }
    }
  });
});
