// Fuzzing the safetensors reader and checkpoint.load (fast-check, seeded; fuzzRuns() inputs per
// property): random bytes, hand-built hostile headers, mutated valid files. Every input decodes
// or is refused with our own Error (short message) within 2 s; a refused load changes nothing;
// what the writer writes reads back identically, from any byte view.
import fc from 'fast-check';
import { fuzzRuns } from '@webgrad/tensor/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { load } from './checkpoint.js';
import { valuesAs } from './convert.js';
import { CheckpointError, MESSAGE_PROBLEMS } from './problems.js';
import { decodeSafetensors, encodeSafetensors, SAFETENSORS_DTYPES, type TensorToWrite } from './safetensors.js';

const runs = { numRuns: fuzzRuns() };
const stats = { inputs: 0, decoded: 0, refused: 0, slowestMs: 0 };
afterAll(() => console.log(`safetensors fuzz: ${stats.inputs} inputs, ${stats.decoded} decoded, ${stats.refused} refused, 0 crashes, 0 hangs; slowest ${stats.slowestMs.toFixed(1)} ms`));

/** Runs `f` on one input: it returns, or throws our Error with short messages; within 2 s either way. */
function survive<T>(f: () => T): T | undefined {
  stats.inputs++;
  const t0 = performance.now();
  try {
    const out = f();
    stats.decoded++;
    return out;
  } catch (e) {
    stats.refused++;
    const ctor = (e as Error)?.constructor;
    if (ctor !== Error && ctor !== CheckpointError) throw new Error(`not our error: ${String(e).slice(0, 300)}`);
    const lines = e instanceof CheckpointError ? e.problems : [(e as Error).message];
    for (const line of lines) expect(line.length).toBeLessThan(300);
    expect((e as Error).message.length).toBeLessThan(120 + (MESSAGE_PROBLEMS + 1) * 306);
    return undefined;
  } finally {
    const ms = performance.now() - t0;
    stats.slowestMs = Math.max(stats.slowestMs, ms);
    expect(ms).toBeLessThan(2000);
  }
}

/** An 8-byte little-endian length, the header bytes, then the data. */
function assemble(header: Uint8Array, data: Uint8Array, length = header.length): Uint8Array {
  const out = new Uint8Array(8 + header.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(length), true);
  out.set(header, 8);
  out.set(data, 8 + header.length);
  return out;
}
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

// ---- pieces of hostile headers, as JSON text (raw, so invalid tokens get in too) -------------

const NAMES = ['a', 'weight', 'bias', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '__metadata__', '', 'optimizer/weight/m', '\u0000', '\ud800'];
const name = fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 6 }));
const nameText = fc.oneof({ weight: 6, arbitrary: name.map((n) => JSON.stringify(n)) }, { weight: 1, arbitrary: fc.constantFrom('"\\u0061"', '"\\ud800"', '"\\x"', '"a', 'a', '1', 'null') });
const scalarText = fc.oneof(
  fc.integer({ min: -5, max: 70 }).map(String),
  fc.constantFrom('1e999', '-0', '2e308', '18446744073709551616', '9007199254740993', '1.5', '-1', 'true', 'null', '""', '[]', '{}', 'NaN', 'Infinity', '0x10', '01', '1.', '-'),
  fc.double().map((d) => JSON.stringify(d)),
  fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
);
const dtypeText = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...SAFETENSORS_DTYPES).map((d) => `"${d}"`) }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom('"F42"', '"f32"', '"__proto__"', '"constructor"', '"toString"', '"F8_E4M3"'), scalarText) });
const listText = (item: fc.Arbitrary<string>, maxLength: number): fc.Arbitrary<string> => fc.array(item, { maxLength }).map((xs) => `[${xs.join(',')}]`);
const shapeText = fc.oneof({ weight: 4, arbitrary: fc.array(fc.nat(4), { maxLength: 3 }).map((s) => JSON.stringify(s)) }, { weight: 1, arbitrary: fc.oneof(listText(scalarText, 4), scalarText, fc.constant('[1e400]'), fc.constant('[4294967296,4294967296]')) });
const offsetsText = fc.oneof({ weight: 4, arbitrary: fc.tuple(fc.nat(80), fc.nat(80)).map((o) => JSON.stringify(o)) }, { weight: 1, arbitrary: fc.oneof(listText(scalarText, 3), scalarText, fc.constant('[0,9007199254740993]')) });
/** Nesting `depth` deep, of lists or objects. */
const deepText = fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.boolean()).map(([depth, list]) => (list ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));
const entryText = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(dtypeText, shapeText, offsetsText, fc.option(fc.tuple(nameText, scalarText))).map(([d, s, o, extra]) => `{"dtype":${d},"shape":${s},"data_offsets":${o}${extra ? `,${extra[0]}:${extra[1]}` : ''}}`) },
  { weight: 1, arbitrary: scalarText },
  { weight: 1, arbitrary: deepText },
  { weight: 1, arbitrary: fc.constant('{"dtype":"U8","dtype":"F32","shape":[1],"data_offsets":[0,1]}') },
);
const metadataText = fc.oneof(fc.dictionary(name, fc.string({ maxLength: 6 }), { maxKeys: 3 }).map((m) => JSON.stringify(m)), scalarText, deepText, fc.constant('{"k":"1","k":"2"}'), fc.constant('{"__proto__":"x","n":1}'));
const headerText = fc.tuple(fc.array(fc.tuple(nameText, entryText), { maxLength: 5 }), fc.option(metadataText), fc.boolean()).map(([entries, meta, duplicate]) => {
  const parts = entries.map(([n, e]) => `${n}:${e}`);
  if (duplicate && parts.length) parts.push(parts[0]!);
  if (meta !== null) parts.splice(parts.length ? 1 : 0, 0, `"__metadata__":${meta}`);
  return `{${parts.join(',')}}`;
});
/** Data of up to 96 bytes, often holding float bit patterns worth reading: NaN, infinities, huge. */
const dataBytes = fc.oneof(
  fc.uint8Array({ maxLength: 96 }),
  fc.array(fc.constantFrom(0, 1, NaN, Infinity, -Infinity, 3.5e38, -0, 1e-45), { maxLength: 24 }).map((v) => new Uint8Array(Float32Array.from(v).buffer)),
);

