// The safetensors codec: byte-exact output for the reference implementation's own test cases,
// its ordering and padding rules, and a validating reader that lists every problem in a bad
// file and never crashes or hangs on corrupted bytes; hostile headers (deep, huge, duplicated)
// refused before JSON.parse, in milliseconds, with short messages; any byte view read in place.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Random } from '../deps.js';
import { CheckpointError } from './problems.js';
import { MAX_HEADER_DEPTH, MAX_HEADER_TOKENS } from './header-scan.js';
import { decodeSafetensors, encodeSafetensors, type TensorToWrite } from './safetensors.js';

/** A file assembled by hand: an 8-byte length, the header text as given, then the data. */
function rawFile(header: string, data: Uint8Array = new Uint8Array(0), length = new TextEncoder().encode(header).length): Uint8Array {
  const h = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + h.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(length), true);
  out.set(h, 8);
  out.set(data, 8 + h.length);
  return out;
}

const f32 = (...v: number[]): Uint8Array => new Uint8Array(Float32Array.from(v).buffer);
const problemsOf = (f: () => unknown): readonly string[] => {
  try {
    f();
  } catch (e) {
    if (e instanceof CheckpointError) return e.problems;
    return [(e as Error).message];
  }
  throw new Error('expected an error');
};

describe('encodeSafetensors', () => {
  it('writes what the reference writes for its own test tensors (no padding needed, and 7 spaces)', () => {
    const values = [0, 1, 2, 3, 4, 5];
    const a = new Uint8Array(encodeSafetensors([['attn.0', { dtype: 'F32', shape: [1, 2, 3], values }]]));
    expect(a).toEqual(rawFile('{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}', f32(...values)));
    expect(a[0]).toBe(64);
    const b = new Uint8Array(encodeSafetensors([['attn0', { dtype: 'F32', shape: [1, 1, 2, 3], values }]]));
    expect(b).toEqual(rawFile('{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}       ', f32(...values)));
    expect(b[0]).toBe(72);
  });

  it('writes an empty file and metadata as the reference does', () => {
    expect(Array.from(new Uint8Array(encodeSafetensors([])))).toEqual([8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32]);
    expect(new Uint8Array(encodeSafetensors([], { framework: 'pt' }))).toEqual(rawFile('{"__metadata__":{"framework":"pt"}}     '));
  });

  it('orders tensors by dtype (F32, I32, BOOL) then name, keeping numeric-looking names in that order', () => {
    const t = (dtype: TensorToWrite['dtype'], n = 1): TensorToWrite => ({ dtype, shape: [n], values: new Array<number>(n).fill(1) });
    const file = decodeSafetensors(encodeSafetensors([['mask', t('BOOL', 3)], ['b', t('F32')], ['2', t('I32')], ['10', t('I32')], ['a', t('F32')]]));
    expect([...file.tensors.keys()]).toEqual(['a', 'b', '10', '2', 'mask']);
    const header = new TextDecoder().decode(new Uint8Array(encodeSafetensors([['2', t('F32')], ['10', t('F32')]])).subarray(8));
    expect(header.indexOf('"10"')).toBeLessThan(header.indexOf('"2"'));
  });

  it('round-trips F32, I32 and BOOL values with their shapes and metadata, scalars and empty tensors too', () => {
    const file = decodeSafetensors(encodeSafetensors([
      ['w', { dtype: 'F32', shape: [2, 2], values: [1.5, -2, 3e-8, Infinity] }],
      ['n', { dtype: 'I32', shape: [], values: [-7] }],
      ['m', { dtype: 'BOOL', shape: [3], values: [1, 0, 1] }],
      ['e', { dtype: 'F32', shape: [0, 4], values: [] }],
    ], { step: '3' }));
    expect(file.metadata).toEqual({ step: '3' });
    expect(Array.from(new Float32Array(file.tensors.get('w')!.bytes.slice().buffer))).toEqual([1.5, -2, Math.fround(3e-8), Infinity]);
    expect(new DataView(file.tensors.get('n')!.bytes.slice().buffer).getInt32(0, true)).toBe(-7);
    expect(Array.from(file.tensors.get('m')!.bytes)).toEqual([1, 0, 1]);
    expect(file.tensors.get('e')!.shape).toEqual([0, 4]);
  });

  it('refuses reserved or repeated names, values that do not fill the shape, and non-string metadata', () => {
    const one: TensorToWrite = { dtype: 'F32', shape: [1], values: [1] };
    expect(problemsOf(() => encodeSafetensors([['__metadata__', one], ['x', one], ['x', { ...one, shape: [2] }]], { n: 1 as unknown as string }))).toEqual([
      `'__metadata__': the name is reserved for metadata`,
      `'x': the name is given twice`,
      `'x': shape [2] does not hold its 1 values`,
      `metadata 'n' is a number, the format allows only strings`,
    ]);
  });
});

