// The fusion planner without a GPU: which leaves a kernel loads and how each is indexed, which
// storages it writes, and where it cuts. Storages are plain records here.
import { describe, expect, it } from 'vitest';
import type { GpuStorage } from '../pool.js';
import type { FusedOp, Operand } from './expr.js';
import { plan, type FusionLimits, type Program } from './plan.js';

let id = 1000;
const LIMITS: FusionLimits = { bindings: 8, values: 64, paramWords: 64 };
const add: FusedOp = { kind: 'binary', code: 0, dtype: 0 };
const relu: FusedOp = { kind: 'unary', code: 3, dtype: 0 };

/** A computed storage (a leaf); `scalar` marks a one-element value written from JavaScript. */
function leaf(scalar?: number): GpuStorage {
  return { id: id++, buffer: undefined as unknown as GpuStorage['buffer'], bytes: 16, lastUse: -1, refs: 1, live: true, scalar };
}

/** A pending storage computing `op` of `inputs` into `shape` (holds its inputs, as the fuser does). */
function pending(op: FusedOp, shape: number[], inputs: [GpuStorage, number[]][], live = false): GpuStorage {
  const operands: Operand[] = inputs.map(([storage, s]) => ({ storage, shape: s }));
  for (const o of operands) o.storage.refs++;
  const s = leaf();
  s.live = live;
  s.refs = live ? 1 : 0;
  s.pending = { op, name: op.kind, shape, inputs: operands, depth: 1 };
  return s;
}

function program(root: GpuStorage, limits = LIMITS): Program {
  const p = plan(root, limits);
  if (!('program' in p)) throw new Error('expected a program, got a cut');
  return p.program;
}

describe('fusion plan', () => {
  it('relu(h + b): two leaves, the bias repeating, one output', () => {
    const [h, b] = [leaf(), leaf()];
    const sum = pending(add, [4, 3], [[h, [4, 3]], [b, [3]]]);
    const root = pending(relu, [4, 3], [[sum, [4, 3]]], true);
    const p = program(root);
    expect(p.leaves.map((l) => [l.storage, l.mode, l.repeat])).toEqual([[h, 'same', 0], [b, 'repeat', 3]]);
    expect(p.outputs.map((o) => o.storage)).toEqual([root]);
    expect(p.values.map((v) => v.kind)).toEqual(['load', 'load', 'op', 'op']);
  });

  it('a scalar from JavaScript is a uniform, not a binding', () => {
    const [x, lr] = [leaf(), leaf(0x3dcccccd)];
    const root = pending({ kind: 'binary', code: 2, dtype: 0 }, [5], [[x, [5]], [lr, []]], true);
    const p = program(root);
    expect(p.inputs).toEqual([x]);
    expect(p.leaves[1]!.mode).toBe('uniform');
  });

  it('a column operand is strided after the axes merge', () => {
    const [a, c] = [leaf(), leaf()];
    const root = pending(add, [2, 3, 4], [[a, [2, 3, 4]], [c, [3, 1]]], true);
    const p = program(root);
    expect(p.leaves[1]!.mode).toBe('strided');
    expect(p.leaves[1]!.strides).toEqual([0, 1, 0]);
  });

  it('an inlined value a tensor still holds is written too; one broadcast into the root is cut instead', () => {
    const x = leaf();
    const m = pending(add, [6], [[x, [6]], [x, [6]]], true);
    const p = program(pending(relu, [6], [[m, [6]]], true));
    expect(p.outputs.map((o) => o.storage)).toContain(m);
    const row = pending(add, [6], [[x, [6]], [x, [6]]], true);
    const wide = pending(add, [2, 6], [[row, [6]], [leaf(), [2, 6]]], true);
    expect(plan(wide, LIMITS)).toEqual({ cut: row });
  });

  it('over the binding limit, cuts the inlined node reading the most buffers that still fits alone', () => {
    const xs = Array.from({ length: 10 }, () => leaf());
    let acc = pending(add, [4], [[xs[0]!, [4]], [xs[1]!, [4]]]);
    const chain = [acc];
    for (const x of xs.slice(2)) chain.push((acc = pending(add, [4], [[acc, [4]], [x, [4]]])));
    acc.live = true;
    acc.refs++;
    const cut = plan(acc, LIMITS);
    expect('cut' in cut && chain.indexOf(cut.cut)).toBe(5); // reads xs[0..6]: 7 inputs + 1 output
  });
});
