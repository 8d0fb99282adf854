// Fuzzing the CSV reader (fast-check, seeded; fuzzRuns() inputs per property): random text, and
// tables with random quoting, separators, line endings, BOMs and numbers in odd formats. Every
// input reads or is refused with a plain Error naming the line and column (or the option) with a
// short message, within 2 s; a table written in any of those styles reads back exactly.
import fc from 'fast-check';
import { fuzzRuns } from '@webgrad/tensor/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { fromCsv, type CsvOptions } from './csv.js';

const runs = { numRuns: fuzzRuns() };
const stats = { inputs: 0, read: 0, refused: 0, slowestMs: 0 };
afterAll(() => console.log(`csv fuzz: ${stats.inputs} inputs, ${stats.read} read, ${stats.refused} refused, 0 crashes, 0 hangs; slowest ${stats.slowestMs.toFixed(1)} ms`));

/** Refusals about the whole file or the options, which have no one cell to point at. */
const WHOLE_FILE = /^csv: (the text is empty|the header \(.*\) has no data rows|no feature columns|no (label|feature) column named|(label|feature) column .* (given by name|is out of range)|column \d+( \('.*'\))? is (the label|given twice)|unknown option|option|options)/s;

/** Reads `text`: a Dataset, or a plain Error that says where (line and column) in under 300 characters; within 2 s. */
function survive(text: string, options: CsvOptions): ReturnType<typeof fromCsv> | undefined {
  stats.inputs++;
  const t0 = performance.now();
  let out: ReturnType<typeof fromCsv>;
  try {
    out = fromCsv(text, options);
  } catch (e) {
    stats.refused++;
    if ((e as Error)?.constructor !== Error) throw new Error(`not a plain Error: ${String(e).slice(0, 300)}`);
    const { message } = e as Error;
    expect(message.length).toBeLessThan(300);
    if (!WHOLE_FILE.test(message)) expect(message).toMatch(/^csv: line \d+, column \d+[ :]/);
    return undefined;
  } finally {
    const ms = performance.now() - t0;
    stats.slowestMs = Math.max(stats.slowestMs, ms);
    expect(ms).toBeLessThan(2000);
  }
  stats.read++;
  // What is read is real data: finite float32 features, and labels that are int32 or finite.
  expect(out.features.values.every(Number.isFinite)).toBe(true);
  expect(out.labels.values.every(Number.isFinite)).toBe(true);
  return out;
}

// ---- pieces ---------------------------------------------------------------------------------

const ODD_NUMBERS = ['0x1A', '0b1', '0o7', 'Infinity', '-Infinity', 'NaN', '1_000', '1e39', '-1e39', '1e400', '4294967297', '-2147483649', '2147483647', '3.4028235e38', '3.5e38', '1e-50', '', ' ', '+.5', '5.', '.', '-', '1e', '١٢', '1,5', '0.1.2', '00', '-0', ' 7 '];
const numberText = fc.oneof(
  fc.constantFrom(...ODD_NUMBERS),
  fc.integer({ min: -5, max: 9 }).map(String),
  fc.double().map(String),
  fc.float().map((f) => f.toExponential()),
);
const plainNumber = fc.oneof(fc.integer({ min: -3, max: 9 }).map(String), fc.float({ noNaN: true, noDefaultInfinity: true }).map(String));
const cellText = fc.oneof({ weight: 6, arbitrary: numberText }, { weight: 1, arbitrary: fc.string({ maxLength: 5 }) }, { weight: 1, arbitrary: fc.constantFrom('a', 'x,y', 'say "hi"', 'two\nlines', '\r\n', '"', '\uFEFF1', 'class', 'a\u0000b') });
const delimiter = fc.constantFrom(',', ';', '\t', '|', ' ');
const lineEnd = fc.constantFrom('\n', '\r\n', '\r');

/** A cell as written: bare, or quoted with "" escapes (style 1, or when it must be); style 2 and 3 quote it badly. */
function write(cell: string, style: number, sep: string): string {
  const mustQuote = /["\r\n]/.test(cell) || cell.includes(sep);
  if (style === 3) return `"${cell}`; // never closed
  if (style === 2) return `"${cell}"x`; // text after the closing quote
  return style === 1 || mustQuote ? `"${cell.replaceAll('"', '""')}"` : cell;
}

const fullOptions: fc.Arbitrary<CsvOptions> = fc.record({
  header: fc.constantFrom(true, false, 'auto' as const),
  label: fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constantFrom('a', 'class', 'x', '')),
  features: fc.array(fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constantFrom('a', 'x', 'b')), { maxLength: 3 }),
  labelType: fc.constantFrom('auto' as const, 'int' as const, 'float' as const),
  classes: fc.uniqueArray(fc.constantFrom('a', 'b', 'class', '1', '0', 'x', '2'), { maxLength: 4 }),
}, { requiredKeys: [] });
/** Options as a JavaScript caller might pass them: mostly few and sound, sometimes of the wrong type or unknown. */
const looseOptions = fc.oneof(
  { weight: 4, arbitrary: fc.constant<CsvOptions>({}) },
  { weight: 3, arbitrary: fc.record({ labelType: fc.constantFrom('auto' as const, 'int' as const, 'float' as const), header: fc.constantFrom(true, false, 'auto' as const) }, { requiredKeys: [] }) },
  { weight: 3, arbitrary: fullOptions },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [], { lable: 1 }, { delimiter: '' }, { delimiter: '"' }, { delimiter: '\n' }, { label: 1.5 }, { features: 'a' }, { classes: ['a', 'a'] }, { header: 1 }) as fc.Arbitrary<CsvOptions> },
);

