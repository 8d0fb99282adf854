// Glob patterns over dotted parameter paths: `*` stays inside one segment, `**` spans whole
// segments (none included), dots are literal, and bad patterns are refused with the pattern named.
import { describe, expect, it } from 'vitest';
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
