// Making tensors from JavaScript values and shapes: inferred shapes and dtypes, the dtype and
// shape options (or a shape array, as in TF.js), the shape-only constructors, and the errors for
// data that does not fit, unknown options and sizes past MAX_TENSOR_ELEMENTS.
import { arange, bernoulli, eye, full, linspace, MAX_TENSOR_ELEMENTS, ones, onesLike, rand, randint, randn, tensor, zeros, zerosLike, type Tensor } from '@webgrad/tensor';
import { describe, expect, it } from 'vitest';

const values = async (t: Tensor): Promise<number[]> => Array.from(await t.data());

describe('tensor from values', () => {
  it('infers shape and float32 from nested arrays', async () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float32');
    expect(t.size).toBe(6);
    expect(t.rank).toBe(2);
    expect(await t.data()).toBeInstanceOf(Float32Array);
    expect(await t.array()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('makes a rank-0 tensor from one number or boolean', async () => {
    const n = tensor(2.5);
    expect(n.shape).toEqual([]);
    expect(n.dtype).toBe('float32');
    expect(await n.array()).toBe(2.5);
    const b = tensor(true);
    expect(b.shape).toEqual([]);
    expect(b.dtype).toBe('bool');
    expect(await b.array()).toBe(true);
  });

  it('infers bool from booleans, stored as bytes 0 and 1', async () => {
    const t = tensor([[true, false], [false, true]]);
    expect(t.dtype).toBe('bool');
    const data = await t.data();
    expect(data).toBeInstanceOf(Uint8Array);
    expect(Array.from(data)).toEqual([1, 0, 0, 1]);
    expect(await t.array()).toEqual([[true, false], [false, true]]);
  });

  it('reads booleans mixed with numbers as numbers', async () => {
    const t = tensor([true, 2, false]);
    expect(t.dtype).toBe('float32');
    expect(await values(t)).toEqual([1, 2, 0]);
  });

  it('honours the dtype option', async () => {
    const i = tensor([[1, -2], [3, 4]], { dtype: 'int32' });
    expect(i.dtype).toBe('int32');
    expect(await i.data()).toBeInstanceOf(Int32Array);
    expect(await values(i)).toEqual([1, -2, 3, 4]);
    // Any non-zero number is true.
    const b = tensor([2, -1, 0, 0.5], { dtype: 'bool' });
    expect(await values(b)).toEqual([1, 1, 0, 1]);
    const f = tensor([true, false], { dtype: 'float32' });
    expect(await values(f)).toEqual([1, 0]);
  });

  it('takes typed arrays as 1-D unless a shape is given', async () => {
    const flat = tensor(new Float32Array([1, 2, 3, 4, 5, 6]));
    expect(flat.shape).toEqual([6]);
    expect(flat.dtype).toBe('float32');
    const shaped = tensor(new Float32Array([1, 2, 3, 4, 5, 6]), { shape: [3, 2] });
    expect(shaped.shape).toEqual([3, 2]);
    expect(await shaped.array()).toEqual([[1, 2], [3, 4], [5, 6]]);
    const ints = tensor(new Int32Array([7, 8]));
    expect(ints.dtype).toBe('int32');
    expect(tensor(new Uint8Array([1, 2])).dtype).toBe('float32');
    expect(tensor(new Int32Array([1, 2]), { dtype: 'float32' }).dtype).toBe('float32');
  });

  it('copies its input, so later writes to the source do not show', async () => {
    const source = new Float32Array([1, 2]);
    const t = tensor(source);
    source[0] = 99;
    expect(await values(t)).toEqual([1, 2]);
  });

  it('reshapes nested data with the shape option', async () => {
    expect((tensor([[1, 2, 3, 4]], { shape: [2, 2] })).shape).toEqual([2, 2]);
    expect(await tensor([5], { shape: [] }).array()).toBe(5);
  });

  it('makes empty tensors', async () => {
    const e = tensor([]);
    expect(e.shape).toEqual([0]);
    expect(e.dtype).toBe('float32');
    expect(e.size).toBe(0);
    expect(await e.array()).toEqual([]);
    const e2 = tensor([[], []]);
    expect(e2.shape).toEqual([2, 0]);
    expect(await e2.array()).toEqual([[], []]);
  });

  it('keeps float32 rounding of values', async () => {
    expect(await values(tensor([0.1]))).toEqual([Math.fround(0.1)]);
    expect(await values(tensor([NaN, Infinity, -Infinity]))).toEqual([NaN, Infinity, -Infinity]);
  });
});

describe('tensor errors', () => {
  it('rejects ragged nested arrays, naming where', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow('tensor: ragged nested array: [1] has 1 entries, expected 2');
    expect(() => tensor([[1, 2], 3] as never)).toThrow('tensor: ragged nested array: [1] is a value where an array of 2 was expected');
    expect(() => tensor([1, [2]] as never)).toThrow('tensor: ragged nested array: [1] is an array where a value was expected');
    expect(() => tensor([[[1], [2]], [[3], [4, 5]]])).toThrow('tensor: ragged nested array: [1][1] has 2 entries, expected 1');
  });

  it('rejects values that are not numbers or booleans', () => {
    expect(() => tensor([1, 'a'] as never)).toThrow('tensor: [1] must be a number or boolean, got string');
    expect(() => tensor([[1, null]] as never)).toThrow('tensor: [0][1] must be a number or boolean, got null');
    expect(() => tensor('abc' as never)).toThrow('tensor: data must be a number, boolean, nested array or typed array, got string');
  });

  it('rejects non-integers and out-of-range values for int32', () => {
    expect(() => tensor([1, 2.5], { dtype: 'int32' })).toThrow('tensor: value 2.5 at flat index 1 is not a 32-bit integer, but dtype is int32');
    expect(() => tensor([NaN], { dtype: 'int32' })).toThrow('tensor: value NaN at flat index 0 is not a 32-bit integer');
    expect(() => tensor([2 ** 31], { dtype: 'int32' })).toThrow('tensor: value 2147483648 at flat index 0 is not a 32-bit integer');
    expect(tensor([-(2 ** 31), 2 ** 31 - 1], { dtype: 'int32' }).dtype).toBe('int32');
  });

  it('rejects unknown dtype strings', () => {
    expect(() => tensor([1], { dtype: 'float64' as never })).toThrow(`tensor: dtype must be 'float32', 'int32' or 'bool', got "float64"`);
    expect(() => tensor([1], { dtype: 'Float32' as never })).toThrow('got "Float32"');
  });

  it('rejects a shape that the values do not fill', () => {
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow('tensor: shape [2,2] needs 4 values, got 3');
    expect(() => tensor(new Float32Array(6), { shape: [4] })).toThrow('tensor: shape [4] needs 4 values, got 6');
    expect(() => tensor([1, 2], { shape: [-1, 2] })).toThrow('tensor: shape must be a list of non-negative integers, got [-1,2]');
  });
});

describe('zeros, ones, full', () => {
  it('fill a shape with one value, float32 by default', async () => {
    const z = zeros([2, 3]);
    expect([z.shape, z.dtype]).toEqual([[2, 3], 'float32']);
    expect(await values(z)).toEqual([0, 0, 0, 0, 0, 0]);
    const o = ones([2], 'int32');
    expect([o.dtype, await values(o)]).toEqual(['int32', [1, 1]]);
    const f = full([2, 2], 7.5);
    expect(await f.array()).toEqual([[7.5, 7.5], [7.5, 7.5]]);
    expect(await full([], -3, 'int32').array()).toBe(-3);
  });

  it('infers bool from a boolean fill value', async () => {
    const t = full([3], true);
    expect(t.dtype).toBe('bool');
    expect(await t.array()).toEqual([true, true, true]);
  });

  it('make empty tensors from shapes with a zero extent', () => {
    expect(zeros([0, 4]).size).toBe(0);
    expect(zeros([0, 4]).shape).toEqual([0, 4]);
  });

  it('copy shape and dtype with zerosLike and onesLike', async () => {
    const x = tensor([[1, 2]], { dtype: 'int32' });
    const z = zerosLike(x);
    const o = onesLike(x);
    expect([z.shape, z.dtype, await values(z)]).toEqual([[1, 2], 'int32', [0, 0]]);
    expect([o.shape, o.dtype, await values(o)]).toEqual([[1, 2], 'int32', [1, 1]]);
  });

  it('reject bad shapes naming the op', () => {
    expect(() => zeros([2, -1])).toThrow('zeros: shape must be a list of non-negative integers, got [2,-1]');
    expect(() => ones([1.5])).toThrow('ones: shape must be a list of non-negative integers, got [1.5]');
    expect(() => full([NaN], 1)).toThrow('full: shape must be a list of non-negative integers, got [null]');
    expect(() => full(3 as never, 1)).toThrow('full: shape must be a list of non-negative integers, got 3');
  });
});

describe('arange', () => {
  it('counts from 0 in int32 when given one integer', async () => {
    const t = arange(5);
    expect(t.dtype).toBe('int32');
    expect(await values(t)).toEqual([0, 1, 2, 3, 4]);
  });

  it('takes start, stop and step, excluding stop', async () => {
    expect(await values(arange(2, 11, 3))).toEqual([2, 5, 8]);
    expect(await values(arange(2, 12, 3))).toEqual([2, 5, 8, 11]);
  });

  it('is float32 when any argument is fractional', async () => {
    const t = arange(0, 1, 0.25);
    expect(t.dtype).toBe('float32');
    expect(await values(t)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(arange(0.5, 3).dtype).toBe('float32');
    expect(await values(arange(0.5, 3))).toEqual([0.5, 1.5, 2.5]);
  });

  it('counts down with a negative step', async () => {
    expect(await values(arange(5, 0, -1))).toEqual([5, 4, 3, 2, 1]);
    expect(await values(arange(1, -1, -0.5))).toEqual([1, 0.5, 0, -0.5]);
  });

  it('is empty when stop is not ahead of start', async () => {
    expect(arange(0).shape).toEqual([0]);
    expect(arange(3, 3).shape).toEqual([0]);
    expect(arange(5, 0).shape).toEqual([0]);
    expect(arange(0, 5, -1).shape).toEqual([0]);
    expect(await values(arange(-3))).toEqual([]);
  });

  it('honours an explicit dtype', async () => {
    const t = arange(0, 3, 1, 'float32');
    expect(t.dtype).toBe('float32');
    expect(await values(t)).toEqual([0, 1, 2]);
  });

  it('rejects a zero or non-finite step and non-finite bounds', () => {
    expect(() => arange(0, 5, 0)).toThrow('arange: step must be finite and non-zero, got 0');
    expect(() => arange(0, 5, NaN)).toThrow('arange: step must be finite and non-zero, got NaN');
    expect(() => arange(Infinity)).toThrow('arange: start and stop must be finite, got 0 and Infinity');
    expect(() => arange(NaN, 3)).toThrow('arange: start and stop must be finite, got NaN and 3');
  });
});

describe('linspace', () => {
  it('includes both ends', async () => {
    const t = linspace(0, 1, 5);
    expect([t.shape, t.dtype]).toEqual([[5], 'float32']);
    expect(await values(t)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(await values(linspace(3, -3, 4))).toEqual([3, 1, -1, -3]);
  });

  it('gives [start] for one point and nothing for zero', async () => {
    expect(await values(linspace(2, 5, 1))).toEqual([2]);
    expect(linspace(2, 5, 0).shape).toEqual([0]);
  });

  it('rejects a negative or fractional count', () => {
    expect(() => linspace(0, 1, -1)).toThrow('linspace: count must be a non-negative integer, got -1');
    expect(() => linspace(0, 1, 2.5)).toThrow('linspace: count must be a non-negative integer, got 2.5');
  });
});

describe('eye', () => {
  it('makes square and rectangular identities', async () => {
    expect(await eye(3).array()).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(await eye(2, 3).array()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(await eye(3, 2).array()).toEqual([[1, 0], [0, 1], [0, 0]]);
    expect(eye(0).shape).toEqual([0, 0]);
  });

  it('honours the dtype', async () => {
    const t = eye(2, 2, 'int32');
    expect(t.dtype).toBe('int32');
    expect(await values(t)).toEqual([1, 0, 0, 1]);
    expect(await eye(2, 2, 'bool').array()).toEqual([[true, false], [false, true]]);
  });

  it('rejects negative sizes', () => {
    expect(() => eye(-1)).toThrow('eye: shape must be a list of non-negative integers, got [-1,-1]');
  });
});

describe('tensor with a shape array (the TF.js habit) and its options checked', () => {
  it('takes an array second argument as the shape, and a dtype third', async () => {
    const t = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    expect([t.shape, t.dtype]).toEqual([[2, 3], 'float32']);
    expect(await t.array()).toEqual([[1, 2, 3], [4, 5, 6]]);
    const i = tensor(new Float32Array([1, 2, 3, 4]), [2, 2], 'int32');
    expect([i.shape, i.dtype, await values(i)]).toEqual([[2, 2], 'int32', [1, 2, 3, 4]]);
    expect(tensor([7], []).shape).toEqual([]);
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow('tensor: shape [2,2] needs 4 values, got 3');
  });

  it('refuses unknown option keys, naming the key and the known ones', () => {
    expect(() => tensor([1, 2], { shap: [2] } as never)).toThrow("tensor: unknown option 'shap' (known options: dtype, shape)");
    expect(() => tensor([1, 2], { dtype: 'float32', device: 'gpu' } as never)).toThrow("tensor: unknown option 'device'");
  });

  it('refuses a second argument that is neither options nor a shape, and a stray dtype', () => {
    expect(() => tensor([1, 2], 'int32' as never)).toThrow('tensor: the second argument must be options { dtype, shape } or a shape array, got "int32"');
    expect(() => tensor([1, 2], null as never)).toThrow('or a shape array, got null');
    expect(() => (tensor as (...a: unknown[]) => Tensor)([1, 2], { shape: [2] }, 'int32')).toThrow('tensor: a dtype third argument goes with a shape array second argument');
    expect(() => tensor([1, 2], { shape: 2 } as never)).toThrow('tensor: shape must be a list of non-negative integers, got 2');
  });
});

describe('sizes no backend could allocate', () => {
  const limit = `more than the ${MAX_TENSOR_ELEMENTS} (2^31 - 1) elements a tensor may hold`;
  it('states the limit: 2^31 - 1 elements', () => expect(MAX_TENSOR_ELEMENTS).toBe(2 ** 31 - 1));

  it('arange refuses a count past the limit with a RangeError naming it, at once', () => {
    const t0 = performance.now();
    expect(() => arange(0, 1e12)).toThrow(new RangeError(`arange: from 0 to 1000000000000 by 1 is 1000000000000 elements, ${limit}`));
    expect(() => arange(0, 1, 1e-10)).toThrow(`arange: from 0 to 1 by 1e-10 is 10000000000 elements, ${limit}`);
    expect(() => arange(2 ** 31)).toThrow(RangeError);
    expect(performance.now() - t0).toBeLessThan(50);
  });

  it('zeros, ones, full and eye refuse shapes past the limit, naming themselves', () => {
    expect(() => zeros([1e6, 1e6])).toThrow(new RangeError(`zeros: shape [1000000,1000000] has 1000000000000 elements, ${limit}`));
    expect(() => ones([2 ** 31])).toThrow(`ones: shape [2147483648] has 2147483648 elements, ${limit}`);
    expect(() => full([65536, 32768], 2)).toThrow(`full: shape [65536,32768] has 2147483648 elements, ${limit}`);
    expect(() => full([1e200, 1e200], 2)).toThrow('full: shape [1e+200,1e+200] has Infinity elements');
    expect(() => eye(1e5)).toThrow(`eye: shape [100000,100000] has 10000000000 elements, ${limit}`);
    // A zero extent makes any other extent empty, not huge.
    expect(zeros([0, 1e12]).size).toBe(0);
  });

  it('rand, randn, randint and bernoulli refuse shapes past the limit, naming themselves', () => {
    expect(() => rand([1e6, 1e6])).toThrow(new RangeError(`rand: shape [1000000,1000000] has 1000000000000 elements, ${limit}`));
    expect(() => randn([2 ** 31])).toThrow(`randn: shape [2147483648] has 2147483648 elements, ${limit}`);
    expect(() => randint([65536, 32768], 0, 2)).toThrow(`randint: shape [65536,32768] has 2147483648 elements, ${limit}`);
    expect(() => bernoulli([1e200], 0.5)).toThrow(`bernoulli: shape [1e+200] has 1e+200 elements, ${limit}`);
    expect(randn([0, 1e12]).size).toBe(0);
  });

  it('linspace refuses a count past the limit, and sizes that are not counts', () => {
    expect(() => linspace(0, 1, 1e10)).toThrow(new RangeError(`linspace: count 10000000000 is ${limit}`));
    expect(() => linspace(0, 1, NaN)).toThrow('linspace: count must be a non-negative integer, got NaN');
    expect(() => eye(NaN)).toThrow('eye: shape must be a list of non-negative integers, got [null,null]');
    expect(() => eye(2, -3)).toThrow('eye: shape must be a list of non-negative integers, got [2,-3]');
    expect(() => eye(1.5)).toThrow('eye: shape must be a list of non-negative integers, got [1.5,1.5]');
  });
});
