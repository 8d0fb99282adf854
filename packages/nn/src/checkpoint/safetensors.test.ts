// The safetensors codec: byte-exact output for the reference implementation's own test cases,
// its ordering and padding rules, and a validating reader that lists every problem in a bad
// file and never crashes or hangs on corrupted bytes.
import { describe, expect, it } from 'vitest';
import { Random } from '../deps.js';
import { CheckpointError } from './problems.js';
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

describe('decodeSafetensors on bad input', () => {
  const good = encodeSafetensors([['a', { dtype: 'F32', shape: [2], values: [1, 2] }], ['b', { dtype: 'I32', shape: [1], values: [3] }]], { k: 'v' });

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
