// A linear scan of a safetensors header's bytes, run before JSON.parse: it refuses headers nested
// too deep or holding too many values (so a hostile header costs milliseconds, not seconds and
// gigabytes), and finds keys given twice, which JSON.parse would silently collapse to the last.
import { quoteName } from './problems.js';

/** Deepest nesting accepted in a header; a valid file needs 3 (header, entry, shape list). */
export const MAX_HEADER_DEPTH = 16;

/**
 * Most values (strings, numbers, literals, objects, lists) accepted in a header: about 80,000
 * tensors. At most a quarter of them may be objects and lists, which cost JSON.parse the most (a
 * valid file has 3 per tensor in about 12 values).
 */
export const MAX_HEADER_TOKENS = 1_000_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;

/** Bytes that end a bare value (number or literal): structure, quotes and JSON whitespace. */
const ENDS_SCALAR = new Uint8Array(256);
for (const c of [QUOTE, COMMA, COLON, OPEN_OBJECT, CLOSE_OBJECT, OPEN_LIST, CLOSE_LIST, 0x20, 0x09, 0x0a, 0x0d]) ENDS_SCALAR[c] = 1;
const IS_SPACE = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Index of the quote closing the string that opens at `start`, or `bytes.length` when it is not closed. */
function stringEnd(bytes: Uint8Array, start: number): number {
  let j = bytes.indexOf(QUOTE, start + 1);
  while (j >= 0) {
    let slashes = 0;
    while (bytes[j - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return j;
    j = bytes.indexOf(QUOTE, j + 1);
  }
  return bytes.length;
}

const utf8 = new TextDecoder();

/** The text of the JSON string token at [start, end]; undefined when its escapes are malformed (JSON.parse will say so). */
function keyText(bytes: Uint8Array, start: number, end: number): string | undefined {
  const inner = bytes.subarray(start + 1, end);
  if (!inner.includes(BACKSLASH)) return utf8.decode(inner);
  try {
    return JSON.parse(utf8.decode(bytes.subarray(start, end + 1))) as string;
  } catch {
    return undefined;
  }
}

/** Limits of {@link scanHeader}. */
export interface ScanLimits {
  maxDepth: number;
  maxTokens: number;
}

/**
 * Scans the header's JSON bytes once. Throws when it nests deeper than `maxDepth`, holds more
 * than `maxTokens` values or more than a quarter of that in objects and lists (each before the
 * excess is read further); returns a problem for each key given twice in one object of the top
 * two levels (deeper objects are invalid anyway). The scan does not check the syntax: JSON.parse
 * does, after it, and the duplicates found are only meaningful once the text has parsed.
 */
export function scanHeader(bytes: Uint8Array, { maxDepth, maxTokens }: ScanLimits): string[] {
  const duplicates: string[] = [];
  // Whether each open container is an object. Keys are tracked at the top (tensor names) and one
  // level in (an entry's fields, the metadata's keys), where only one object is open at a time:
  // so two sets serve the whole scan, and a million small objects cost no more than their bytes.
  const isObject: boolean[] = [];
  const names = new Set<string>();
  const fields = new Set<string>();
  let expectKey = false;
  let tensor = ''; // the top-level key the scan is inside, for messages
  let tokens = 0;
  let containers = 0;
  const maxContainers = Math.ceil(maxTokens / 4);
  const count = (at: number): void => {
    if (++tokens > maxTokens) throw new Error(`safetensors: the header holds more than ${maxTokens} values (at byte ${at} of ${bytes.length}); a safetensors header needs about 12 per tensor (corrupt or hostile file; raise maxHeaderTokens if it is real)`);
  };
  for (let i = 0; i < bytes.length; ) {
    const c = bytes[i]!;
    if (c === QUOTE) {
      const end = stringEnd(bytes, i);
      count(i);
      const depth = isObject.length;
      if (expectKey && depth <= 2) {
        const keys = depth === 1 ? names : fields;
        const key = keyText(bytes, i, end);
        if (key !== undefined && keys.has(key)) duplicates.push(depth === 1 ? `name ${quoteName(key)} is given twice in the header (JSON would keep only the last)` : `key ${quoteName(key)} is given twice in ${quoteName(tensor)}`);
        else if (key !== undefined) keys.add(key);
        if (depth === 1 && key !== undefined) tensor = key;
      }
      expectKey = false;
      i = end + 1;
    } else if (c === OPEN_OBJECT || c === OPEN_LIST) {
      count(i);
      if (++containers > maxContainers) throw new Error(`safetensors: the header holds more than ${maxContainers} objects and lists (at byte ${i} of ${bytes.length}); a safetensors header needs 3 per tensor (corrupt or hostile file; raise maxHeaderTokens if it is real)`);
      if (isObject.length >= maxDepth) throw new Error(`safetensors: the header nests deeper than ${maxDepth} levels (at byte ${i} of ${bytes.length}); a safetensors header needs 3 (corrupt or hostile file)`);
      isObject.push(c === OPEN_OBJECT);
      if (isObject.length === 2) fields.clear();
      expectKey = c === OPEN_OBJECT;
      i++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_LIST) {
      isObject.pop();
      expectKey = false;
      i++;
    } else if (c === COMMA) {
      expectKey = isObject.length > 0 && isObject[isObject.length - 1]!;
      i++;
    } else if (c === COLON || IS_SPACE(c)) i++;
    else {
      count(i);
      while (i < bytes.length && !ENDS_SCALAR[bytes[i]!]) i++;
    }
  }
  return duplicates;
}
