// CSV text to a Dataset: RFC 4180 fields (double quotes, "" for a quote, line breaks inside
// quotes), an optional header (detected when not said), a label column by name or index, decimal
// features that fit float32. A malformed file is an error naming the line, the column and an
// excerpt of what was found there.
import { Dataset } from './dataset.js';

/** Options of {@link fromCsv}. */
export interface CsvOptions {
  /** Whether the first row names the columns; 'auto' (default): yes when one of its cells is not a number. */
  header?: boolean | 'auto';
  /** The label column, by header name or zero-based index (negative counts from the end); default -1, the last. */
  label?: string | number;
  /** The feature columns, by name or index, in order (default: every column but the label); each once, never the label. */
  features?: readonly (string | number)[];
  /** Field separator, one character other than '"' and line breaks (default ','). */
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
  /** The 1-based line on which each row starts in the text (a quoted line break makes a row span lines), for error messages. */
  readonly lines: readonly number[];
}

const OPTION_KEYS = ['header', 'label', 'features', 'delimiter', 'labelType', 'classes'];
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** Largest float32; larger decimals round to Infinity. */
const FLOAT32_MAX = 3.4028234663852886e38;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** A field for a message: quoted and cut to 40 characters, so a huge field never makes a huge message. */
function show(text: string): string {
  const cut = text.length > 40 ? `${text.slice(0, text.charCodeAt(39) >= 0xd800 && text.charCodeAt(39) < 0xdc00 ? 39 : 40)}...` : text;
  return JSON.stringify(cut);
}

/** Plain decimal notation only: no hex, binary, octal, Infinity, NaN, digit separators or empty cells (which Number() takes). */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number a cell holds in decimal notation, surrounding spaces allowed; undefined otherwise. */
function decimal(cell: string): number | undefined {
  const s = cell.trim();
  return DECIMAL.test(s) ? Number(s) : undefined;
}

/** Line breaks in a quoted field's text (CRLF counts once), to keep line numbers right. */
function breaksIn(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF || (c === CR && s.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

/** Where a tokenizer is in the text. */
interface Cursor {
  text: string;
  delimiter: number;
  i: number;
  line: number;
}

/** Reads one quoted field starting at the cursor's quote (RFC 4180: "" is a quote; line breaks are kept). */
function quotedField(at: Cursor, column: number): string {
  const { text } = at;
  const opened = at.line;
  let value = '';
  let j = at.i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) throw new Error(`csv: line ${opened}, column ${column}: a quoted field is not closed before the end of the text (found ${show(text.slice(at.i, at.i + 41))})`);
    value += text.slice(j, q);
    if (text.charCodeAt(q + 1) !== QUOTE) {
      j = q + 1;
      break;
    }
    value += '"';
    j = q + 2;
  }
  at.line += breaksIn(value);
  at.i = j;
  const next = text.charCodeAt(j);
  if (j < text.length && next !== at.delimiter && next !== LF && next !== CR) {
    throw new Error(`csv: line ${at.line}, column ${column}: found ${show(text[j]!)} after a closing quote, expected '${String.fromCharCode(at.delimiter)}' or the end of the line`);
  }
  return value;
}

/** Reads one record (a row of fields) at the cursor, and moves past its line break. Returns whether it was a blank line. */
function record(at: Cursor, fields: string[]): boolean {
  const { text } = at;
  let quoted = false;
  for (;;) {
    if (text.charCodeAt(at.i) === QUOTE) {
      fields.push(quotedField(at, fields.length + 1));
      quoted = true;
    } else {
      let j = at.i;
      while (j < text.length) {
        const c = text.charCodeAt(j);
        if (c === at.delimiter || c === LF || c === CR) break;
        j++;
      }
      fields.push(text.slice(at.i, j));
      at.i = j;
    }
    if (at.i >= text.length) break;
    const c = text.charCodeAt(at.i);
    at.i++;
    if (c === at.delimiter) continue;
    if (c === CR && text.charCodeAt(at.i) === LF) at.i++;
    at.line++;
    break;
  }
  return !quoted && fields.length === 1 && fields[0]!.trim() === '';
}

/** A value of any type for a message, short: strings quoted and cut, objects by their kind. */
function given(v: unknown): string {
  if (typeof v === 'string') return show(v);
  if (Array.isArray(v)) return 'a list';
  if (v === null || ['number', 'boolean', 'undefined', 'bigint'].includes(typeof v)) return show(String(v)).slice(1, -1);
  return `a ${typeof v}`;
}