/** A table: a width, rows of that width (one sometimes ragged), of clean numbers or of a mix of odd cells. */
const grid = fc.record({ width: fc.integer({ min: 1, max: 4 }), height: fc.integer({ min: 0, max: 6 }), clean: fc.boolean(), header: fc.boolean() }).chain(({ width, height, clean, header }) => fc.record({
  header: header ? fc.array<string>(fc.oneof(fc.constantFrom('a', 'b', 'x', 'class', 'two\nlines', 'say "hi"'), fc.string({ maxLength: 4 })), { minLength: width, maxLength: width }).map((h) => [h]) : fc.constant([]),
  rows: fc.array(fc.array(clean ? plainNumber : fc.oneof({ weight: 4, arbitrary: plainNumber }, { weight: 1, arbitrary: cellText }), { minLength: width, maxLength: width }), { minLength: height, maxLength: height }),
  ragged: fc.oneof({ weight: 9, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat() }),
}));

/** A table text: optional BOM, random quoting per cell (rarely a bad quote), one line-end style, blank lines. */
const tableText = fc.record({
  bom: fc.boolean(),
  sep: delimiter,
  end: lineEnd,
  grid,
  quote: fc.array(fc.constantFrom(0, 0, 1), { minLength: 24, maxLength: 24 }),
  badQuote: fc.oneof({ weight: 9, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat() }),
  blank: fc.nat(6),
  trailing: fc.boolean(),
}).map(({ bom, sep, end, grid: { header, rows, ragged }, quote, badQuote, blank, trailing }) => {
  const table: string[][] = (header as string[][]).concat(rows);
  if (ragged >= 0 && table.length) table[ragged % table.length]!.push('1');
  let k = 0;
  const lines = table.map((r) => r.map((cell) => write(cell, k === badQuote % 24 ? 2 + (k++ % 2) : quote[k++ % 24]!, sep)).join(sep));
  if (lines.length && blank < 4) lines.splice(blank % (lines.length + 1), 0, blank % 2 ? '' : '  ');
  return { text: `${bom ? '\uFEFF' : ''}${lines.join(end)}${trailing ? end : ''}`, sep };
});

describe('csv reader under fuzzing', () => {
  it('survives random text of CSV characters, with random options', () => {
    const text = fc.string({ unit: fc.constantFrom('0', '1', '9', '.', 'e', '-', '+', 'x', '_', ',', ';', '"', '\n', '\r', ' ', 'a', '\uFEFF', '\t', 'é'), maxLength: 40 });
    fc.assert(fc.property(text, looseOptions, (t, o) => void survive(t, o)), { ...runs, seed: 0xc5f0_0001 });
  });

  it('survives tables with random quoting, separators, line ends, BOMs and odd numbers', () => {
    fc.assert(fc.property(tableText, looseOptions, ({ text, sep }, o) => void survive(text, o && typeof o === 'object' && !Array.isArray(o) && !('delimiter' in o) ? { ...o, delimiter: sep } : o)), { ...runs, seed: 0xc5f0_0002 });
  });

  it('reads back exactly a table written in any of those styles', () => {
    const value = fc.float({ noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v));
    const format = fc.constantFrom((v: number) => String(v), (v: number) => v.toPrecision(9), (v: number) => v.toExponential(8), (v: number) => ` +${v}`.replace('+-', '-'), (v: number) => (Number.isInteger(v) && Math.abs(v) < 1e15 ? `${v}.0` : String(v)));
    const table = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 })).chain(([width, height]) => fc.record({
      names: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }).map((s) => s.trim()).filter((s) => s !== '' && !/^[+-]?[\d.]/.test(s)), { minLength: width + 1, maxLength: width + 1 }),
      features: fc.array(fc.array(value, { minLength: width, maxLength: width }), { minLength: height, maxLength: height }),
      labels: fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: height, maxLength: height }),
      labelAt: fc.nat(width),
    }));
    fc.assert(fc.property(table, delimiter.filter((d) => d !== ' '), lineEnd, format, fc.boolean(), fc.boolean(), ({ names, features, labels, labelAt }, sep, end, fmt, quoteAll, bom) => {
      const cells = (row: string[]): string => row.map((c) => write(c, quoteAll ? 1 : 0, sep)).join(sep);
      const withLabel = (row: string[], label: string): string[] => row.slice(0, labelAt).concat([label], row.slice(labelAt));
      const text = `${bom ? '\uFEFF' : ''}${[cells(names), ...features.map((r, i) => cells(withLabel(r.map(fmt), String(labels[i]))))].join(end)}${end}`;
      const ds = survive(text, { delimiter: sep, label: labelAt, labelType: 'int' });
      expect(ds).toBeDefined();
      expect(Array.from(ds!.features.values)).toEqual(features.flat());
      expect(Array.from(ds!.labels.values)).toEqual(labels);
    }), { ...runs, seed: 0xc5f0_0003 });
  });
});
