// The shipped digits: the Node loader reads the asset beside the package, features [64] in
// [0,1], labels 0..9, a deterministic split; the browser's gunzip path agrees with zlib.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DIGITS_SAMPLES, digits, digitsUrl, gunzip, loadDigits, parseDigits } from './digits.js';

describe('digits', () => {
  it('loads all 1,797 samples from the package assets with features in [0,1] and labels 0..9', async () => {
    const all = await loadDigits();
    expect(all.size).toBe(DIGITS_SAMPLES);
    expect(all.features.sampleShape).toEqual([64]);
    expect(all.labels.values).toBeInstanceOf(Int32Array);
    expect(Math.min(...all.features.values)).toBe(0);
    expect(Math.max(...all.features.values)).toBe(1);
    expect(new Set(all.labels.values)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    // The first row of the file is a 0 whose third pixel is 5.
    expect(all.labels.values[0]).toBe(0);
    expect(all.features.values[2]).toBe(5 / 16);
    expect(await loadDigits()).toBe(all);
  });

  it('splits deterministically into disjoint train and test parts that cover the set', async () => {
    const [train, test, again] = await Promise.all([digits(), digits({ split: 'test' }), digits({ split: 'train' })]);
    expect([train.size, test.size]).toEqual([1438, 359]);
    expect(again.features.values).toEqual(train.features.values);
    const key = (ds: typeof train, i: number): string => ds.features.values.subarray(i * 64, i * 64 + 64).join();
    const rows = new Map<string, number>();
    for (const ds of [train, test]) for (let i = 0; i < ds.size; i++) rows.set(key(ds, i), (rows.get(key(ds, i)) ?? 0) + 1);
    const all = await loadDigits();
    const allRows = new Map<string, number>();
    for (let i = 0; i < all.size; i++) allRows.set(key(all, i), (allRows.get(key(all, i)) ?? 0) + 1);
    expect(rows).toEqual(allRows);
    expect((await digits({ split: 'test', seed: 1 })).features.values).not.toEqual(test.features.values);
    await expect(digits({ split: 'validation' as 'test' })).rejects.toThrow(`digits: split must be 'train', 'test' or 'all', got "validation"`);
  });

  it('gunzips with DecompressionStream (the browser path) to the same text as zlib', async () => {
    const bytes = readFileSync(digitsUrl());
    const text = new TextDecoder().decode(await gunzip(bytes));
    expect(text.split('\n')[0]).toBe('0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,0,3,15,2,0,11,8,0,0,4,12,0,0,8,8,0,0,5,8,0,0,9,8,0,0,4,11,0,1,12,7,0,0,2,14,5,10,12,0,0,0,0,6,13,10,0,0,0,0');
    expect(new TextDecoder().decode(await gunzip(gzipSync('a,b')))).toBe('a,b');
  });

  it('names what is wrong with a bad file or path', async () => {
    expect(() => parseDigits('1,2,3')).toThrow('digits: expected 65 columns (64 pixels and a label), got 3');
    expect(() => parseDigits(`${'0,'.repeat(64)}12`)).toThrow('digits: sample 0 has label 12, expected 0..9');
    await expect(loadDigits({ url: new URL('file:///nonexistent/digits.csv.gz') })).rejects.toThrow('digits: cannot read /nonexistent/digits.csv.gz');
  });
});