const good = encodeSafetensors([['a', { dtype: 'F32', shape: [2], values: [1, 2] }], ['b', { dtype: 'I32', shape: [1], values: [3] }]], { k: 'v' });

describe('decodeSafetensors on bad input', () => {

  it('reports a truncated buffer, a header past the end, and an oversized header before reading it', () => {
    expect(problemsOf(() => decodeSafetensors(new Uint8Array(5)))).toEqual(['safetensors: the buffer is 5 bytes, too short for the 8-byte header length (truncated or not a safetensors file)']);
    expect(problemsOf(() => decodeSafetensors(good.slice(0, 20)))[0]).toMatch(/the header length says \d+ bytes, but only 12 follow it \(truncated\)/);
    expect(problemsOf(() => decodeSafetensors(rawFile('{}', undefined, 200_000_000)))[0]).toBe('safetensors: the header length says 200000000 bytes, more than the 100000000-byte limit (corrupt or not a safetensors file)');
    const huge = rawFile('{}');
    new DataView(huge.buffer).setUint32(4, 0xffffffff, true);
    expect(problemsOf(() => decodeSafetensors(huge))[0]).toMatch(/more than the 100000000-byte limit/);
  });

  it('reports a header that is not UTF-8, not JSON, or not an object', () => {
    const bad = rawFile('{"a"}');
    bad[9] = 0xff;
    expect(problemsOf(() => decodeSafetensors(bad))[0]).toBe('safetensors: the 5-byte header is not valid UTF-8 (corrupt)');
    expect(problemsOf(() => decodeSafetensors(rawFile('{"a":')))[0]).toMatch(/^safetensors: the header is not valid JSON/);
    expect(problemsOf(() => decodeSafetensors(rawFile('[1,2]')))[0]).toBe(`safetensors: the header must be a JSON object starting with '{', found "[1,2]"`);
  });

  it('lists every bad entry at once: dtype, shape, offsets, sizes and metadata', () => {
    const header = JSON.stringify({
      __metadata__: { step: 3 },
      a: { dtype: 'F42', shape: [1], data_offsets: [0, 4] },
      b: { dtype: 'F32', shape: [-1], data_offsets: [4, 8] },
      c: { dtype: 'F32', shape: [2], data_offsets: [8, 4] },
      d: { dtype: 'F32', shape: [3], data_offsets: [8, 16] },
      e: 'nope',
    });
    expect(problemsOf(() => decodeSafetensors(rawFile(header, new Uint8Array(16))))).toEqual([
      `__metadata__ 'step' must be a string, found 3`,
      `'a': unknown dtype "F42" (the format has BOOL, U8, I8, F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64)`,
      `'b': shape must be a list of non-negative integers, found [-1]`,
      `'c': data_offsets must be [begin, end] with 0 <= begin <= end, found [8,4]`,
      `'d': F32 [3] needs 12 bytes, data_offsets [8,16] hold 8`,
      `'e': expected {dtype, shape, data_offsets}, found "nope"`,
    ]);
    const gap = JSON.stringify({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] }, b: { dtype: 'F32', shape: [1], data_offsets: [8, 12] } });
    expect(problemsOf(() => decodeSafetensors(rawFile(gap, new Uint8Array(12))))).toEqual([`bytes [4,8) of the data belong to no tensor (a gap before 'b')`]);
  });

  it('reports overlapping offsets, offsets past the data, and trailing bytes', () => {
    const entry = (begin: number) => ({ dtype: 'F32', shape: [1], data_offsets: [begin, begin + 4] });
    expect(problemsOf(() => decodeSafetensors(rawFile(JSON.stringify({ a: entry(0), b: entry(0), c: entry(4) }), new Uint8Array(8))))).toEqual([`'b': data_offsets [0,4] overlap 'a' (which ends at 4)`]);
    expect(problemsOf(() => decodeSafetensors(rawFile(JSON.stringify({ a: entry(0), b: entry(4) }), new Uint8Array(6))))).toEqual([`'b': data_offsets [4,8] run past the 6 bytes of data (truncated?)`]);
    expect(problemsOf(() => decodeSafetensors(rawFile(JSON.stringify({ a: entry(0) }), new Uint8Array(9))))).toEqual(['5 bytes after the last tensor belong to no tensor']);
    expect(problemsOf(() => decodeSafetensors(rawFile(JSON.stringify({ a: { dtype: 'F32', shape: [2 ** 40, 2 ** 40], data_offsets: [0, 4] } }), new Uint8Array(4))))).toEqual([`'a': shape [1099511627776,1099511627776] is too large to address`]);
  });

  it('accepts files in any key order, tensors given out of offset order', () => {
    const file = decodeSafetensors(rawFile(JSON.stringify({ z: { dtype: 'U8', shape: [1], data_offsets: [4, 5] }, a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }), new Uint8Array(5)));
    expect([...file.tensors.keys()]).toEqual(['a', 'z']);
  });

  it('never crashes or hangs on a thousand random corruptions of a good file: it decodes or throws an Error', () => {
    const bytes = new Uint8Array(good);
    const rng = new Random(1);
    let failures = 0;
    for (let trial = 0; trial < 1000; trial++) {
      const copy = bytes.slice(0, trial % 3 === 0 ? Math.floor(rng.uniform() * bytes.length) : bytes.length);
      for (let k = 0; k < 3; k++) copy[Math.floor(rng.uniform() * copy.length)] = Math.floor(rng.uniform() * 256);
      try {
        decodeSafetensors(copy);
      } catch (e) {
        expect(e).toBeInstanceOf(Error);
        expect((e as Error).message).toMatch(/^safetensors: /);
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(500);
  });
});