const BYTES = { BOOL: 1, U8: 1, I8: 1, F8_E5M2: 1, F8_E4M3: 1, I16: 2, U16: 2, F16: 2, BF16: 2, I32: 4, U32: 4, F32: 4, F64: 8, I64: 8, U64: 8 } as const;
/** A well-formed header whose tensors tile their data exactly, and that data from `fill`: these reach the conversions. */
const tiledFile = fc.tuple(fc.uniqueArray(fc.record({ name, dtype: fc.constantFrom(...SAFETENSORS_DTYPES), shape: fc.array(fc.nat(3), { maxLength: 3 }) }), { selector: (t) => t.name, maxLength: 4 }), dataBytes).map(([tensors, fill]) => {
  let offset = 0;
  const parts = tensors.map((t) => {
    const end = offset + BYTES[t.dtype] * t.shape.reduce((a, b) => a * b, 1);
    const part = `${JSON.stringify(t.name)}:${JSON.stringify({ dtype: t.dtype, shape: t.shape, data_offsets: [offset, end] })}`;
    offset = end;
    return part;
  });
  return { header: `{${parts.join(',')}}`, data: new Uint8Array(offset).map((_, i) => (fill.length ? fill[i % fill.length]! : 0)) };
});

/** How a header's length prefix and bytes are framed: honestly, too long, too short, absurd; and an optional truncation. */
const framing = fc.record({
  lengthDelta: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -10, max: 10 }) }, { weight: 1, arbitrary: fc.constantFrom(2 ** 53, 2 ** 63, 100_000_001) }),
  cut: fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }),
});

function frame(header: string, data: Uint8Array, { lengthDelta, cut }: { lengthDelta: number; cut: number | null }): Uint8Array {
  const h = utf8(header);
  const file = assemble(h, data, Math.max(0, h.length + lengthDelta));
  return cut === null ? file : file.subarray(0, cut % (file.length + 1));
}

/** Converts every tensor of a decoded file to every dtype: each returns values or a reason, never throws. */
function convertAll(bytes: Uint8Array, allowNonFinite: boolean): void {
  const file = decodeSafetensors(bytes);
  for (const [n, t] of file.tensors) for (const dtype of ['float32', 'int32', 'bool'] as const) valuesAs(n, t, dtype, { allowNonFinite });
}

