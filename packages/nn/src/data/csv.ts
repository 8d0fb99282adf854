// CSV text to a Dataset: fields split per line (RFC 4180 double quotes within a line), an
// optional header (detected when not said), a label column by name or index, numeric features.
// A malformed file is an error naming the line, the column and what was found there.
import { Dataset } from './dataset.js';

/** Options of {@link fromCsv}. */
export interface CsvOptions {
  /** Whether the first row names the columns; 'auto' (default): yes when one of its cells is not a number. */
  header?: boolean | 'auto';
  /** The label column, by header name or zero-based index (negative counts from the end); default -1, the last. */
  label?: string | number;
  /** The feature columns, by name or index, in order (default: every column but the label). */
  features?: readonly (string | number)[];
  /** Field separator, one character (default ','). */
  delimiter?: string;
  /**
   * 'int': class indices (int32, one per sample); 'float': regression targets (float32, shape [1]);
   * 'auto' (default): int when every label is an integer.
   */
  labelType?: 'auto' | 'int' | 'float';
  /** Class names: text labels are looked up here and become their index (int32). */
  classes?: readonly string[];
}

/** A parsed CSV table: the header (if any) and the rows of text fields, with their line numbers. */
export interface CsvTable {
  readonly header: readonly string[] | undefined;
  readonly rows: readonly (readonly string[])[];
  /** The 1-based line of each row in the text, for error messages. */
  readonly lines: readonly number[];
}

const isNumber = (cell: string): boolean => cell.trim() !== '' && Number.isFinite(Number(cell));

/** Splits one line into fields; double-quoted fields may hold the delimiter and "" for a quote. */
function splitLine(line: string, delimiter: string, lineNo: number): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= line.length) throw new Error(`csv: line ${lineNo}, column ${fields.length + 1}: a quoted field is not closed (fields cannot span lines)`);
        if (line[j] === '"' && line[j + 1] !== '"') break;
        value += line[j];
        j += line[j] === '"' ? 2 : 1; // "" is one quote
      }
      fields.push(value);
      i = j + 1;
      if (i < line.length && line[i] !== delimiter) throw new Error(`csv: line ${lineNo}, column ${fields.length}: found ${JSON.stringify(line[i])} after a closing quote, expected '${delimiter}' or the end of the line`);
    } else {
      const end = line.indexOf(delimiter, i);
      fields.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length : end;
    }
    if (i >= line.length) return fields;
    i++; // past the delimiter
  }
}

/**
 * Splits CSV text into a header and rows of fields, skipping blank lines. Every row must have
 * as many fields as the first.
 */
export function parseCsv(text: string, { header = 'auto', delimiter = ',' }: Pick<CsvOptions, 'header' | 'delimiter'> = {}): CsvTable {
  if (delimiter.length !== 1 || delimiter === '"') throw new Error(`csv: delimiter must be one character other than '"', got ${JSON.stringify(delimiter)}`);
  const rows: string[][] = [];
  const lines: number[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const fields = splitLine(line, delimiter, i + 1);
    if (rows.length && fields.length !== rows[0]!.length) {
      throw new Error(`csv: line ${i + 1} has ${fields.length} fields, expected ${rows[0]!.length} (as on line ${lines[0]})`);
    }
    rows.push(fields);
    lines.push(i + 1);
  });
  if (!rows.length) throw new Error('csv: the text is empty (no rows), expected a header and/or rows of numbers');
  const hasHeader = header === 'auto' ? rows[0]!.some((cell) => !isNumber(cell)) : header;
  return hasHeader ? { header: rows[0]!.map((h) => h.trim()), rows: rows.slice(1), lines: lines.slice(1) } : { header: undefined, rows, lines };
}

/** The zero-based index of a column given by name or (possibly negative) index. */
function columnIndex(which: string | number, table: CsvTable, width: number, role: string): number {
  if (typeof which === 'string') {
    const at = table.header?.indexOf(which) ?? -1;
    if (at < 0) {
      throw new Error(table.header ? `csv: no ${role} column named '${which}' (columns: ${table.header.join(', ')})` : `csv: ${role} column '${which}' given by name, but the CSV has no header; give an index in 0..${width - 1}`);
    }
    return at;
  }
  const at = which < 0 ? width + which : which;
  if (!Number.isInteger(which) || at < 0 || at >= width) throw new Error(`csv: ${role} column ${which} is out of range for ${width} columns`);
  return at;
}

/** "column 3 ('age')", for errors. */
const describeColumn = (c: number, table: CsvTable): string => `column ${c + 1}${table.header ? ` ('${table.header[c]}')` : ''}`;

function parseNumber(cell: string, row: number, c: number, table: CsvTable, what: string): number {
  if (!isNumber(cell)) {
    throw new Error(`csv: line ${table.lines[row]}, ${describeColumn(c, table)}: expected ${what}, found ${cell.trim() === '' ? 'an empty cell' : JSON.stringify(cell)}`);
  }
  return Number(cell);
}

function parseLabels(table: CsvTable, c: number, { labelType = 'auto', classes }: CsvOptions): Int32Array | Float32Array {
  const cells = table.rows.map((r) => r[c]!);
  if (classes) {
    return Int32Array.from(cells, (cell, row) => {
      const k = classes.indexOf(cell.trim());
      if (k < 0) throw new Error(`csv: line ${table.lines[row]}, ${describeColumn(c, table)}: label ${JSON.stringify(cell)} is not one of the classes (${classes.join(', ')})`);
      return k;
    });
  }
  const values = cells.map((cell, row) => parseNumber(cell, row, c, table, labelType === 'int' ? 'an integer class label' : 'a numeric label'));
  const integral = values.every(Number.isInteger);
  if (labelType === 'int' && !integral) {
    const row = values.findIndex((v) => !Number.isInteger(v));
    throw new Error(`csv: line ${table.lines[row]}, ${describeColumn(c, table)}: expected an integer class label, found ${cells[row]}`);
  }
  return labelType === 'float' || !integral ? Float32Array.from(values) : Int32Array.from(values);
}

/**
 * A dataset from CSV text: numeric feature columns as float32 [F] features, and a label column
 * as int32 class indices (or float32 [1] targets). For example, with a header
 * `x,y,class`: `fromCsv(text, { label: 'class' })`.
 */
export function fromCsv(text: string, options: CsvOptions = {}): Dataset {
  const table = parseCsv(text, options);
  const width = table.header?.length ?? table.rows[0]?.length ?? 0;
  if (!table.rows.length) throw new Error(`csv: the header (${table.header!.join(', ')}) has no data rows after it`);
  const labelAt = columnIndex(options.label ?? -1, table, width, 'label');
  const featureAt = options.features ? options.features.map((f) => columnIndex(f, table, width, 'feature')) : [...Array(width).keys()].filter((c) => c !== labelAt);
  if (!featureAt.length) throw new Error(`csv: no feature columns (the only column is the label, ${describeColumn(labelAt, table)})`);
  const features = new Float32Array(table.rows.length * featureAt.length);
  table.rows.forEach((r, row) => featureAt.forEach((c, j) => (features[row * featureAt.length + j] = parseNumber(r[c]!, row, c, table, 'a number'))));
  const labels = parseLabels(table, labelAt, options);
  return new Dataset({ values: features, sampleShape: [featureAt.length] }, { values: labels, sampleShape: labels instanceof Int32Array ? [] : [1] });
}
