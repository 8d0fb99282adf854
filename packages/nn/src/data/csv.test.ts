// CSV to Dataset: header detection, the label column by name, index or class list, label
// types, quoting, and errors that name the line, the column and what was found.
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
    expect(() => fromCsv('x,y,c\n1,2,0\n1,abc,1')).toThrow(`csv: line 3, column 2 ('y'): expected a number, found "abc"`);
    expect(() => fromCsv('1,2,0\n1,,1')).toThrow('csv: line 2, column 2: expected a number, found an empty cell');
    expect(() => fromCsv('x,c\n1,0.5\n2,1', { labelType: 'int' })).toThrow(`csv: line 2, column 2 ('c'): expected an integer class label, found 0.5`);
    expect(() => fromCsv('x,c\n1,cat', { classes: ['dog'] })).toThrow(`label "cat" is not one of the classes (dog)`);
  });

  it('names the line of a ragged row and the line it was compared with', () => {
    expect(() => fromCsv('a,b,c\n1,2,3\n\n4,5\n')).toThrow('csv: line 4 has 2 fields, expected 3 (as on line 1)');
  });

  it('rejects empty text, a header without rows, unknown columns and unclosed quotes', () => {
    expect(() => fromCsv('')).toThrow('csv: the text is empty (no rows)');
    expect(() => fromCsv(' \n\n')).toThrow('csv: the text is empty');
    expect(() => fromCsv('a,b\n')).toThrow('csv: the header (a, b) has no data rows after it');
    expect(() => fromCsv('a,b\n1,2', { label: 'z' })).toThrow(`csv: no label column named 'z' (columns: a, b)`);
    expect(() => fromCsv('1,2', { label: 'z' })).toThrow('the CSV has no header');
    expect(() => fromCsv('1,2', { label: 5 })).toThrow('csv: label column 5 is out of range for 2 columns');
    expect(() => fromCsv('1\n2')).toThrow('csv: no feature columns');
    expect(() => fromCsv('a,"b\n1,2')).toThrow('csv: line 1, column 2: a quoted field is not closed');
    expect(() => fromCsv('a,"b"x\n1,2')).toThrow(`csv: line 1, column 2: found "x" after a closing quote`);
  });
});
