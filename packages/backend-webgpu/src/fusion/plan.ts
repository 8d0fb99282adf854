// Plans one fused kernel for a pending storage: walks its expression DAG, inlining every
// pending operand, and lists the values to compute, the leaves to load (each with its strides
// over the root's axes, so broadcasts compose through inlined ops) and the outputs to write:
// the root plus any inlined node something else still holds. When the kernel would exceed a
// limit, it names a node to compute separately first (a cut) instead.
import type { GpuStorage } from '../pool.js';
import { MAX_AXES } from '../kernels/params.js';
import { coalesce, sizeOf, stridesOf } from '../kernels/strides.js';
import type { FusedOp } from './expr.js';

/** How a leaf is indexed by output element i (as in shaders/common/operand.wgsl). */
export type LeafMode = 'same' | 'repeat' | 'strided' | 'uniform';

/** An input read by the kernel. */
export interface Leaf {
  readonly storage: GpuStorage;
  readonly mode: LeafMode;
  /** Binding slot among the inputs (-1 for a uniform scalar). */
  readonly binding: number;
  /** 'repeat': elements before the index wraps; 'strided': strides over the merged axes. */
  readonly repeat: number;
  readonly strides: readonly number[];
}

/** One value computed per output element, in dependency order. */
export type Value = { readonly kind: 'load'; readonly leaf: number } | { readonly kind: 'op'; readonly op: FusedOp; readonly args: readonly number[] };

/** A kernel ready for code generation. */
export interface Program {
  /** The root's shape with axes merged where every leaf allows. */
  readonly shape: readonly number[];
  readonly size: number;
  readonly values: readonly Value[];
  readonly leaves: readonly Leaf[];
  /** Storages bound as inputs, by binding slot. */
  readonly inputs: readonly GpuStorage[];
  /** Storages written, with the value each receives; the root first. */
  readonly outputs: readonly { readonly storage: GpuStorage; readonly value: number }[];
  /** Op names, root first, for pipeline labels. */
  readonly names: readonly string[];
}

/** What one kernel may use. */
export interface FusionLimits {
  /** Storage buffers per shader stage (inputs plus outputs). */
  readonly bindings: number;
  /** Values per kernel (bounds shader size and compile time). */
  readonly values: number;
  /** 32-bit words of params: the uniform block is 64. */
  readonly paramWords: number;
}

/** The words of params a program needs: dims, shape, repeat/scalar slots, strides per strided leaf. */
export function paramWords(leaves: readonly Leaf[]): number {
  const slots = leaves.filter((l) => l.mode === 'repeat' || l.mode === 'uniform').length;
  const strided = leaves.filter((l) => l.mode === 'strided').length;
  return 4 + 8 + 4 * Math.max(1, Math.ceil(slots / 4)) + 8 * strided;
}

type Plan = { program: Program } | { cut: GpuStorage };

interface RawLeaf { storage: GpuStorage; view: number[]; uniform: boolean }

/** Strides over the root's axes of a value of `shape` whose broadcast axes (in root terms) are `fixed`. */
function viewOf(shape: readonly number[], fixed: readonly boolean[]): number[] {
  const own = stridesOf(shape);
  const offset = fixed.length - shape.length;
  return fixed.map((f, j) => (f || j < offset || shape[j - offset] === 1 ? 0 : own[j - offset]!));
}

/** The root axes along which an operand of `shape`, read inside a value fixed along `fixed`, does not move. */
function fixedAxes(shape: readonly number[], fixed: readonly boolean[]): boolean[] {
  const offset = fixed.length - shape.length;
  return fixed.map((f, j) => f || j < offset || shape[j - offset] === 1);
}

