// The safetensors format (huggingface/safetensors): an 8-byte little-endian header length N,
// N bytes of UTF-8 JSON (name -> {dtype, shape, data_offsets}, plus "__metadata__"), padded with
// spaces to a multiple of 8, then the raw little-endian data. Decoding validates everything.
import { MAX_HEADER_DEPTH, MAX_HEADER_TOKENS, scanHeader } from './header-scan.js';
import { clip, excerpt, fmtShape as fmt, problemsError, quoteName as q } from './problems.js';

/** Every dtype the format defines, in the reference's enum order (files sort tensors by it, descending). */
export const SAFETENSORS_DTYPES = ['BOOL', 'U8', 'I8', 'F8_E5M2', 'F8_E4M3', 'I16', 'U16', 'F16', 'BF16', 'I32', 'U32', 'F32', 'F64', 'I64', 'U64'] as const;
/** A safetensors dtype name. */
export type SafetensorsDType = (typeof SAFETENSORS_DTYPES)[number];

const BYTES: Record<SafetensorsDType, number> = { BOOL: 1, U8: 1, I8: 1, F8_E5M2: 1, F8_E4M3: 1, I16: 2, U16: 2, F16: 2, BF16: 2, I32: 4, U32: 4, F32: 4, F64: 8, I64: 8, U64: 8 };

/** The reference reader's limit on the header (100 MB): larger is taken as corrupt. */
export const MAX_HEADER_BYTES = 100_000_000;

/** A tensor to write: F32, I32 or BOOL values, row-major. */
export interface TensorToWrite {
  readonly dtype: 'F32' | 'I32' | 'BOOL';
  readonly shape: readonly number[];
  readonly values: ArrayLike<number>;
}

/** A tensor read from a file: its dtype and shape as declared, and a view of its bytes. */
export interface TensorRead {
  readonly dtype: SafetensorsDType;
  readonly shape: readonly number[];
  readonly bytes: Uint8Array;
}

/** A decoded file: tensors in data order, and the string metadata. */
export interface SafetensorsFile {
  readonly tensors: ReadonlyMap<string, TensorRead>;
  readonly metadata: Readonly<Record<string, string>>;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const isDType = (d: unknown): d is SafetensorsDType => typeof d === 'string' && (SAFETENSORS_DTYPES as readonly string[]).includes(d);

/** Writes `values` as little-endian `dtype` into `out` at `offset`. */
function writeValues(out: DataView, offset: number, { dtype, values }: TensorToWrite): void {
  const n = values.length;
  if (dtype === 'BOOL') for (let i = 0; i < n; i++) out.setUint8(offset + i, values[i] ? 1 : 0);
  else if (LITTLE_ENDIAN) {
    const typed = dtype === 'F32' ? Float32Array.from(values) : Int32Array.from(values);
    new Uint8Array(out.buffer, offset, typed.byteLength).set(new Uint8Array(typed.buffer));
  } else if (dtype === 'F32') for (let i = 0; i < n; i++) out.setFloat32(offset + 4 * i, values[i]!, true);
  else for (let i = 0; i < n; i++) out.setInt32(offset + 4 * i, values[i]!, true);
}

function checkToWrite(entries: readonly (readonly [string, TensorToWrite])[], metadata: Readonly<Record<string, string>>): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [name, t] of entries) {
    if (name === '__metadata__') problems.push(`${q(name)}: the name is reserved for metadata`);
    if (seen.has(name)) problems.push(`${q(name)}: the name is given twice`);
    seen.add(name);
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (t.shape.some((d) => !Number.isInteger(d) || d < 0) || size !== t.values.length) problems.push(`${q(name)}: shape ${fmt(t.shape)} does not hold its ${t.values.length} values`);
  }
  for (const [k, v] of Object.entries(metadata)) if (typeof v !== 'string') problems.push(`metadata ${q(k)} is a ${typeof v}, the format allows only strings`);
  if (problems.length) throw problemsError('safetensors: cannot write', problems);
}

/**
 * Serialises tensors and string metadata as the reference does: tensors sorted by dtype
 * (descending, which keeps every tensor aligned) then by name, "__metadata__" first, compact
 * JSON, header padded with spaces to a multiple of 8.
 */