/** Refuses options of the wrong type or unknown names, which would otherwise be ignored or fail obscurely later. */
function checkOptions(options: unknown): asserts options is CsvOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new Error(`csv: options must be an object, got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`);
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!OPTION_KEYS.includes(key)) throw new Error(`csv: unknown option ${show(key)} (the options are ${OPTION_KEYS.join(', ')})`);
  const bad = (name: string, expected: string): Error => new Error(`csv: option ${name} must be ${expected}, got ${given(o[name])}`);
  const isColumn = (v: unknown): boolean => typeof v === 'string' || Number.isInteger(v);
  if (o.header !== undefined && typeof o.header !== 'boolean' && o.header !== 'auto') throw bad('header', "true, false or 'auto'");
  if (o.label !== undefined && !isColumn(o.label)) throw bad('label', 'a column name or an integer index');
  if (o.features !== undefined && (!Array.isArray(o.features) || !o.features.every(isColumn))) throw bad('features', 'a list of column names or integer indices');
  if (o.delimiter !== undefined && (typeof o.delimiter !== 'string' || o.delimiter.length !== 1 || '"\r\n'.includes(o.delimiter))) throw bad('delimiter', "one character other than '\"' and line breaks");
  if (o.labelType !== undefined && !['auto', 'int', 'float'].includes(o.labelType as string)) throw bad('labelType', "'auto', 'int' or 'float'");
  if (o.classes !== undefined) {
    if (!Array.isArray(o.classes) || !o.classes.length || !o.classes.every((c) => typeof c === 'string')) throw bad('classes', 'a non-empty list of strings');
    const seen = new Set<string>();
    for (const name of o.classes as string[]) {
      if (seen.has(name)) throw new Error(`csv: option classes names ${show(name)} twice; each class needs one index`);
      seen.add(name);
    }
    if (o.labelType === 'float') throw new Error("csv: options classes and labelType 'float' disagree: named classes are int32 indices");
  }
}

/** Refuses a header that names one column twice (a column by name would be ambiguous). */
function checkHeader(header: readonly string[], line: number): void {
  const seen = new Map<string, number>();
  header.forEach((name, c) => {
    const first = seen.get(name);
    if (first !== undefined) throw new Error(`csv: line ${line}, column ${c + 1}: the header name ${show(name)} is also column ${first + 1}'s; each column needs its own name`);
    seen.set(name, c);
  });
}

/**
 * Splits CSV text into a header and rows of fields (RFC 4180; CRLF, LF or CR line breaks; a BOM
 * ignored), skipping blank lines. Every row must have as many fields as the first.
 */
export function parseCsv(text: string, options: Pick<CsvOptions, 'header' | 'delimiter'> = {}): CsvTable {
  checkOptions(options);
  if (typeof text !== 'string') throw new Error(`csv: expected the CSV text as a string, got ${given(text)}`);
  const { header = 'auto', delimiter = ',' } = options;
  const rows: string[][] = [];
  const lines: number[] = [];
  const at: Cursor = { text, delimiter: delimiter.charCodeAt(0), i: text.charCodeAt(0) === 0xfeff ? 1 : 0, line: 1 };
  while (at.i < text.length) {
    const line = at.line;
    const fields: string[] = [];
    if (record(at, fields)) continue;
    const width = rows.length ? rows[0]!.length : fields.length;
    if (fields.length !== width) throw new Error(`csv: line ${line}, column ${Math.min(fields.length, width) + 1}: the row has ${fields.length} fields, expected ${width} (as on line ${lines[0]})`);
    rows.push(fields);
    lines.push(line);
  }
  if (!rows.length) throw new Error('csv: the text is empty (no rows), expected a header and/or rows of numbers');
  const hasHeader = header === 'auto' ? rows[0]!.some((cell) => decimal(cell) === undefined) : header;
  if (!hasHeader) return { header: undefined, rows, lines };
  const names = rows[0]!.map((h) => h.trim());
  checkHeader(names, lines[0]!);
  return { header: names, rows: rows.slice(1), lines: lines.slice(1) };
}

/** Names for a message, cut short (about 100 characters) when they are many or long. */
function namesOf(names: readonly string[]): string {
  let out = '';
  for (let i = 0; i < names.length; i++) {
    if (out.length > 60) return `${out}, ... (${names.length} in all)`;
    out += `${i ? ', ' : ''}${show(names[i]!)}`;
  }
  return out;
}

/** The zero-based index of a column given by name or (possibly negative) index. */
function columnIndex(which: string | number, table: CsvTable, width: number, role: string): number {
  if (typeof which === 'string') {
    const at = table.header?.indexOf(which) ?? -1;
    if (at < 0) {
      throw new Error(table.header ? `csv: no ${role} column named ${show(which)} (columns: ${namesOf(table.header)})` : `csv: ${role} column ${show(which)} given by name, but the CSV has no header; give an index in 0..${width - 1}`);
    }
    return at;
  }
  const at = which < 0 ? width + which : which;
  if (at < 0 || at >= width) throw new Error(`csv: ${role} column ${which} is out of range for ${width} columns`);
  return at;
}

