// Loading other tools' dtypes: F64, F16 and BF16 into float32, 8- to 64-bit integers into int32
// (range-checked), BOOL and U8 into bool; non-finite values refused unless allowed; any byte
// view (a Node Buffer, an unaligned subarray) read at its own offset; and what cannot load, named.
import { describe, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { load } from './checkpoint.js';
import { valuesAs } from './convert.js';
import type { SafetensorsDType, TensorRead } from './safetensors.js';

const read = (dtype: SafetensorsDType, shape: number[], fill: (v: DataView) => void, bytes: number): TensorRead => {
  const b = new Uint8Array(bytes);
  fill(new DataView(b.buffer));
  return { dtype, shape, bytes: b };
};

describe('valuesAs', () => {
  it('reads F64, F16 (normal, subnormal, infinite, NaN) and BF16 as float32', () => {
    expect(Array.from(valuesAs('t', read('F64', [2], (v) => (v.setFloat64(0, 0.1, true), v.setFloat64(8, -3, true)), 16), 'float32') as Float32Array)).toEqual([Math.fround(0.1), -3]);
    const halves = [0x3c00, 0xc000, 0x0001, 0x7c00, 0x7e00, 0x3555];
    const f16 = valuesAs('t', read('F16', [6], (v) => halves.forEach((h, i) => v.setUint16(2 * i, h, true)), 12), 'float32', { allowNonFinite: true }) as Float32Array;
    expect(Array.from(f16.subarray(0, 4))).toEqual([1, -2, 2 ** -24, Infinity]);
    expect(f16[4]).toBeNaN();
    expect(f16[5]).toBeCloseTo(1 / 3, 3);
    expect(Array.from(valuesAs('t', read('BF16', [2], (v) => (v.setUint16(0, 0x3f80, true), v.setUint16(2, 0xc040, true)), 4), 'float32') as Float32Array)).toEqual([1, -3]);
  });

  it('reads integers of every width into int32, and names a value out of range', () => {
    expect(Array.from(valuesAs('n', read('I64', [2], (v) => (v.setBigInt64(0, -5n, true), v.setBigInt64(8, 2n ** 31n - 1n, true)), 16), 'int32') as Int32Array)).toEqual([-5, 2 ** 31 - 1]);
    expect(Array.from(valuesAs('n', read('U16', [1], (v) => v.setUint16(0, 65535, true), 2), 'int32') as Int32Array)).toEqual([65535]);
    expect(Array.from(valuesAs('n', read('I8', [1], (v) => v.setInt8(0, -128), 1), 'int32') as Int32Array)).toEqual([-128]);
    expect(valuesAs('n', read('I64', [1], (v) => v.setBigInt64(0, 2n ** 40n, true), 8), 'int32')).toBe(`'n': I64 value 1099511627776 at flat index 0 does not fit in int32`);
  });

  it('reads BOOL and U8 as bool, rejecting values other than 0 and 1', () => {
    expect(Array.from(valuesAs('m', read('U8', [2], (v) => v.setUint8(1, 1), 2), 'bool') as Uint8Array)).toEqual([0, 1]);
    expect(valuesAs('m', read('BOOL', [1], (v) => v.setUint8(0, 2), 1), 'bool')).toBe(`'m': BOOL value 2 at flat index 0 is not a bool (0 or 1)`);
  });

  it('names dtypes that do not load into the tensor', () => {
    expect(valuesAs('w', read('F8_E4M3', [1], () => undefined, 1), 'float32')).toBe(`'w': dtype F8_E4M3 in the file, the model's tensor is float32 (which loads from F32, F64, F16, BF16)`);
    expect(valuesAs('w', read('F32', [1], () => undefined, 4), 'int32')).toMatch(/dtype F32 in the file, the model's tensor is int32/);
  });

  it('refuses NaN and infinities with the tensor and index unless allowNonFinite, and F64 values past float32', () => {
    const nan = read('F32', [3], (v) => (v.setFloat32(0, 1, true), v.setFloat32(4, NaN, true), v.setFloat32(8, Infinity, true)), 12);
    expect(valuesAs('w', nan, 'float32')).toBe(`'w': value NaN at flat index 1 is not finite (a diverged run?); load with { allowNonFinite: true } to accept it`);
    expect(valuesAs('w', read('F32', [2], (v) => v.setFloat32(4, -Infinity, true), 8), 'float32')).toMatch(/^'w': value -Infinity at flat index 1 is not finite/);
    expect(valuesAs('w', read('F16', [1], (v) => v.setUint16(0, 0xfc00, true), 2), 'float32')).toMatch(/^'w': value -Infinity at flat index 0 is not finite/);
    const allowed = valuesAs('w', nan, 'float32', { allowNonFinite: true }) as Float32Array;
    expect([allowed[0], allowed[2]]).toEqual([1, Infinity]);
    expect(allowed[1]).toBeNaN();
    expect(valuesAs('w', read('F64', [2], (v) => v.setFloat64(8, 1e39, true), 16), 'float32')).toBe(`'w': F64 value 1e+39 at flat index 1 does not fit in float32 (largest is 3.4028234663852886e+38)`);
  });

  it('reads any view at its own offset: a subarray of a larger buffer, unaligned, and a Node Buffer', () => {
    const pool = new Uint8Array(64).fill(0xee);
    new DataView(pool.buffer).setFloat32(13, 2.5, true);
    new DataView(pool.buffer).setFloat32(17, -1, true);
    expect(Array.from(valuesAs('w', { dtype: 'F32', shape: [2], bytes: pool.subarray(13, 21) }, 'float32') as Float32Array)).toEqual([2.5, -1]);
    const buf = Buffer.from(pool.buffer, 13, 8); // a Buffer's slice() is a view, unlike a Uint8Array's
    expect(Array.from(valuesAs('w', { dtype: 'F32', shape: [2], bytes: buf }, 'float32') as Float32Array)).toEqual([2.5, -1]);
    new DataView(pool.buffer).setInt32(33, -7, true);
    expect(Array.from(valuesAs('n', { dtype: 'I32', shape: [1], bytes: Buffer.from(pool.buffer, 33, 4) }, 'int32') as Int32Array)).toEqual([-7]);
  });

  it('loads a float64 file (as numpy or PyTorch may write) into a float32 model', async () => {
    const json = new TextEncoder().encode('{"weight":{"dtype":"F64","shape":[1,1],"data_offsets":[0,8]}}  ');
    const file = new Uint8Array(8 + json.length + 8);
    const view = new DataView(file.buffer);
    view.setUint32(0, json.length, true);
    file.set(json, 8);
    view.setFloat64(8 + json.length, 2.5, true);
    const layer = dense(1, 1, { bias: false });
    load(layer, file);
    expect(Array.from(await layer.weight.data())).toEqual([2.5]);
  });
});