/** The one error `f` throws, checked to be ours: an Error or CheckpointError (never a TypeError or RangeError), with a short message. */
function refusal(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    expect([Error, CheckpointError]).toContain((e as Error).constructor);
    return e as Error;
  }
  throw new Error('expected an error');
}

/** Milliseconds `f` takes. */
function timed(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

describe('decodeSafetensors on hostile headers', () => {
  afterEach(() => vi.restoreAllMocks());

  it('refuses a header nested 5,000 (or 4 million) levels before JSON.parse sees it, with a short message', () => {
    const parse = vi.spyOn(JSON, 'parse');
    for (const depth of [5_000, 4_000_000]) {
      const file = rawFile(`{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`);
      let message = '';
      expect(timed(() => (message = refusal(() => decodeSafetensors(file)).message))).toBeLessThan(200);
      expect(message).toMatch(new RegExp(`^safetensors: the header nests deeper than ${MAX_HEADER_DEPTH} levels \\(at byte ${MAX_HEADER_DEPTH + 4} of \\d+\\); a safetensors header needs 3`));
      expect(message.length).toBeLessThan(300);
    }
    expect(parse).not.toHaveBeenCalled();
  });

  it('refuses a 30 MB header of many lists, or of many numbers, in milliseconds before parsing it (it took 23 s and 1.9 GB)', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const file = rawFile(`{"a":[${'[[[[[[[[[1]]]]]]]]],'.repeat(1_500_000)}0]}`);
    expect(file.length).toBeGreaterThan(30e6);
    let message = '';
    expect(timed(() => (message = refusal(() => decodeSafetensors(file)).message))).toBeLessThan(500);
    expect(message).toMatch(new RegExp(`^safetensors: the header holds more than ${MAX_HEADER_TOKENS / 4} objects and lists \\(at byte \\d+ of 3\\d{7}\\)`));
    const flat = rawFile(`{"a":[${'1,'.repeat(15_000_000)}1]}`); // 30 MB of numbers
    expect(timed(() => (message = refusal(() => decodeSafetensors(flat)).message))).toBeLessThan(500);
    expect(message).toMatch(new RegExp(`^safetensors: the header holds more than ${MAX_HEADER_TOKENS} values \\(at byte \\d+ of 3\\d{7}\\)`));
    expect(parse).not.toHaveBeenCalled();
    expect(refusal(() => decodeSafetensors(good, { maxHeaderTokens: 10 })).message).toMatch(/holds more than 10 values/);
    expect(decodeSafetensors(good, { maxHeaderTokens: 30 }).tensors.size).toBe(2); // 2 tensors and metadata: 29 values
  });

  it('quotes at most a short excerpt of a bad value or name, however large it is', () => {
    const big = 'x'.repeat(1_000_000);
    const header = JSON.stringify({ [big]: { dtype: big, shape: new Array(100_000).fill(1), data_offsets: [0, big.length] }, b: [big, big], __metadata__: { [big]: [big] } });
    const e = refusal(() => decodeSafetensors(rawFile(header))) as CheckpointError;
    expect(e.problems.length).toBe(4); // the dtype, 'b', the metadata value, and offsets past the end
    for (const p of e.problems) expect(p.length).toBeLessThan(300);
    expect(e.problems).toContain(`'b': expected {dtype, shape, data_offsets}, found ["${'x'.repeat(38)}...`);
    expect(e.problems).toContain(`'${'x'.repeat(40)}...': data_offsets [0,1000000] run past the 0 bytes of data (truncated?)`);
    expect(e.message.length).toBeLessThan(2_000);
    const many = JSON.stringify(Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`t${i}`, 0])));
    const listed = refusal(() => decodeSafetensors(rawFile(many))) as CheckpointError;
    expect(listed.problems.length).toBe(500);
    expect(listed.message).toMatch(/\(500 problems\):\n(  - .*\n){10}  - \.\.\. and 490 more \(see \.problems\)$/);
  });

  it('refuses a tensor name, metadata key or entry field given twice, escaped or not (JSON.parse keeps the last)', () => {
    const entry = (begin: number): string => `{"dtype":"U8","shape":[1],"data_offsets":[${begin},${begin + 1}]}`;
    expect(problemsOf(() => decodeSafetensors(rawFile(`{"a":${entry(0)},"b":${entry(1)},"a":${entry(1)}}`, new Uint8Array(2))))).toEqual([`name 'a' is given twice in the header (JSON would keep only the last)`]);
    expect(problemsOf(() => decodeSafetensors(rawFile(`{"w":${entry(0)},"\\u0077":${entry(0)}}`, new Uint8Array(1))))[0]).toBe(`name 'w' is given twice in the header (JSON would keep only the last)`);
    expect(problemsOf(() => decodeSafetensors(rawFile(`{"__metadata__":{"k":"1","k":"2"}}`)))).toEqual([`key 'k' is given twice in '__metadata__'`]);
    expect(problemsOf(() => decodeSafetensors(rawFile(`{"a":{"dtype":"U8","shape":[1],"dtype":"F32","data_offsets":[0,1]}}`, new Uint8Array(1))))).toEqual([`key 'dtype' is given twice in 'a'`]);
    // the same text inside values, or in sibling objects, is no duplicate
    expect(decodeSafetensors(rawFile(`{"a":${entry(0)},"b":${entry(1)},"__metadata__":{"a":"a","dtype":"x"}}`, new Uint8Array(2))).tensors.size).toBe(2);
  });

  it('keeps __proto__ and constructor as plain names and metadata keys', () => {
    const one: TensorToWrite = { dtype: 'U8' as 'BOOL', shape: [1], values: [1] };
    const metadata = JSON.parse('{"__proto__":"p","constructor":"c"}') as Record<string, string>;
    const file = decodeSafetensors(encodeSafetensors([['__proto__', { ...one, dtype: 'BOOL' }], ['constructor', { ...one, dtype: 'BOOL' }]], metadata));
    expect([...file.tensors.keys()]).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(file.metadata)).toBe(Object.prototype);
    expect(Object.entries(file.metadata)).toEqual([['__proto__', 'p'], ['constructor', 'c']]);
    expect(problemsOf(() => decodeSafetensors(rawFile('{"toString":{"__proto__":{"dtype":"U8"}}}')))[0]).toMatch(/^'toString': unknown dtype null/);
  });

  it('reads a file inside a larger buffer (a Node Buffer from the pool, an odd offset) at its own offset', () => {
    const pool = new Uint8Array(good.byteLength + 21).fill(0xab);
    pool.set(new Uint8Array(good), 13);
    for (const view of [pool.subarray(13, 13 + good.byteLength), Buffer.from(pool.buffer, 13, good.byteLength)]) {
      const file = decodeSafetensors(view);
      expect(Array.from(file.tensors.get('a')!.bytes)).toEqual(Array.from(f32(1, 2)));
      expect(file.tensors.get('a')!.bytes.constructor).toBe(Uint8Array);
      expect(file.metadata).toEqual({ k: 'v' });
    }
  });

  it('refuses what is not bytes, and a detached buffer, as Errors', () => {
    for (const bad of [null, undefined, 'text', 42, {}, [1, 2]]) expect(refusal(() => decodeSafetensors(bad as unknown as ArrayBuffer)).message).toMatch(/^safetensors: expected the file's bytes as an ArrayBuffer or a Uint8Array .*, got (null|undefined|string|number|Object|Array)$/);
    const detached = good.slice(0);
    structuredClone(detached, { transfer: [detached] });
    expect(refusal(() => decodeSafetensors(detached)).message).toMatch(/^safetensors: the buffer (is detached|is 0 bytes)/);
  });

  it('names unknown dtypes, shapes that disagree with their bytes, and offsets past the end, overlapping or leaving gaps', () => {
    const t = (dtype: string, shape: number[], offsets: number[]) => ({ dtype, shape, data_offsets: offsets });
    expect(problemsOf(() => decodeSafetensors(rawFile(JSON.stringify({
      a: t('F32', [2, 2], [0, 12]),
      b: t('complex64', [1], [12, 20]),
      c: t('I64', [1], [16, 24]),
      d: t('U8', [3], [30, 33]),
      e: t('F64', [1], [33, 41]),
    }), new Uint8Array(36))))).toEqual([
      `'a': F32 [2,2] needs 16 bytes, data_offsets [0,12] hold 12`,
      `'b': unknown dtype "complex64" (the format has BOOL, U8, I8, F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64)`,
      `'c': data_offsets [16,24] overlap 'b' (which ends at 20)`,
      `bytes [24,30) of the data belong to no tensor (a gap before 'd')`,
      `'e': data_offsets [33,41] run past the 36 bytes of data (truncated?)`,
    ]);
  });
});
