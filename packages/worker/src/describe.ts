// How a refused value is quoted in an error: short, whatever it is (a 30 MB string, a cyclic
// object, a typed array, a symbol), and never by running code the value carries (no toString).

const MAX_CHARS = 60;

function clip(text: string): string {
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
}

/** A short description of any value, for error messages: `"abc"`, `1e30`, `null`, `Float32Array(3)`, `an object`. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string': return value.length > MAX_CHARS ? `${JSON.stringify(value.slice(0, MAX_CHARS))}… (${value.length} characters)` : JSON.stringify(value);
    case 'number': return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint': return `${clip(String(value))}n`;
    case 'boolean': return String(value);
    case 'undefined': return 'undefined';
    case 'symbol': return 'a symbol';
    case 'function': return 'a function';
    default: break;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length <= 8 && value.every((v) => typeof v === 'number') ? `[${value.join(',')}]` : `an array of ${value.length}`;
  if (ArrayBuffer.isView(value)) return `${Object.prototype.toString.call(value).slice(8, -1)}(${(value as { length?: number }).length ?? value.byteLength})`;
  if (value instanceof ArrayBuffer) return `ArrayBuffer(${value.byteLength})`;
  return 'an object';
}

/** Throws a plain Error with `message`. */
export function fail(message: string): never {
  throw new Error(message);
}