/** "column 3 ('age')", for errors. */
const describeColumn = (c: number, table: CsvTable): string => `column ${c + 1}${table.header ? ` (${show(table.header[c]!).replace(/^"|"$/g, "'")})` : ''}`;

/** The feature columns: as given (each once, never the label), or every column but the label. */
function featureColumns(options: CsvOptions, table: CsvTable, width: number, labelAt: number): number[] {
  if (!options.features) return Array.from({ length: width }, (_, c) => c).filter((c) => c !== labelAt);
  const at = options.features.map((f) => columnIndex(f, table, width, 'feature'));
  at.forEach((c, i) => {
    if (c === labelAt) throw new Error(`csv: ${describeColumn(c, table)} is the label and cannot also be a feature (the model would be given its answer)`);
    if (at.indexOf(c) !== i) throw new Error(`csv: ${describeColumn(c, table)} is given twice in features`);
  });
  return at;
}

/** Where a cell is, and the phrase "line 3, column 2 ('y')" for errors about it. */
const where = (table: CsvTable, row: number, c: number): string => `csv: line ${table.lines[row]}, ${describeColumn(c, table)}`;

/** A cell as a number in decimal notation that fits float32, or an error naming where it is. */
function parseNumber(table: CsvTable, row: number, c: number, what: string): number {
  const cell = table.rows[row]![c]!;
  const v = decimal(cell);
  if (v === undefined) throw new Error(`${where(table, row, c)}: expected ${what} in decimal notation, found ${cell.trim() === '' ? 'an empty cell' : show(cell)}`);
  if (Math.abs(v) > FLOAT32_MAX && !Number.isFinite(Math.fround(v))) throw new Error(`${where(table, row, c)}: ${show(cell.trim())} does not fit in float32 (largest magnitude ${FLOAT32_MAX})`);
  return v;
}

function parseLabels(table: CsvTable, c: number, { labelType = 'auto', classes }: CsvOptions): Int32Array | Float32Array {
  const n = table.rows.length;
  if (classes) {
    const index = new Map(classes.map((name, k) => [name, k]));
    const out = new Int32Array(n);
    for (let row = 0; row < n; row++) {
      const k = index.get(table.rows[row]![c]!.trim());
      if (k === undefined) throw new Error(`${where(table, row, c)}: label ${show(table.rows[row]![c]!)} is not one of the classes (${namesOf(classes)})`);
      out[row] = k;
    }
    return out;
  }
  const values = new Float64Array(n);
  let fraction = -1; // the first row whose label is not an integer
  for (let row = 0; row < n; row++) {
    values[row] = parseNumber(table, row, c, labelType === 'int' ? 'an integer class label' : 'a numeric label');
    if (fraction < 0 && !Number.isInteger(values[row])) fraction = row;
  }
  if (labelType === 'int' && fraction >= 0) throw new Error(`${where(table, fraction, c)}: expected an integer class label, found ${show(table.rows[fraction]![c]!)}`);
  if (labelType === 'float' || fraction >= 0) return Float32Array.from(values);
  for (let row = 0; row < n; row++) {
    if (values[row]! < INT32_MIN || values[row]! > INT32_MAX) {
      throw new Error(`${where(table, row, c)}: integer label ${show(table.rows[row]![c]!.trim())} does not fit in int32 (${INT32_MIN}..${INT32_MAX}); for regression targets give labelType: 'float'`);
    }
  }
  return Int32Array.from(values);
}

/**
 * A dataset from CSV text: numeric feature columns as float32 [F] features, and a label column
 * as int32 class indices (or float32 [1] targets). For example, with a header
 * `x,y,class`: `fromCsv(text, { label: 'class' })`.
 */
export function fromCsv(text: string, options: CsvOptions = {}): Dataset {
  const table = parseCsv(text, options);
  const width = table.header?.length ?? table.rows[0]?.length ?? 0;
  if (!table.rows.length) throw new Error(`csv: the header (${namesOf(table.header!)}) has no data rows after it`);
  const labelAt = columnIndex(options.label ?? -1, table, width, 'label');
  const featureAt = featureColumns(options, table, width, labelAt);
  if (!featureAt.length) throw new Error(`csv: no feature columns (the only column is the label, ${describeColumn(labelAt, table)})`);
  const features = new Float32Array(table.rows.length * featureAt.length);
  for (let row = 0; row < table.rows.length; row++) {
    for (let j = 0; j < featureAt.length; j++) features[row * featureAt.length + j] = parseNumber(table, row, featureAt[j]!, 'a number');
  }
  const labels = parseLabels(table, labelAt, options);
  return new Dataset({ values: features, sampleShape: [featureAt.length] }, { values: labels, sampleShape: labels instanceof Int32Array ? [] : [1] });
}
