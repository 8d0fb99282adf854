// Conformance cases of the binary elementwise ops, comparisons, logical ops, where and cast:
// broadcasting of every kind, scalars, empty tensors, odd sizes, every pair of special values.
import type { DType, OpName } from '@webgrad/tensor';
import { bool, cycle, f32, i32, ints, ODD_SIZES, SPECIALS, sprinkle, uniform, type CaseTable, type Generator, type InputSpec, type OpCase } from './spec.js';

const none = {};
const S = SPECIALS.length;

/** A pair of inputs of one dtype, by shape. */
type Pair = (a: readonly number[], b: readonly number[]) => [InputSpec, InputSpec];

/** The broadcasting and size cases every binary op gets, for one way of making its inputs. */
function shapeCases<K extends OpName>(prefix: string, pair: Pair): OpCase<K>[] {
  const attrs = none as OpCase<K>['attrs'];
  const shapes: [string, number[], number[]][] = [
    ['same shape [3,5]', [3, 5], [3, 5]],
    ['broadcast [2,1,4] with [3,1]', [2, 1, 4], [3, 1]],
    ['lower rank b [4] with [2,3,4]', [2, 3, 4], [4]],
    ['lower rank a [3,1] with [2,3,5]', [3, 1], [2, 3, 5]],
    ['scalar b', [2, 3], []],
    ['scalar a', [], [7]],
    ['both scalars', [], []],
    ['empty [0,3] with [1,3]', [0, 3], [1, 3]],
    ['empty [2,0] with [2,1]', [2, 0], [2, 1]],
    ...ODD_SIZES.map((n): [string, number[], number[]] => [`size ${n}`, [n], [n]]),
    ['size 65 with [1]', [65], [1]],
  ];
  return shapes.map(([name, a, b]) => ({ name: `${prefix}${name}`, inputs: pair(a, b), attrs }));
}

/** Every special value against every special value: [S,1] with [1,S]. */
function specialPairs<K extends OpName>(): OpCase<K> {
  return { name: 'every pair of NaN, ±Inf, ±0, halves, ±3.4e38, ±1e-30', inputs: [f32([S, 1], SPECIALS), f32([1, S], SPECIALS)], attrs: none as OpCase<K>['attrs'] };
}

const floats = (ga: Generator, gb: Generator = ga): Pair => (a, b) => [f32(a, ga), f32(b, gb)];
const int32s = (ga: Generator, gb: Generator = ga): Pair => (a, b) => [i32(a, ga), i32(b, gb)];
const bools: Pair = (a, b) => [bool(a), bool(b)];

/** Float and int32 cases of an arithmetic op, plus int32 values that overflow and wrap. */
function arithmetic<K extends OpName>(fa: Generator, fb: Generator, ia: Generator, ib: Generator, wrap = true): OpCase<K>[] {
  const big = [2147483647, -2147483648, 65536, 123456789, -7, 46341];
  return [
    ...shapeCases<K>('', floats(fa, fb)),
    specialPairs<K>(),
    ...shapeCases<K>('int32 ', int32s(ia, ib)).filter((c) => !c.name.startsWith('int32 size')),
    ...(wrap ? [{ name: 'int32 wraps on overflow', inputs: [i32([6], big), i32([6], [1, -1, 65536, 100, -2147483648, 46341])], attrs: none as OpCase<K>['attrs'] }] : []),
  ];
}

/** Comparisons: values drawn from few integers so that ties are common, in every dtype. */
function comparison<K extends OpName>(): OpCase<K>[] {
  const few = ints(-2, 2);
  return [
    ...shapeCases<K>('', floats(few)),
    specialPairs<K>(),
    { name: 'close floats differ', inputs: [f32([3], [1, 1.0000001, -0]), f32([3], [1.0000001, 1, 0])], attrs: none as OpCase<K>['attrs'] },
    ...shapeCases<K>('int32 ', int32s(few)).filter((c) => !/size (1|3|63|257)$/.test(c.name)),
    ...shapeCases<K>('bool ', bools).filter((c) => !/size (1|3|63|257)$/.test(c.name)),
  ];
}

/** Logical and/or on bools. */
function logical<K extends OpName>(): OpCase<K>[] {
  return shapeCases<K>('', bools);
}

