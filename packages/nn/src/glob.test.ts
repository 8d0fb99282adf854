// Glob patterns over dotted parameter paths: `*` stays inside one segment, `**` spans whole
// segments (none included), dots are literal, and bad patterns are refused with the pattern named.
// Matching stays fast on patterns built to backtrack, and agrees with a regex-and-recursion oracle.
import { describe, expect, it } from 'vitest';
import { Random } from './deps.js';
import { globMatcher } from './glob.js';

const paths = [
  'layers.0.weight',
  'layers.0.bias',
  'layers.1.weight',
  'layers.10.weight',
  'layers.1.layers.0.weight',
  'encoder.attn.weight',
  'weight',
  'layers0weight',
];

const select = (pattern: string): string[] => paths.filter(globMatcher(pattern));

describe('globMatcher', () => {
  it('matches a literal path exactly and nothing else', () => {
    expect(select('layers.0.weight')).toEqual(['layers.0.weight']);
    expect(select('weight')).toEqual(['weight']);
  });

  it('`*` matches exactly one whole segment', () => {
    expect(select('layers.*.weight')).toEqual(['layers.0.weight', 'layers.1.weight', 'layers.10.weight']);
    expect(select('layers.*.bias')).toEqual(['layers.0.bias']);
    expect(select('*')).toEqual(['weight', 'layers0weight']);
  });

  it('`*` inside a segment matches within that segment only', () => {
    expect(select('layers.1*.weight')).toEqual(['layers.1.weight', 'layers.10.weight']);
    expect(select('*.attn.w*')).toEqual(['encoder.attn.weight']);
    expect(select('layers.*.b*')).toEqual(['layers.0.bias']);
  });

  it('no partial-segment leaks: `layers.1*` does not reach into deeper segments', () => {
    expect(select('layers.1*')).toEqual([]);
    expect(select('layers.1')).toEqual([]);
    expect(select('layers.*')).toEqual([]);
    expect(select('lay*')).toEqual(['layers0weight']);
    expect(select('layers.0')).toEqual([]);
  });

  it('`**` at the start matches zero or more leading segments', () => {
    expect(select('**.weight')).toEqual(['layers.0.weight', 'layers.1.weight', 'layers.10.weight', 'layers.1.layers.0.weight', 'encoder.attn.weight', 'weight']);
    expect(select('**.bias')).toEqual(['layers.0.bias']);
  });

  it('`**` in the middle matches zero or more segments', () => {
    expect(select('layers.**.weight')).toEqual(['layers.0.weight', 'layers.1.weight', 'layers.10.weight', 'layers.1.layers.0.weight']);
    expect(select('layers.1.**.weight')).toEqual(['layers.1.weight', 'layers.1.layers.0.weight']);
    expect(select('layers.**.0.weight')).toEqual(['layers.0.weight', 'layers.1.layers.0.weight']);
  });

  it('`**` at the end matches zero or more trailing segments', () => {
    expect(select('encoder.**')).toEqual(['encoder.attn.weight']);
    expect(select('layers.1.**')).toEqual(['layers.1.weight', 'layers.1.layers.0.weight']);
    expect(select('weight.**')).toEqual(['weight']);
    expect(select('**')).toEqual(paths);
  });

  it('dots and regular-expression characters are literal', () => {
    // A `.` in a pattern separates segments; it never acts as a regex wildcard.
    expect(select('layers.0.weigh.')).toEqual([]);
    expect(globMatcher('a+b.(c)')('a+b.(c)')).toBe(true);
    expect(globMatcher('a+b.(c)')('aab.c')).toBe(false);
    expect(globMatcher('x[0].y')('x[0].y')).toBe(true);
    expect(globMatcher('x[0].y')('x0.y')).toBe(false);
    expect(globMatcher('$^|?')('$^|?')).toBe(true);
  });

  it('refuses empty or non-string patterns, naming what was given', () => {
    expect(() => globMatcher('')).toThrow(/glob: pattern must be a non-empty string.*got ""/);
    expect(() => globMatcher(undefined as unknown as string)).toThrow(/got undefined/);
    expect(() => globMatcher(3 as unknown as string)).toThrow(/got 3/);
  });
});

/** The former matcher (a regex per segment, recursion over `**`): exponential, but the reference semantics. */
function oracle(pattern: string, path: string): boolean {
  const compiled = pattern.split('.').map((seg) => (seg === '**' ? '**' : new RegExp(`^${seg.split('*').map((s) => s.replace(/[\\^$+?.()[\]{}|]/g, '\\$&')).join('.*')}$`)));
  const parts = path.split('.');
  const go = (i: number, j: number): boolean => {
    if (i === compiled.length) return j === parts.length;
    const seg = compiled[i]!;
    if (seg === '**') {
      for (let k = j; k <= parts.length; k++) if (go(i + 1, k)) return true;
      return false;
    }
    return j < parts.length && seg.test(parts[j]!) && go(i + 1, j + 1);
  };
  return go(0, 0);
}

const timed = (fn: () => boolean): [boolean, number] => {
  const t0 = performance.now();
  const result = fn();
  return [result, performance.now() - t0];
};

describe('globMatcher on patterns built to backtrack', () => {
  it('80 stars in one segment match or refuse in under 50 ms', () => {
    const stars = '*'.repeat(80);
    const long = 'a'.repeat(200);
    for (const [pattern, path, expected] of [[`${stars}b`, long, false], [`${stars}a`, long, true], [`a${stars}b${stars}c`, `${long}b${long}`, false], [stars, long, true]] as const) {
      const [result, ms] = timed(() => globMatcher(pattern)(path));
      expect([pattern.length, result]).toEqual([pattern.length, expected]);
      expect(ms).toBeLessThan(50);
    }
  });

  it('40 `**` segments mixed with `*` and literals, over a 300-segment path, in under 50 ms', () => {
    const path = Array.from({ length: 300 }, () => 'a').join('.');
    const mixes: [string, boolean][] = [
      [Array.from({ length: 40 }, () => '**.*').join('.') + '.b', false],
      [Array.from({ length: 40 }, () => '**.a').join('.'), true],
      [Array.from({ length: 40 }, () => '**.**.a*').join('.') + '.**.c', false],
      [Array.from({ length: 40 }, () => '*.**').join('.'), true],
    ];
    for (const [pattern, expected] of mixes) {
      const [result, ms] = timed(() => globMatcher(pattern)(path));
      expect(result).toBe(expected);
      expect(ms).toBeLessThan(50);
    }
  });

  it('agrees with the reference semantics on 5,000 random small patterns and paths', () => {
    const rng = new Random(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.uniform() * xs.length)]!;
    const segment = (tokens: readonly string[]): string => Array.from({ length: Math.floor(rng.uniform() * 4) }, () => pick(tokens)).join('');
    for (let n = 0; n < 5000; n++) {
      const pattern = Array.from({ length: 1 + Math.floor(rng.uniform() * 4) }, () => (rng.uniform() < 0.2 ? '**' : segment(['a', 'b', '*']))).join('.') || '*';
      const path = Array.from({ length: 1 + Math.floor(rng.uniform() * 5) }, () => segment(['a', 'b'])).join('.');
      expect([pattern, path, globMatcher(pattern)(path)]).toEqual([pattern, path, oracle(pattern, path)]);
    }
  });
});