export function encodeSafetensors(tensors: Iterable<readonly [string, TensorToWrite]>, metadata: Readonly<Record<string, string>> = {}): ArrayBuffer {
  const entries = Array.from(tensors);
  checkToWrite(entries, metadata);
  const rank = (d: SafetensorsDType): number => SAFETENSORS_DTYPES.indexOf(d);
  entries.sort(([a, x], [b, y]) => rank(y.dtype) - rank(x.dtype) || (a < b ? -1 : a > b ? 1 : 0));
  // The JSON is built by hand so that keys keep this order (a JS object puts "0", "1" first).
  const parts = Object.keys(metadata).length ? [`"__metadata__":${JSON.stringify(metadata)}`] : [];
  const begins: number[] = [];
  let offset = 0;
  for (const [name, t] of entries) {
    begins.push(offset);
    const end = offset + t.values.length * BYTES[t.dtype];
    parts.push(`${JSON.stringify(name)}:${JSON.stringify({ dtype: t.dtype, shape: t.shape, data_offsets: [offset, end] })}`);
    offset = end;
  }
  const json = new TextEncoder().encode(`{${parts.join(',')}}`);
  const header = new Uint8Array(Math.ceil(json.length / 8) * 8).fill(0x20); // space padding
  header.set(json);
  const out = new ArrayBuffer(8 + header.length + offset);
  const view = new DataView(out);
  view.setUint32(0, header.length, true); // the high 32 bits stay 0: headers are far below 4 GB
  new Uint8Array(out, 8, header.length).set(header);
  entries.forEach(([, t], i) => writeValues(view, 8 + header.length + begins[i]!, t));
  return out;
}

/** Limits of {@link decodeSafetensors}; the defaults take any real file and refuse hostile ones in milliseconds. */
export interface DecodeOptions {
  /** Largest header accepted, in bytes (default {@link MAX_HEADER_BYTES}). */
  maxHeaderBytes?: number;
  /** Most values (strings, numbers, objects, lists) in the header (default {@link MAX_HEADER_TOKENS}; a quarter of it for objects and lists); counted before parsing. */
  maxHeaderTokens?: number;
}

/** The bytes of any ArrayBuffer or view (a Node Buffer is a view into a larger pool) as a plain Uint8Array over exactly them. */
function asBytes(buffer: unknown): Uint8Array {
  try {
    if (ArrayBuffer.isView(buffer)) return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    const tag = Object.prototype.toString.call(buffer);
    if (tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]') return new Uint8Array(buffer as ArrayBuffer);
  } catch {
    throw new Error('safetensors: the buffer is detached (it was transferred to another thread?); pass the bytes before transferring them');
  }
  const kind = buffer === null ? 'null' : typeof buffer === 'object' ? Object.prototype.toString.call(buffer).slice(8, -1) : typeof buffer;
  throw new Error(`safetensors: expected the file's bytes as an ArrayBuffer or a Uint8Array (a Node Buffer will do), got ${clip(kind)}`);
}

