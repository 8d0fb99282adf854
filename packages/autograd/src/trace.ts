// Records the graph of one small computation with every value and gradient, for teaching:
// a view can replay the forward pass node by node, then the backward pass in reverse.
import { fromValues, onOp, scope, withTracking, type OpName, type Tensor } from './deps.js';
import { gradients } from './tape.js';

/** One node of a traced graph: an input, a constant, or an op. */
export interface TraceNode {
  id: number;
  /** 'input' for a named argument, 'constant' for a tensor the function closed over or a lifted number. */
  op: OpName | 'input' | 'constant';
  /** The argument's name for inputs, the op name otherwise. */
  label: string;
  /** Ids of the nodes this one was computed from. */
  inputs: number[];
  shape: number[];
  value: number[];
  /** d(output) / d(this node), or null where no gradient flows. */
  grad: number[] | null;
  /** The local derivative, as a lecture slide would write it. */
  formula: string;
}

/** A traced computation: nodes in forward order; the last op node is the output. */
export interface Trace {
  nodes: TraceNode[];
  output: number;
}

const FORMULAS: Partial<Record<OpName, string>> = {
  add: '∂(a + b)/∂a = 1,  ∂(a + b)/∂b = 1',
  sub: '∂(a − b)/∂a = 1,  ∂(a − b)/∂b = −1',
  mul: '∂(a·b)/∂a = b,  ∂(a·b)/∂b = a',
  div: '∂(a/b)/∂a = 1/b,  ∂(a/b)/∂b = −a/b²',
  pow: '∂(aᵇ)/∂a = b·aᵇ⁻¹,  ∂(aᵇ)/∂b = aᵇ·ln a',
  neg: '∂(−x)/∂x = −1',
  exp: '∂eˣ/∂x = eˣ',
  log: '∂ln x/∂x = 1/x',
  tanh: '∂tanh x/∂x = 1 − tanh²x',
  erf: '∂erf x/∂x = (2/√π)·e^(−x²)',
  sigmoid: '∂σ(x)/∂x = σ(x)(1 − σ(x))',
  relu: '∂relu(x)/∂x = 1 if x > 0, else 0',
  sqrt: '∂√x/∂x = 1/(2√x)',
  sin: '∂sin x/∂x = cos x',
  cos: '∂cos x/∂x = −sin x',
  maximum: '∂max(a, b)/∂a = 1 where a > b (½ on ties)',
  sum: '∂(Σx)/∂xᵢ = 1: the gradient is copied back to every element',
  matmul: '∂(AB)/∂A = G·Bᵀ,  ∂(AB)/∂B = Aᵀ·G',
  reshape: 'a reshape passes the gradient through, reshaped back',
  broadcastTo: 'a broadcast sums the gradient over the copied axes',
};

/**
 * Runs `f` on the named inputs and records every op with its value and its gradient with
 * respect to f's (scalar) output. Meant for small expressions and networks.
 */
export async function trace(f: (inputs: Record<string, Tensor>) => Tensor, inputs: Record<string, Tensor>): Promise<Trace> {
  const ids = new Map<Tensor, number>();
  const records: { tensor: Tensor; op: TraceNode['op']; label: string; inputs: Tensor[] }[] = [];
  const add = (tensor: Tensor, op: TraceNode['op'], label: string, from: Tensor[]): void => {
    ids.set(tensor, records.length);
    records.push({ tensor, op, label, inputs: from });
  };
  const { output, grads } = scope(() => withTracking(true, () => {
    const leaves: Record<string, Tensor> = {};
    for (const [name, t] of Object.entries(inputs)) {
      const leaf = t.reshape(t.shape);
      leaf.requiresGrad = true;
      leaves[name] = leaf;
      add(leaf, 'input', name, []);
    }
    const stop = onOp((op, opInputs, _attrs, out) => {
      for (const t of opInputs) if (!ids.has(t)) add(t, 'constant', 'constant', []);
      add(out, op, op, [...opInputs]);
    });
    let output: Tensor;
    try {
      output = f(leaves);
    } finally {
      stop();
    }
    if (output.size !== 1) throw new Error(`trace: f must return a scalar, got shape [${output.shape.join(',')}]`);
    const grads = withTracking(false, () => gradients([output], [fromValues([1], output.shape, 'float32', output.backend)]));
    return { output, grads, keepAlive: records.map((r) => r.tensor) };
  }));
  const nodes: TraceNode[] = [];
  for (const [id, r] of records.entries()) {
    const g = grads.get(r.tensor);
    nodes.push({
      id, op: r.op, label: r.label,
      inputs: r.inputs.map((t) => ids.get(t)!),
      shape: [...r.tensor.shape],
      value: Array.from(await r.tensor.data()),
      grad: g ? Array.from(await g.data()) : null,
      formula: r.op === 'input' || r.op === 'constant' ? '' : FORMULAS[r.op] ?? `the ${r.op} gradient rule`,
    });
  }
  for (const r of records) r.tensor.dispose();
  for (const g of grads.values()) g.dispose();
  return { nodes, output: ids.get(output)! };
}
