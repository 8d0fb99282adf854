import { describe, expect, it } from 'vitest';
import { parseExpression } from './expression-parser.js';

describe('parseExpression', () => {
  it('follows precedence and associativity', () => {
    expect(parseExpression('w * x + b')).toEqual({ op: 'add', args: [{ op: 'mul', args: ['w', 'x'] }, 'b'] });
    expect(parseExpression('a - b - c')).toEqual({ op: 'sub', args: [{ op: 'sub', args: ['a', 'b'] }, 'c'] });
    expect(parseExpression('a ^ b ^ 2')).toEqual({ op: 'pow', args: ['a', { op: 'pow', args: ['b', 2] }] });
    expect(parseExpression('-x^2')).toEqual({ op: 'neg', args: [{ op: 'pow', args: ['x', 2] }] });
    expect(parseExpression('(x + y) * z')).toEqual({ op: 'mul', args: [{ op: 'add', args: ['x', 'y'] }, 'z'] });
  });

  it('reads calls with one or two arguments, and numbers', () => {
    expect(parseExpression('sigmoid(w0*x0 + 1.5e-1)')).toEqual({ op: 'sigmoid', args: [{ op: 'add', args: [{ op: 'mul', args: ['w0', 'x0'] }, 0.15] }] });
    expect(parseExpression('maximum(a, .5)')).toEqual({ op: 'maximum', args: ['a', 0.5] });
    expect(parseExpression('x')).toBe('x');
  });

  it('names what it expected and where', () => {
    expect(() => parseExpression('tanh(w * x')).toThrow(`expression: expected ',' or ')' closing tanh( at character 11 of "tanh(w * x", found the end`);
    expect(() => parseExpression('a + * b')).toThrow(`expected a number, a name or ( at character 5`);
    expect(() => parseExpression('a b')).toThrow(`expected an operator or the end at character 3 of "a b", found 'b'`);
  });
});
