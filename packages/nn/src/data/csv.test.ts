// CSV to Dataset: header detection, the label column by name, index or class list, label
// types, RFC 4180 quoting (line breaks inside quotes), and refusals that name the line, the
// column and an excerpt of what was found: non-decimal numbers, values past float32 or int32,
// duplicate header names, a label used as a feature, bad options.
import { describe, expect, it } from 'vitest';
import { fromCsv, parseCsv } from './csv.js';

describe('fromCsv', () => {
  it('detects a header and takes the last column as the label by default', () => {
    const ds = fromCsv('x,y,class\n0.5,1,0\n-2,3e-1,2\n');
    expect(ds.size).toBe(2);
    expect(ds.features.sampleShape).toEqual([2]);
    expect(Array.from(ds.features.values)).toEqual([0.5, 1, -2, Math.fround(0.3)]);
    expect(ds.labels.values).toBeInstanceOf(Int32Array);
    expect(Array.from(ds.labels.values)).toEqual([0, 2]);
    expect(ds.labels.sampleShape).toEqual([]);
  });

  it('takes the label by name or negative/positive index, and features in the order asked', () => {
    const text = 'a,label,b\n1,1,2\n3,0,4';
    for (const label of ['label', 1, -2]) expect(Array.from(fromCsv(text, { label }).labels.values)).toEqual([1, 0]);
    const ds = fromCsv(text, { label: 'label', features: ['b', 0] });
    expect(Array.from(ds.features.values)).toEqual([2, 1, 4, 3]);
  });

  it('reads a header-less file, CRLF endings, blank lines, a BOM, quoted fields and another delimiter', () => {
    const ds = fromCsv('\uFEFF1;2;"3"\r\n\r\n4;"5";6\r\n', { delimiter: ';' });
    expect(ds.size).toBe(2);
    expect(Array.from(ds.features.values)).toEqual([1, 2, 4, 5]);
    expect(parseCsv('"a,""b""",c\n1,2').header).toEqual(['a,"b"', 'c']);
    expect(parseCsv('1,2', { header: true }).rows).toEqual([]);
  });

  it('gives float [1] targets for non-integer labels or labelType float, and maps text classes', () => {
    const reg = fromCsv('x,y\n1,0.5\n2,1.5');
    expect(reg.labels.values).toBeInstanceOf(Float32Array);
    expect(reg.labels.sampleShape).toEqual([1]);
    expect(fromCsv('x,y\n1,1\n2,2', { labelType: 'float' }).labels.values).toBeInstanceOf(Float32Array);
    const iris = fromCsv('w,species\n1,virginica\n2,setosa', { classes: ['setosa', 'virginica'] });
    expect(Array.from(iris.labels.values)).toEqual([1, 0]);
  });

  it('names line, column and found value for a non-numeric or empty cell', () => {
    expect(() => fromCsv('x,y,c\n1,2,0\n1,abc,1')).toThrow(`csv: line 3, column 2 ('y'): expected a number in decimal notation, found "abc"`);
    expect(() => fromCsv('1,2,0\n1,,1')).toThrow('csv: line 2, column 2: expected a number in decimal notation, found an empty cell');
    expect(() => fromCsv('x,c\n1,0.5\n2,1', { labelType: 'int' })).toThrow(`csv: line 2, column 2 ('c'): expected an integer class label, found "0.5"`);
    expect(() => fromCsv('x,c\n1,cat', { classes: ['dog'] })).toThrow(`csv: line 2, column 2 ('c'): label "cat" is not one of the classes ("dog")`);
  });

  it('names the line of a ragged row and the line it was compared with', () => {
    expect(() => fromCsv('a,b,c\n1,2,3\n\n4,5\n')).toThrow('csv: line 4, column 3: the row has 2 fields, expected 3 (as on line 1)');
  });

  it('rejects empty text, a header without rows, unknown columns and unclosed quotes', () => {
    expect(() => fromCsv('')).toThrow('csv: the text is empty (no rows)');
    expect(() => fromCsv(' \n\n')).toThrow('csv: the text is empty');
    expect(() => fromCsv('a,b\n')).toThrow('csv: the header ("a", "b") has no data rows after it');
    expect(() => fromCsv('a,b\n1,2', { label: 'z' })).toThrow(`csv: no label column named "z" (columns: "a", "b")`);
    expect(() => fromCsv('1,2', { label: 'z' })).toThrow('the CSV has no header');
    expect(() => fromCsv('1,2', { label: 5 })).toThrow('csv: label column 5 is out of range for 2 columns');
    expect(() => fromCsv('1\n2')).toThrow('csv: no feature columns');
    expect(() => fromCsv('a,"b\n1,2')).toThrow('csv: line 1, column 2: a quoted field is not closed');
    expect(() => fromCsv('a,"b"x\n1,2')).toThrow(`csv: line 1, column 2: found "x" after a closing quote`);
  });

  it('refuses numbers that are not plain decimals: hex, binary, octal, Infinity, NaN, separators, empty', () => {
    for (const cell of ['0x1A', '0b1', '0o7', 'Infinity', '-Infinity', 'NaN', '1_000', '1,5', '.', 'e5', '1e', '--1', '١']) {
      const text = `x,c\n1,0\n"${cell}",1`;
      expect(() => fromCsv(text)).toThrow(`csv: line 3, column 1 ('x'): expected a number in decimal notation, found ${JSON.stringify(cell)}`);
    }
    expect(() => fromCsv('x,c\n1,0\n  ,1')).toThrow(`csv: line 3, column 1 ('x'): expected a number in decimal notation, found an empty cell`);
    expect(() => fromCsv('x,c\n1,0x1')).toThrow(`csv: line 2, column 2 ('c'): expected a numeric label in decimal notation, found "0x1"`);
    const ok = fromCsv('x,y,c\n+1, .5 ,0\n-2.,1E+2,1\n007,-0.25e-1,2');
    expect(Array.from(ok.features.values)).toEqual([1, 0.5, -2, 100, 7, Math.fround(-0.025)]);
  });

  it('refuses values past float32 and integer labels past int32, naming line, column and the value', () => {
    expect(() => fromCsv('x,c\n1e39,0')).toThrow(`csv: line 2, column 1 ('x'): "1e39" does not fit in float32 (largest magnitude 3.4028234663852886e+38)`);
    expect(() => fromCsv('x,c\n-1e400,0')).toThrow(`csv: line 2, column 1 ('x'): "-1e400" does not fit in float32`);
    expect(() => fromCsv('x,c\n1,0.5\n1,1e39')).toThrow(`csv: line 3, column 2 ('c'): "1e39" does not fit in float32`);
    expect(Array.from(fromCsv('x,c\n3.4028235e38,0').features.values)).toEqual([3.4028234663852886e38]); // rounds to the largest float32
    expect(() => fromCsv('x,c\n1,0\n2,4294967297')).toThrow(`csv: line 3, column 2 ('c'): integer label "4294967297" does not fit in int32 (-2147483648..2147483647); for regression targets give labelType: 'float'`);
    expect(() => fromCsv('1,-2147483649', { labelType: 'int' })).toThrow('csv: line 1, column 2: integer label "-2147483649" does not fit in int32');
    expect(Array.from(fromCsv('1,2147483647').labels.values)).toEqual([2147483647]);
    expect(Array.from(fromCsv('1,4294967297', { labelType: 'float' }).labels.values)).toEqual([4294967296]);
  });

  it('refuses a header naming one column twice, and a label also given as a feature', () => {
    expect(() => fromCsv('a,b, a\n1,2,3')).toThrow(`csv: line 1, column 3: the header name "a" is also column 1's; each column needs its own name`);
    expect(() => fromCsv('a,b,c\n1,2,0', { label: 'c', features: ['a', 'c'] })).toThrow(`csv: column 3 ('c') is the label and cannot also be a feature`);
    expect(() => fromCsv('1,2,0', { label: -1, features: [0, 2] })).toThrow('csv: column 3 is the label and cannot also be a feature');
    expect(() => fromCsv('a,b,c\n1,2,0', { features: ['a', 0] })).toThrow(`csv: column 1 ('a') is given twice in features`);
  });

  it('reads quoted fields holding line breaks and "" (RFC 4180), and counts lines across them', () => {
    const table = parseCsv('"first\nname","say ""hi""\r\nthere",c\r\n"1",2,3\n');
    expect(table.header).toEqual(['first\nname', 'say "hi"\r\nthere', 'c']);
    expect(table.lines).toEqual([4]);
    expect(() => fromCsv('"a\nb",c\n1,0\n\nx,1')).toThrow(`csv: line 5, column 1 ('a\\nb'): expected a number in decimal notation, found "x"`);
    expect(parseCsv('a\rb\r1\r2', { header: true })).toEqual({ header: ['a'], rows: [['b'], ['1'], ['2']], lines: [2, 3, 4] });
    expect(parseCsv('1,""\n"",2', { header: false }).rows).toEqual([['1', ''], ['', '2']]);
    expect(() => fromCsv('a,"b\n1,2')).toThrow('csv: line 1, column 2: a quoted field is not closed before the end of the text (found "\\"b\\n1,2")');
  });

  it('quotes at most a short excerpt of a huge field in any message', () => {
    const huge = '9'.repeat(100_000);
    for (const text of [`x,c\n${huge}x,0`, `x,c\n1,${huge}`, `x,c\n1,"${huge}`, `${huge}a,${huge}a\n1,2`, `x,c\n${huge},0`]) {
      let message = '';
      try {
        fromCsv(text, text.startsWith('9') ? { header: true } : {});
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/^csv: /);
      expect(message.length).toBeLessThan(300);
    }
    expect(() => fromCsv('a,b\n1,cat', { classes: Array.from({ length: 1000 }, (_, i) => `class-${i}`) })).toThrow(/\(1000 in all\)\)$/);
  });

  it('refuses bad options by name: unknown keys, wrong types, classes twice', () => {
    const bad = (options: unknown): (() => unknown) => () => fromCsv('a,b\n1,0', options as never);
    expect(bad({ lable: 'b' })).toThrow(`csv: unknown option "lable" (the options are header, label, features, delimiter, labelType, classes)`);
    expect(bad({ delimiter: '\n' })).toThrow(`csv: option delimiter must be one character other than '"' and line breaks, got "\\n"`);
    expect(bad({ delimiter: ',,' })).toThrow('csv: option delimiter must be one character');
    expect(bad({ label: 1.5 })).toThrow('csv: option label must be a column name or an integer index, got 1.5');
    expect(bad({ features: 'a' })).toThrow('csv: option features must be a list of column names or integer indices, got "a"');
    expect(bad({ labelType: 'integer' })).toThrow(`csv: option labelType must be 'auto', 'int' or 'float', got "integer"`);
    expect(bad({ header: 'yes' })).toThrow(`csv: option header must be true, false or 'auto'`);
    expect(bad({ classes: [] })).toThrow('csv: option classes must be a non-empty list of strings, got a list');
    expect(bad({ classes: ['x', 'x'] })).toThrow('csv: option classes names "x" twice');
    expect(bad({ classes: ['x'], labelType: 'float' })).toThrow("csv: options classes and labelType 'float' disagree");
    expect(bad(null)).toThrow('csv: options must be an object, got null');
    expect(() => fromCsv(42 as unknown as string)).toThrow('csv: expected the CSV text as a string, got 42');
  });

  it('reads a file of 200,000 rows without spreading it onto the stack', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `${i % 7},${i % 3}`).join('\n');
    const ds = fromCsv(`x,c\n${rows}`);
    expect(ds.size).toBe(200_000);
    expect(ds.labels.values[199_999]).toBe(199_999 % 3);
  });
});
