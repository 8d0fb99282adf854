// Reads the infix expressions a page writes in <webgrad-graph expression="tanh(w * x + b)">
// into the graph's expression tree. A small recursive-descent parser: no eval, so pages with a
// strict CSP can embed the graph.
import type { Expression } from './graph-view.js';

const BINARY_OPS: Record<string, string> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '^': 'pow' };
const TOKEN = /\s*(?:(\d+(?:\.\d*)?(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?)|([A-Za-z_]\w*)|(\S))/gy;

interface Token { kind: 'number' | 'name' | 'symbol' | 'end'; text: string; at: number }

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(source); m; m = TOKEN.exec(source)) {
    const at = m.index + m[0].length - (m[1] ?? m[2] ?? m[3]!).length;
    tokens.push(m[1] !== undefined ? { kind: 'number', text: m[1], at } : m[2] !== undefined ? { kind: 'name', text: m[2], at } : { kind: 'symbol', text: m[3]!, at });
  }
  tokens.push({ kind: 'end', text: 'the end', at: source.length });
  return tokens;
}

/**
 * Parses `w * x + b`, `sigmoid(w0*x0 + w1*x1 + b)`, `(x - y)^2`, `maximum(a, 0)`: numbers,
 * variable names, + - * / ^ (right-associative), unary minus, parentheses, and calls `op(a)` or
 * `op(a, b)` naming any op the graph knows (checked when it is evaluated).
 */
export function parseExpression(source: string): Expression {
  const tokens = tokenize(source);
  let i = 0;
  const peek = (): Token => tokens[i]!;
  const fail = (expected: string): never => {
    const t = peek();
    throw new Error(`expression: expected ${expected} at character ${t.at + 1} of "${source}", found ${t.kind === 'end' ? 'the end' : `'${t.text}'`}`);
  };
  const take = (symbol: string): boolean => (peek().kind === 'symbol' && peek().text === symbol ? (i++, true) : false);

  const sum = (): Expression => {
    let left = product();
    for (let op = peek().text; peek().kind === 'symbol' && (op === '+' || op === '-'); op = peek().text) {
      i++;
      left = { op: BINARY_OPS[op]!, args: [left, product()] };
    }
    return left;
  };
  const product = (): Expression => {
    let left = unary();
    for (let op = peek().text; peek().kind === 'symbol' && (op === '*' || op === '/'); op = peek().text) {
      i++;
      left = { op: BINARY_OPS[op]!, args: [left, unary()] };
    }
    return left;
  };
  // -x^2 is -(x^2), as in mathematics.
  const unary = (): Expression => (take('-') ? { op: 'neg', args: [unary()] } : power());
  const power = (): Expression => {
    const base = atom();
    return take('^') ? { op: 'pow', args: [base, unary()] } : base;
  };
  const atom = (): Expression => {
    const t = peek();
    if (t.kind === 'number') return i++, Number(t.text);
    if (t.kind === 'name') {
      i++;
      if (!take('(')) return t.text;
      const args = [sum()];
      while (take(',')) args.push(sum());
      if (!take(')')) fail(`',' or ')' closing ${t.text}(`);
      return { op: t.text, args };
    }
    if (take('(')) {
      const inner = sum();
      if (!take(')')) fail(`')'`);
      return inner;
    }
    return fail('a number, a name or (');
  };

  const tree = sum();
  if (peek().kind !== 'end') fail('an operator or the end');
  return tree;
}