/** Reads the length prefix and the JSON header; any failure here is fatal. Returns the header and the keys given twice. */
function readHeader(bytes: Uint8Array, maxHeaderBytes: number, maxTokens: number): { header: Record<string, unknown>; dataStart: number; duplicates: string[] } {
  if (bytes.length < 8) throw new Error(`safetensors: the buffer is ${bytes.length} bytes, too short for the 8-byte header length (truncated or not a safetensors file)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
  const n = view.getUint32(4, true) * 2 ** 32 + view.getUint32(0, true);
  if (n > maxHeaderBytes) throw new Error(`safetensors: the header length says ${n} bytes, more than the ${maxHeaderBytes}-byte limit (corrupt or not a safetensors file)`);
  if (8 + n > bytes.length) throw new Error(`safetensors: the header length says ${n} bytes, but only ${bytes.length - 8} follow it (truncated)`);
  const raw = bytes.subarray(8, 8 + n);
  if (raw[0] !== 0x7b) throw new Error(`safetensors: the header must be a JSON object starting with '{', found ${JSON.stringify(clip(new TextDecoder().decode(raw.subarray(0, 24)), 20))}`);
  // Depth and size first: JSON.parse would take seconds and gigabytes, or overflow its stack.
  const duplicates = scanHeader(raw, { maxDepth: MAX_HEADER_DEPTH, maxTokens });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new Error(`safetensors: the ${n}-byte header is not valid UTF-8 (corrupt)`);
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    throw new Error(`safetensors: the header is not valid JSON (${clip(String((e as Error).message), 120)})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new Error('safetensors: the header must be a JSON object');
  return { header: header as Record<string, unknown>, dataStart: 8 + n, duplicates };
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
/** An own property of a parsed object (never one inherited from Object.prototype). */
const own = (o: object, key: string): unknown => (Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined);

/** Where a tensor says its bytes are. */
interface Span {
  name: string;
  begin: number;
  end: number;
}

/** A tensor's entry once checked. */
interface Entry extends Span {
  dtype: SafetensorsDType;
  shape: number[];
}

/** Bytes a tensor of this dtype and shape needs, or undefined past what can be addressed (2^53). */
function byteSize(dtype: SafetensorsDType, shape: readonly number[]): number | undefined {
  if (shape.includes(0)) return 0;
  let bytes = BYTES[dtype];
  for (const d of shape) {
    bytes *= d;
    if (!Number.isSafeInteger(bytes)) return undefined;
  }
  return bytes;
}

/** Checks one tensor's entry, adding what is wrong to `problems` and valid offsets to `spans`; returns it when usable. */
function checkEntry(name: string, raw: unknown, problems: string[], spans: Span[]): Entry | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return void problems.push(`${q(name)}: expected {dtype, shape, data_offsets}, found ${excerpt(raw)}`);
  const [dtype, shape, offsets] = [own(raw, 'dtype'), own(raw, 'shape'), own(raw, 'data_offsets')];
  const before = problems.length;
  if (!isDType(dtype)) problems.push(`${q(name)}: unknown dtype ${excerpt(dtype ?? null)} (the format has ${SAFETENSORS_DTYPES.join(', ')})`);
  if (!Array.isArray(shape) || !shape.every(isCount)) problems.push(`${q(name)}: shape must be a list of non-negative integers, found ${excerpt(shape ?? null)}`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
    problems.push(`${q(name)}: data_offsets must be [begin, end] with 0 <= begin <= end, found ${excerpt(offsets ?? null)}`);
  } else spans.push({ name, begin: offsets[0] as number, end: offsets[1] as number });
  if (problems.length > before) return undefined;
  const [begin, end] = offsets as [number, number];
  const bytes = byteSize(dtype as SafetensorsDType, shape as number[]);
  if (bytes === undefined) return void problems.push(`${q(name)}: shape ${fmt(shape as number[])} is too large to address`);
  if (end - begin !== bytes) return void problems.push(`${q(name)}: ${dtype} ${fmt(shape as number[])} needs ${bytes} bytes, data_offsets [${begin},${end}] hold ${end - begin}`);
  return { name, dtype: dtype as SafetensorsDType, shape: shape as number[], begin, end };
}

/** Checks that the tensors tile the data exactly: no overlap, no gap, nothing past or after the end. */
function checkLayout(entries: readonly Span[], dataLength: number, problems: string[]): void {
  const sorted = entries.slice().sort((a, b) => a.begin - b.begin || a.end - b.end);
  let end = 0;
  let last = '';
  for (const t of sorted) {
    if (t.end > dataLength) problems.push(`${q(t.name)}: data_offsets [${t.begin},${t.end}] run past the ${dataLength} bytes of data (truncated?)`);
    if (t.begin < end) problems.push(`${q(t.name)}: data_offsets [${t.begin},${t.end}] overlap ${q(last)} (which ends at ${end})`);
    else if (t.begin > end) problems.push(`bytes [${end},${t.begin}) of the data belong to no tensor (a gap before ${q(t.name)})`);
    if (t.end >= end) [end, last] = [t.end, t.name];
  }
  if (end < dataLength) problems.push(`${dataLength - end} bytes after the last tensor belong to no tensor`);
}

/** The string metadata, as own properties (a key named "__proto__" stays a key). */
function readMetadata(raw: unknown, problems: string[]): Record<string, string> {
  const metadata: Record<string, string> = {};
  if (raw === undefined) return metadata;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push(`__metadata__ must be an object of strings, found ${excerpt(raw)}`);
    return metadata;
  }
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string') Object.defineProperty(metadata, k, { value: v, enumerable: true, writable: true, configurable: true });
    else problems.push(`__metadata__ ${q(k)} must be a string, found ${excerpt(v)}`);
  }
  return metadata;
}

/**
 * Parses and validates a safetensors file given as an ArrayBuffer or any Uint8Array view (a Node
 * `Buffer` included; only its own bytes are read). Every problem found (header, duplicate names,
 * dtypes, shapes, offsets, metadata) is listed in one Error; nothing is returned unless all is
 * well. The header's size, depth and value count are bounded before it is parsed.
 */
export function decodeSafetensors(buffer: ArrayBuffer | Uint8Array, { maxHeaderBytes = MAX_HEADER_BYTES, maxHeaderTokens = MAX_HEADER_TOKENS }: DecodeOptions = {}): SafetensorsFile {
  const bytes = asBytes(buffer);
  const { header, dataStart, duplicates } = readHeader(bytes, maxHeaderBytes, maxHeaderTokens);
  // A key given twice makes the rest ambiguous (which entry was meant?): that alone is reported.
  if (duplicates.length) throw problemsError('safetensors: invalid file', duplicates);
  const problems: string[] = [];
  const metadata = readMetadata(own(header, '__metadata__'), problems);
  const entries: Entry[] = [];
  const spans: Span[] = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const entry = checkEntry(name, value, problems, spans);
    if (entry) entries.push(entry);
  }
  checkLayout(spans, bytes.length - dataStart, problems);
  if (problems.length) throw problemsError('safetensors: invalid file', problems);
  entries.sort((a, b) => a.begin - b.begin);
  const tensors = new Map(entries.map((e): [string, TensorRead] => [e.name, { dtype: e.dtype, shape: e.shape, bytes: bytes.subarray(dataStart + e.begin, dataStart + e.end) }]));
  return { tensors, metadata };
}
