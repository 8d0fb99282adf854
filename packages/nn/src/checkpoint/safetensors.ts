// The safetensors format (huggingface/safetensors): an 8-byte little-endian header length N,
// N bytes of UTF-8 JSON (name -> {dtype, shape, data_offsets}, plus "__metadata__"), padded with
// spaces to a multiple of 8, then the raw little-endian data. Decoding validates everything.
import { problemsError } from './problems.js';

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
const fmt = (shape: readonly number[]): string => `[${shape.join(',')}]`;

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
    if (name === '__metadata__') problems.push(`'${name}': the name is reserved for metadata`);
    if (seen.has(name)) problems.push(`'${name}': the name is given twice`);
    seen.add(name);
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (t.shape.some((d) => !Number.isInteger(d) || d < 0) || size !== t.values.length) problems.push(`'${name}': shape ${fmt(t.shape)} does not hold its ${t.values.length} values`);
  }
  for (const [k, v] of Object.entries(metadata)) if (typeof v !== 'string') problems.push(`metadata '${k}' is a ${typeof v}, the format allows only strings`);
  if (problems.length) throw problemsError('safetensors: cannot write', problems);
}

/**
 * Serialises tensors and string metadata as the reference does: tensors sorted by dtype
 * (descending, which keeps every tensor aligned) then by name, "__metadata__" first, compact
 * JSON, header padded with spaces to a multiple of 8.
 */
export function encodeSafetensors(tensors: Iterable<readonly [string, TensorToWrite]>, metadata: Readonly<Record<string, string>> = {}): ArrayBuffer {
  const entries = [...tensors];
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

/** Reads the length prefix and the JSON header; any failure here is fatal. */
function readHeader(bytes: Uint8Array, maxHeaderBytes: number): { header: Record<string, unknown>; dataStart: number } {
  if (bytes.length < 8) throw new Error(`safetensors: the buffer is ${bytes.length} bytes, too short for the 8-byte header length (truncated or not a safetensors file)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
  const n = view.getUint32(4, true) * 2 ** 32 + view.getUint32(0, true);
  if (n > maxHeaderBytes) throw new Error(`safetensors: the header length says ${n} bytes, more than the ${maxHeaderBytes}-byte limit (corrupt or not a safetensors file)`);
  if (8 + n > bytes.length) throw new Error(`safetensors: the header length says ${n} bytes, but only ${bytes.length - 8} follow it (truncated)`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n));
  } catch {
    throw new Error(`safetensors: the ${n}-byte header is not valid UTF-8 (corrupt)`);
  }
  if (!text.startsWith('{')) throw new Error(`safetensors: the header must be a JSON object starting with '{', found ${JSON.stringify(text.slice(0, 20))}`);
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    throw new Error(`safetensors: the header is not valid JSON (${(e as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new Error('safetensors: the header must be a JSON object');
  return { header: header as Record<string, unknown>, dataStart: 8 + n };
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Checks one tensor's entry, adding what is wrong to `problems` and valid offsets to `spans`; returns its parts when usable. */
interface Span {
  name: string;
  begin: number;
  end: number;
}

function checkEntry(name: string, raw: unknown, problems: string[], spans: Span[]): { dtype: SafetensorsDType; shape: number[]; begin: number; end: number } | undefined {
  const e = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown } | null;
  if (typeof e !== 'object' || e === null) return void problems.push(`'${name}': expected {dtype, shape, data_offsets}, found ${JSON.stringify(raw)}`);
  const before = problems.length;
  if (!isDType(e.dtype)) problems.push(`'${name}': unknown dtype ${JSON.stringify(e.dtype)} (the format has ${SAFETENSORS_DTYPES.join(', ')})`);
  if (!Array.isArray(e.shape) || !e.shape.every(isCount)) problems.push(`'${name}': shape must be a list of non-negative integers, found ${JSON.stringify(e.shape)}`);
  const offsets = e.data_offsets;
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
    problems.push(`'${name}': data_offsets must be [begin, end] with 0 <= begin <= end, found ${JSON.stringify(offsets)}`);
  } else spans.push({ name, begin: offsets[0] as number, end: offsets[1] as number });
  if (problems.length > before) return undefined;
  const [dtype, shape, [begin, end]] = [e.dtype as SafetensorsDType, e.shape as number[], offsets as [number, number]];
  const bytes = shape.reduce((a, b) => a * b, 1) * BYTES[dtype];
  if (!Number.isSafeInteger(bytes)) return void problems.push(`'${name}': shape ${fmt(shape)} is too large to address`);
  if (end - begin !== bytes) return void problems.push(`'${name}': ${dtype} ${fmt(shape)} needs ${bytes} bytes, data_offsets [${begin},${end}] hold ${end - begin}`);
  return { dtype, shape, begin, end };
}

/** Checks that the tensors tile the data exactly: no overlap, no gap, nothing past or after the end. */
function checkLayout(entries: readonly Span[], dataLength: number, problems: string[]): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let end = 0;
  let last = '';
  for (const t of sorted) {
    if (t.end > dataLength) problems.push(`'${t.name}': data_offsets [${t.begin},${t.end}] run past the ${dataLength} bytes of data (truncated?)`);
    if (t.begin < end) problems.push(`'${t.name}': data_offsets [${t.begin},${t.end}] overlap '${last}' (which ends at ${end})`);
    else if (t.begin > end) problems.push(`bytes [${end},${t.begin}) of the data belong to no tensor (a gap before '${t.name}')`);
    if (t.end >= end) [end, last] = [t.end, t.name];
  }
  if (end < dataLength) problems.push(`${dataLength - end} bytes after the last tensor belong to no tensor`);
}

/**
 * Parses and validates a safetensors buffer. Every problem found (header, dtypes, shapes,
 * offsets, metadata) is listed in one Error; nothing is returned unless all is well.
 */
export function decodeSafetensors(buffer: ArrayBuffer | Uint8Array, { maxHeaderBytes = MAX_HEADER_BYTES } = {}): SafetensorsFile {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  const { header, dataStart } = readHeader(bytes, maxHeaderBytes);
  const problems: string[] = [];
  const metadata: Record<string, string> = {};
  const raw = header.__metadata__;
  if (raw !== undefined) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) problems.push(`__metadata__ must be an object of strings, found ${JSON.stringify(raw)}`);
    else for (const [k, v] of Object.entries(raw)) typeof v === 'string' ? (metadata[k] = v) : problems.push(`__metadata__ '${k}' must be a string, found ${JSON.stringify(v)}`);
  }
  const entries: { name: string; dtype: SafetensorsDType; shape: number[]; begin: number; end: number }[] = [];
  const spans: Span[] = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const entry = checkEntry(name, value, problems, spans);
    if (entry) entries.push({ name, ...entry });
  }
  checkLayout(spans, bytes.length - dataStart, problems);
  if (problems.length) throw problemsError('safetensors: invalid file', problems);
  entries.sort((a, b) => a.begin - b.begin);
  const tensors = new Map(entries.map((e): [string, TensorRead] => [e.name, { dtype: e.dtype, shape: e.shape, bytes: bytes.subarray(dataStart + e.begin, dataStart + e.end) }]));
  return { tensors, metadata };
}