/** where(cond, a, b) with cond, a and b broadcast against each other, in every dtype of a and b. */
function whereCases(): OpCase<'where'>[] {
  const c = (name: string, inputs: InputSpec[]): OpCase<'where'> => ({ name, inputs, attrs: none });
  return [
    c('same shape [3,5]', [bool([3, 5]), f32([3, 5]), f32([3, 5])]),
    c('cond [3,1], a [1,4], b [3,4]', [bool([3, 1]), f32([1, 4]), f32([3, 4])]),
    c('scalar cond', [bool([], [1]), f32([2, 3]), f32([2, 3])]),
    c('scalar a and b', [bool([2, 3]), f32([]), f32([])]),
    c('all scalars', [bool([], [0]), f32([]), f32([])]),
    c('empty cond [0,4]', [bool([0, 4]), f32([1, 4]), f32([4])]),
    ...ODD_SIZES.map((n) => c(`size ${n}`, [bool([n]), f32([n]), f32([n])])),
    c('picks NaN, ±Inf, -0 as they are', [bool([S], cycle([1, 0])), f32([S], SPECIALS), f32([S], [...SPECIALS].reverse())]),
    c('int32 a and b, broadcast', [bool([3, 1]), i32([3, 4]), i32([4])]),
    c('bool a and b', [bool([4, 5]), bool([4, 5]), bool([5])]),
  ];
}

/** Values that test float-to-int conversion: truncation toward zero, NaN to 0, saturation. */
const TO_INT = [...SPECIALS, 2147483520, -2147483648, 2.9e9, -2.9e9, -1.9, 1.9, 16777217];

/** cast between every pair of dtypes, with the values each conversion must get right. */
function castCases(): OpCase<'cast'>[] {
  const c = (name: string, x: InputSpec, dtype: DType): OpCase<'cast'> => ({ name, inputs: [x], attrs: { dtype } });
  const ints32 = [-2147483648, 2147483647, 16777217, -16777217, 0, 1, -1, 3];
  return [
    c('float32 to int32: truncation, NaN to 0, saturation', f32([TO_INT.length], TO_INT), 'int32'),
    c('float32 to int32 [3,5]', f32([3, 5], uniform(-1e3, 1e3)), 'int32'),
    c('float32 to bool: NaN is true, -0 is false', f32([S], SPECIALS), 'bool'),
    c('float32 to float32', f32([S], SPECIALS), 'float32'),
    c('int32 to float32 rounds to nearest even', i32([ints32.length], ints32), 'float32'),
    c('int32 to bool', i32([ints32.length], ints32), 'bool'),
    c('int32 to int32', i32([4, 5]), 'int32'),
    c('bool to float32', bool([65]), 'float32'),
    c('bool to int32', bool([63]), 'int32'),
    c('bool to bool', bool([3]), 'bool'),
    ...ODD_SIZES.map((n) => c(`size ${n} float32 to int32`, f32([n], uniform(-100, 100)), 'int32')),
    c('scalar', f32([], [-2.5]), 'int32'),
    c('empty [0,2]', f32([0, 2]), 'int32'),
  ];
}

const pos = uniform(0.1, 4);

/** The binary, comparison, logical, where and cast part of the case table. */
export const binaryCases = {
  add: arithmetic(uniform(-4, 4), uniform(-4, 4), ints(-1000, 1000), ints(-1000, 1000)),
  sub: arithmetic(uniform(-4, 4), uniform(-4, 4), ints(-1000, 1000), ints(-1000, 1000)),
  mul: arithmetic(uniform(-4, 4), uniform(-4, 4), ints(-1000, 1000), ints(-1000, 1000)),
  div: [
    ...shapeCases<'div'>('', floats(uniform(-4, 4), sprinkle([0.25, -0.5, 3], uniform(-4, 4)))),
    specialPairs<'div'>(),
    { name: 'x/0 and x/-0 give signed infinities', inputs: [f32([4], [1, -1, 0, 2]), f32([4], [0, -0, 0, -0])], attrs: none },
  ],
  pow: [
    ...arithmetic<'pow'>(pos, uniform(-3, 3), ints(-3, 3), ints(0, 4), false),
    { name: 'negative base, integer exponents', inputs: [f32([3, 4], uniform(-3, -0.1)), f32([4], [-2, 0, 1, 3])], attrs: none },
  ],
  maximum: [
    ...arithmetic<'maximum'>(uniform(-4, 4), uniform(-4, 4), ints(-10, 10), ints(-10, 10), false),
    { name: 'NaN propagates from either side', inputs: [f32([4], [NaN, 1, NaN, -Infinity]), f32([4], [1, NaN, NaN, NaN])], attrs: none },
  ],
  minimum: [
    ...arithmetic<'minimum'>(uniform(-4, 4), uniform(-4, 4), ints(-10, 10), ints(-10, 10), false),
    { name: 'NaN propagates from either side', inputs: [f32([4], [NaN, 1, NaN, Infinity]), f32([4], [1, NaN, NaN, NaN])], attrs: none },
  ],
  eq: comparison(), ne: comparison(), lt: comparison(), le: comparison(), gt: comparison(), ge: comparison(),
  logicalAnd: logical(), logicalOr: logical(),
  where: whereCases(),
  cast: castCases(),
} satisfies CaseTable;
