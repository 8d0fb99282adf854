// <webgrad-graph>: the graph autograd recorded for a small expression, replayed like a lecture
// slide: the forward pass node by node (values on the edges), then the backward pass in
// reverse (gradients on the edges), each node with its local-derivative formula.
import { css, html, LitElement, svg, type PropertyValues } from 'lit';
// The page-side graph runs its few scalar ops on the synchronous 'js' backend: no other backend is imported.
import { trace, type Trace, type TraceNode } from '@webgrad/autograd';
import { tensor, type Tensor } from '@webgrad/tensor';
import { parseExpression } from './expression-parser.js';
import { jsonAttribute, validJson } from './json-attribute.js';

/** A small expression: a variable name, a number, or an op applied to arguments. */
export type Expression = string | number | { op: string; args: Expression[] };

const UNARY = ['neg', 'exp', 'log', 'tanh', 'sigmoid', 'relu', 'sqrt', 'sin', 'cos', 'sum', 'reciprocal', 'square'] as const;
const BINARY = ['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'matmul'] as const;

/** Ready-made expressions a page can name with `preset`. */
export const PRESETS: Record<string, { expression: Expression; inputs: Record<string, number | number[]> }> = {
  // The classic circuit: f = (x + y) · z.
  circuit: { expression: { op: 'mul', args: [{ op: 'add', args: ['x', 'y'] }, 'z'] }, inputs: { x: -2, y: 5, z: -4 } },
  // One sigmoid neuron: σ(w0·x0 + w1·x1 + b).
  neuron: {
    expression: { op: 'sigmoid', args: [{ op: 'add', args: [{ op: 'add', args: [{ op: 'mul', args: ['w0', 'x0'] }, { op: 'mul', args: ['w1', 'x1'] }] }, 'b'] }] },
    inputs: { w0: 2, x0: -1, w1: -3, x1: -2, b: -3 },
  },
  // Squared error of a line: (w·x + b − y)².
  'squared-error': { expression: { op: 'square', args: [{ op: 'sub', args: [{ op: 'add', args: [{ op: 'mul', args: ['w', 'x'] }, 'b'] }, 'y'] }] }, inputs: { w: 0.5, x: 2, b: 0.1, y: 3 } },
};

/** Evaluates an expression over named tensors, allowing only the listed ops (no eval). */
export function evaluate(e: Expression, vars: Record<string, Tensor>): Tensor {
  if (typeof e === 'number') return tensor(e);
  if (typeof e === 'string') {
    const v = vars[e];
    if (!v) throw new Error(`graph: unknown variable '${e}' (inputs: ${Object.keys(vars).join(', ')})`);
    return v;
  }
  const args = e.args.map((a) => evaluate(a, vars));
  if ((UNARY as readonly string[]).includes(e.op) && args.length === 1) return (args[0] as unknown as Record<string, () => Tensor>)[e.op]!();
  if ((BINARY as readonly string[]).includes(e.op) && args.length === 2) return (args[0] as unknown as Record<string, (b: Tensor) => Tensor>)[e.op]!(args[1]!);
  throw new Error(`graph: '${e.op}' with ${args.length} arguments is not supported (unary: ${UNARY.join(', ')}; binary: ${BINARY.join(', ')})`);
}

/** An expression written as text: a JSON tree when it opens with '{', infix otherwise. */
function fromText(text: string): Expression {
  if (!text.trim().startsWith('{')) return parseExpression(text);
  try {
    return JSON.parse(text) as Expression;
  } catch (e) {
    throw new Error(`graph: the expression is neither infix nor valid JSON: ${(e as Error).message}`);
  }
}

const fmtValues = (v: number[] | null): string => (v === null ? '—' : v.length === 1 ? v[0]!.toPrecision(3) : `[${v.slice(0, 3).map((x) => x.toPrecision(2)).join(', ')}${v.length > 3 ? ', …' : ''}]`);

/** Column of each node: inputs and constants at 0, every op one right of its deepest input. */
function layout(nodes: readonly TraceNode[]): { x: number; y: number }[] {
  const depth = nodes.map(() => 0);
  for (const n of nodes) depth[n.id] = n.inputs.length ? Math.max(...n.inputs.map((i) => depth[i]!)) + 1 : 0;
  const rows = new Map<number, number>();
  return nodes.map((n) => {
    const row = rows.get(depth[n.id]!) ?? 0;
    rows.set(depth[n.id]!, row + 1);
    return { x: 70 + depth[n.id]! * 140, y: 40 + row * 70 };
  });
}

/**
 * The graph view. Attributes: `preset`, or `expression` (infix text such as `tanh(w * x + b)`,
 * or a JSON tree) with `inputs` as JSON (`{"w": 0.5, "x": 2, "b": -1}`).
 */
export class WebgradGraph extends LitElement {
  static override properties = {
    preset: { type: String },
    // The attribute stays text: a JSON tree or infix, read in retrace() where errors are shown.
    expression: {},
    inputs: { converter: jsonAttribute },
    cursor: { state: true },
    recorded: { state: true },
    error: { state: true },
  };

  static override styles = css`
    :host { display: block; font: 13px system-ui; }
    svg { width: 100%; border: 1px solid #e2e8f0; background: #fff; }
    .formula { min-height: 1.5em; margin: 6px 0; font-family: ui-serif, serif; font-size: 15px; }
    .error { color: #991b1b; }
    text { font: 12px system-ui; }
  `;

  preset = 'neuron';
  /** A tree, or text: a JSON tree or infix (a bare name parses to itself, so both readings agree). */
  expression: Expression | undefined;
  inputs: Record<string, number | number[]> | undefined;
  /** Position in the replay: 0..n-1 forward, n..2n-1 backward. */
  cursor = 0;
  recorded: Trace | undefined;
  error = '';

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('preset') || changed.has('expression') || changed.has('inputs')) void this.retrace();
  }

  /** Traces the chosen expression again; the result arrives as a state change. */
  private async retrace(): Promise<void> {
    const chosen = this.expression !== undefined ? { expression: this.expression, inputs: this.inputs ?? {} } : PRESETS[this.preset];
    if (!chosen) {
      this.error = `graph: unknown preset '${this.preset}' (presets: ${Object.keys(PRESETS).join(', ')})`;
      return;
    }
    try {
      const expression = typeof chosen.expression === 'string' ? fromText(chosen.expression) : chosen.expression;
      const vars = Object.fromEntries(Object.entries(validJson(chosen.inputs, 'graph: the inputs attribute')).map(([k, v]) => [k, tensor(v)]));
      this.recorded = await trace((leaves) => {
        const out = evaluate(expression, leaves);
        return out.size === 1 ? out : out.sum();
      }, vars);
      for (const t of Object.values(vars)) t.dispose();
      this.cursor = 0;
      this.error = '';
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  /** The node the replay is at, and whether it is the backward pass. */
  private at(): { node: TraceNode; backward: boolean } | undefined {
    const nodes = this.recorded?.nodes;
    if (!nodes?.length) return undefined;
    const n = nodes.length;
    return this.cursor < n ? { node: nodes[this.cursor]!, backward: false } : { node: nodes[2 * n - 1 - this.cursor]!, backward: true };
  }

  private move(delta: number): void {
    const n = this.recorded?.nodes.length ?? 0;
    this.cursor = Math.min(Math.max(this.cursor + delta, 0), Math.max(2 * n - 1, 0));
  }

  protected override render() {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    const t = this.recorded;
    const here = this.at();
    if (!t || !here) return html`<p>tracing…</p>`;
    const n = t.nodes.length;
    const pos = layout(t.nodes);
    const shownValue = (id: number): boolean => here.backward || id <= this.cursor;
    const shownGrad = (id: number): boolean => here.backward && t.nodes.findIndex((m) => m.id === id) >= 2 * n - 1 - this.cursor;
    const height = Math.max(...pos.map((p) => p.y)) + 50;
    const width = Math.max(...pos.map((p) => p.x)) + 90;
    return html`
      <div>
        <button @click=${() => this.move(-1)} aria-label="previous">◀</button>
        <button @click=${() => this.move(1)} aria-label="next" data-testid="graph-next">▶</button>
        <button @click=${() => (this.cursor = 0)}>reset</button>
        <span data-testid="graph-phase">${here.backward ? 'backward' : 'forward'} pass · node ${here.node.label}</span>
      </div>
      <svg viewBox="0 0 ${width} ${height}" role="img" aria-label="computational graph">
        ${t.nodes.flatMap((node) => node.inputs.map((i) => {
          const [a, b] = [pos[i]!, pos[node.id]!];
          const value = shownValue(i) ? fmtValues(t.nodes[i]!.value) : '';
          const grad = shownGrad(i) && t.nodes[i]!.grad ? fmtValues(t.nodes[i]!.grad) : '';
          return svg`<line x1=${a.x + 30} y1=${a.y} x2=${b.x - 30} y2=${b.y} stroke="#94a3b8"></line>
            <text x=${(a.x + b.x) / 2} y=${(a.y + b.y) / 2 - 6} fill="#16a34a" text-anchor="middle">${value}</text>
            <text x=${(a.x + b.x) / 2} y=${(a.y + b.y) / 2 + 14} fill="#dc2626" text-anchor="middle">${grad}</text>`;
        }))}
        ${t.nodes.map((node) => {
          const p = pos[node.id]!;
          const current = node.id === here.node.id;
          return svg`<g data-node=${node.label}>
            <rect x=${p.x - 30} y=${p.y - 16} width="60" height="32" rx="6" fill=${current ? '#fde68a' : node.op === 'input' ? '#dbeafe' : '#f1f5f9'} stroke="#475569"></rect>
            <text x=${p.x} y=${p.y + 4} text-anchor="middle">${node.label}</text></g>`;
        })}
      </svg>
      <p class="formula" data-testid="graph-formula">${here.node.formula || (here.node.op === 'input' ? `input ${here.node.label} = ${fmtValues(here.node.value)}` : `constant ${fmtValues(here.node.value)}`)}
        ${here.backward ? html` — gradient here: <b>${fmtValues(here.node.grad)}</b>` : html` — value: <b>${fmtValues(here.node.value)}</b>`}</p>
    `;
  }
}

if (!customElements.get('webgrad-graph')) customElements.define('webgrad-graph', WebgradGraph);