/** Plans the kernel that computes `root` (which must be pending). */
export function plan(root: GpuStorage, limits: FusionLimits): Plan {
  const rootShape = root.pending!.shape;
  const rootSize = sizeOf(rootShape);
  const values: Value[] = [];
  const byKey = new Map<string, number>();
  const raw: RawLeaf[] = [];
  const inputs: GpuStorage[] = [];
  const names: string[] = [];
  /** Inlined storages: their value at the root's own indexing (if visited so), and the buffers they read. */
  const inlined = new Map<GpuStorage, { same?: number; under: Set<GpuStorage> }>();
  const edges = new Map<GpuStorage, number>();

  const visit = (operand: GpuStorage, shape: readonly number[], fixed: readonly boolean[]): number => {
    const s = operand.alias ?? operand;
    const view = viewOf(shape, fixed);
    const key = `${s.id}:${view.join(',')}`;
    const seen = byKey.get(key);
    if (seen !== undefined) return seen;
    let index: number;
    const p = s.pending;
    if (p) {
      if (!inlined.has(s)) {
        inlined.set(s, { under: new Set() });
        names.push(p.name);
        for (const x of p.inputs) if (x.storage.pending) edges.set(x.storage, (edges.get(x.storage) ?? 0) + 1);
      }
      const args = p.inputs.map((x) => visit(x.storage, x.shape, fixedAxes(x.shape, fixed)));
      values.push({ kind: 'op', op: p.op, args });
      index = values.length - 1;
      const info = inlined.get(s)!;
      for (const x of p.inputs) {
        const inner = inlined.get(x.storage)?.under;
        if (inner) for (const u of inner) info.under.add(u);
        else if ((x.storage.alias ?? x.storage).scalar === undefined) info.under.add(x.storage.alias ?? x.storage);
      }
      if (sizeOf(shape) === rootSize) info.same ??= index;
    } else {
      const uniform = s.scalar !== undefined && sizeOf(shape) === 1;
      if (!uniform && !inputs.includes(s)) inputs.push(s);
      raw.push({ storage: s, view, uniform });
      values.push({ kind: 'load', leaf: raw.length - 1 });
      index = values.length - 1;
    }
    byKey.set(key, index);
    return index;
  };

  const rootValue = visit(root, rootShape, rootShape.map(() => false));
  const outputs = [{ storage: root, value: rootValue }];
  for (const [s, info] of inlined) {
    if (s === root) continue;
    const external = s.refs - (s.live ? 1 : 0) - (edges.get(s) ?? 0);
    if (!s.live && external <= 0) continue;
    // Something else still needs this node: write it here, if it is indexed like the root.
    if (info.same === undefined) return { cut: s };
    outputs.push({ storage: s, value: info.same });
  }
  const leaves = classify(rootShape, raw, inputs);
  const over = inputs.length + outputs.length > limits.bindings || values.length > limits.values ||
    paramWords(leaves.leaves) > limits.paramWords || leaves.shape.length > MAX_AXES;
  if (over) return { cut: bestCut(inlined, root, limits.bindings) };
  return { program: { shape: leaves.shape, size: rootSize, values, leaves: leaves.leaves, inputs, outputs, names } };
}

/**
 * The node to compute on its own first: the inlined one (not the root) reading the most
 * buffers that still fits one kernel by itself, so both kernels come out as full as they can.
 */
function bestCut(inlined: Map<GpuStorage, { under: Set<GpuStorage> }>, root: GpuStorage, bindings: number): GpuStorage {
  let best: GpuStorage | undefined;
  let most = -1;
  let smallest: GpuStorage | undefined;
  for (const [s, info] of inlined) {
    if (s === root) continue;
    const n = info.under.size;
    if (n + 1 <= bindings && n > most) {
      best = s;
      most = n;
    }
    if (!smallest || n < inlined.get(smallest)!.under.size) smallest = s;
  }
  const cut = best ?? smallest;
  if (!cut) throw new Error('webgpu: a single elementwise op exceeds the fused kernel limits');
  return cut;
}

/** Merges the root's axes where every leaf allows, and picks each leaf's indexing. */
function classify(rootShape: readonly number[], raw: readonly RawLeaf[], inputs: readonly GpuStorage[]): { shape: number[]; leaves: Leaf[] } {
  const indexed = raw.filter((l) => !l.uniform);
  const { shape, lists } = coalesce(rootShape, indexed.map((l) => l.view));
  const row = stridesOf(shape);
  let k = 0;
  const leaves = raw.map((l): Leaf => {
    if (l.uniform) return { storage: l.storage, mode: 'uniform', binding: -1, repeat: 0, strides: [] };
    const strides = lists[k++]!;
    const binding = inputs.indexOf(l.storage);
    if (strides.every((s, j) => s === row[j])) return { storage: l.storage, mode: 'same', binding, repeat: 0, strides: [] };
    // Repeating: zero strides on leading axes, row-major ones after (a bias row, a scalar).
    let lead = 0;
    while (lead < strides.length && strides[lead] === 0) lead++;
    if (strides.slice(lead).every((s, j) => s === row[lead + j])) {
      return { storage: l.storage, mode: 'repeat', binding, repeat: sizeOf(shape.slice(lead)), strides: [] };
    }
    return { storage: l.storage, mode: 'strided', binding, repeat: 0, strides };
  });
  return { shape, leaves };
}