describe('safetensors reader under fuzzing', () => {
  it('survives random bytes, with or without a plausible length prefix', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (raw, prefix) => {
      const bytes = prefix ? assemble(raw, new Uint8Array(0), raw.length) : raw;
      survive(() => decodeSafetensors(bytes));
    }), { ...runs, seed: 0x5afe_0001 });
  });

  it('survives hand-built hostile headers (deep, huge numbers, odd dtypes, wrong offsets, keys twice, __proto__) and odd data', () => {
    const file = fc.oneof({ weight: 3, arbitrary: fc.record({ header: headerText, data: dataBytes }) }, { weight: 1, arbitrary: tiledFile });
    fc.assert(fc.property(file, framing, fc.boolean(), ({ header, data }, how, allowNonFinite) => {
      survive(() => convertAll(frame(header, data, how), allowNonFinite));
    }), { ...runs, seed: 0x5afe_0002 });
  });

  it('survives mutations of a valid file: bytes overwritten, header text spliced, truncation', () => {
    const good = new Uint8Array(encodeSafetensors([
      ['weight', { dtype: 'F32', shape: [2, 3], values: [1, 2, 3, 4, 5, 6] }],
      ['steps', { dtype: 'I32', shape: [2], values: [7, -8] }],
      ['mask', { dtype: 'BOOL', shape: [3], values: [1, 0, 1] }],
    ], { step: '3' }));
    const headerEnd = 8 + Number(new DataView(good.buffer).getBigUint64(0, true));
    const splice = fc.tuple(fc.nat(headerEnd - 8), fc.nat(12), fc.oneof(scalarText, dtypeText, deepText, nameText, fc.constantFrom(',', ':', '{', '}', '[', ']', '"', '\\')));
    const overwrite = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 });
    fc.assert(fc.property(splice, overwrite, framing, ([at, drop, insert], writes, how) => {
      const text = new TextDecoder().decode(good.subarray(8, headerEnd));
      const file = frame(text.slice(0, at) + insert + text.slice(at + drop), good.subarray(headerEnd), how);
      for (const [i, v] of writes) if (file.length) file[i % file.length] = v;
      survive(() => convertAll(file, false));
    }), { ...runs, seed: 0x5afe_0003 });
  });

  it('load refuses whatever does not fit a model, with a CheckpointError, and then leaves the model unchanged', () => {
    const model = dense(2, 3);
    const values = (): number[][] => model.namedParameters().map(([, p]) => Array.from(p.dataSync()));
    const shape = fc.oneof(fc.constantFrom<number[][]>([3, 2], [2, 3], [3], [2], []), fc.array(fc.nat(3), { maxLength: 2 }));
    const tensorEntry = fc.record({ name: fc.constantFrom('weight', 'bias', 'extra', '__proto__', 'optimizer/weight/m'), dtype: fc.constantFrom('F32', 'F64', 'F16', 'I32', 'BOOL', 'U8', 'I64'), shape });
    fc.assert(fc.property(fc.uniqueArray(tensorEntry, { selector: (t) => t.name, maxLength: 4 }), dataBytes, fc.boolean(), fc.boolean(), (entries, data, strict, allowNonFinite) => {
      let offset = 0;
      const header = Object.fromEntries(entries.map((t) => {
        const end = offset + BYTES[t.dtype] * t.shape.reduce((a, b) => a * b, 1);
        const entry = [t.name, { dtype: t.dtype, shape: t.shape, data_offsets: [offset, end] }] as const;
        offset = end;
        return entry;
      }));
      const bytes = new Uint8Array(offset).map((_, i) => data.length ? data[i % data.length]! : 0);
      const before = values();
      const loaded = survive(() => load(model, assemble(utf8(JSON.stringify(header)), bytes), { strict, allowNonFinite }));
      if (loaded === undefined) expect(values()).toEqual(before);
    }), { ...runs, seed: 0x5afe_0004 });
  });

  it('reads back exactly what the writer wrote, from an ArrayBuffer or a view at any offset (a Node Buffer too)', () => {
    const tensorToWrite: fc.Arbitrary<TensorToWrite> = fc.tuple(fc.constantFrom('F32', 'I32', 'BOOL') as fc.Arbitrary<TensorToWrite['dtype']>, fc.array(fc.nat(3), { maxLength: 3 })).chain(([dtype, shape]) => {
      const n = shape.reduce((a, b) => a * b, 1);
      const value = dtype === 'F32' ? fc.float() : dtype === 'I32' ? fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) : fc.integer({ min: 0, max: 1 });
      return fc.array(value, { minLength: n, maxLength: n }).map((values) => ({ dtype, shape, values }));
    });
    const tensors = fc.uniqueArray(fc.tuple(name.filter((n) => n !== '__metadata__'), tensorToWrite), { selector: ([n]) => n, maxLength: 5 });
    const metadata = fc.array(fc.tuple(name, fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 4 }).map((pairs) => {
      const out: Record<string, string> = {};
      for (const [k, v] of pairs) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      return out;
    });
    fc.assert(fc.property(tensors, metadata, fc.nat(15), fc.constantFrom('buffer', 'view', 'node'), (entries, meta, pad, how) => {
      const written = encodeSafetensors(entries, meta);
      const pool = new Uint8Array(pad + written.byteLength + 7).fill(0xa5);
      pool.set(new Uint8Array(written), pad);
      const input = how === 'buffer' ? written : how === 'view' ? pool.subarray(pad, pad + written.byteLength) : Buffer.from(pool.buffer, pad, written.byteLength);
      const file = survive(() => decodeSafetensors(input));
      expect(file).toBeDefined();
      expect(Object.entries(file!.metadata)).toEqual(Object.entries(meta));
      expect(new Set(file!.tensors.keys())).toEqual(new Set(entries.map(([n]) => n)));
      for (const [n, t] of entries) {
        const read = file!.tensors.get(n)!;
        expect([read.dtype, read.shape]).toEqual([t.dtype, t.shape]);
        const dtype = t.dtype === 'F32' ? 'float32' : t.dtype === 'I32' ? 'int32' : 'bool';
        const back = valuesAs(n, read, dtype, { allowNonFinite: true });
        expect(Array.from(back as ArrayLike<number>)).toEqual(t.dtype === 'F32' ? Array.from(t.values, (v) => Math.fround(v)) : Array.from(t.values));
      }
    }), { ...runs, seed: 0x5afe_0005 });
  });
});
