// Differential test cases for the layout ops, in every dtype: permutations, broadcasts, reversed
// and strided slices, concat with an empty part, pad values stored as each dtype stores them,
// tile, gather and scatterAdd with repeated indices.
import type { DType, OpName } from '@webgrad/tensor';
import type { OpCase } from './cases-elementwise.js';

const DTYPES: DType[] = ['float32', 'int32', 'bool'];

function each<K extends OpName>(make: (dtype: DType) => OpCase<K>[]): OpCase<K>[] {
  return DTYPES.flatMap((dtype) => make(dtype).map((c) => ({ ...c, name: `${dtype} ${c.name}` })));
}

const IDX = [2, 0, 2, 1];

/** The layout part of the case table. */
export const layoutCases = {
  reshape: each((dtype) => [{ name: '[2,3,4] to [4,6]', inputs: [{ shape: [2, 3, 4], dtype }], attrs: { shape: [4, 6] } }]),
  transpose: each((dtype) => [
    { name: '[2,3,4] perm 2,0,1', inputs: [{ shape: [2, 3, 4], dtype }], attrs: { perm: [2, 0, 1] } },
    { name: '[33,17] perm 1,0', inputs: [{ shape: [33, 17], dtype }], attrs: { perm: [1, 0] } },
    { name: '[2,1,3,5] perm 0,2,1,3', inputs: [{ shape: [2, 1, 3, 5], dtype }], attrs: { perm: [0, 2, 1, 3] } },
  ]),
  broadcastTo: each((dtype) => [
    { name: '[3,1] to [2,3,5]', inputs: [{ shape: [3, 1], dtype }], attrs: { shape: [2, 3, 5] } },
    { name: '[] to [4]', inputs: [{ shape: [], dtype }], attrs: { shape: [4] } },
  ]),
  slice: each((dtype) => [
    { name: 'strided', inputs: [{ shape: [6, 7], dtype }], attrs: { begin: [1, 0], end: [6, 7], step: [2, 3] } },
    { name: 'reversed', inputs: [{ shape: [4, 5], dtype }], attrs: { begin: [3, 4], end: [-1, 0], step: [-1, -2] } },
  ]),
  sliceGrad: each((dtype) => [
    { name: 'strided', inputs: [{ shape: [3, 3], dtype }], attrs: { begin: [1, 0], end: [6, 7], step: [2, 3], inputShape: [6, 7] } },
    { name: 'reversed', inputs: [{ shape: [4, 2], dtype }], attrs: { begin: [3, 4], end: [-1, 0], step: [-1, -2], inputShape: [4, 5] } },
  ]),
  concat: each((dtype) => [
    { name: 'axis 1', inputs: [{ shape: [2, 3], dtype }, { shape: [2, 0], dtype }, { shape: [2, 5], dtype }], attrs: { axis: 1 } },
    { name: 'axis 0', inputs: [{ shape: [1, 3], dtype }, { shape: [4, 3], dtype }], attrs: { axis: 0 } },
  ]),
  pad: each((dtype) => [
    { name: 'value 2.5', inputs: [{ shape: [2, 3], dtype }], attrs: { pads: [[1, 0], [2, 3]], value: 2.5 } },
    { name: 'value -1', inputs: [{ shape: [3], dtype }], attrs: { pads: [[0, 2]], value: -1 } },
  ]),
  tile: each((dtype) => [
    { name: '[2,3] by [2,3]', inputs: [{ shape: [2, 3], dtype }], attrs: { reps: [2, 3] } },
    { name: '[1,4,1] by [3,1,2]', inputs: [{ shape: [1, 4, 1], dtype }], attrs: { reps: [3, 1, 2] } },
  ]),
  gather: each((dtype) => [
    { name: 'axis 0', inputs: [{ shape: [3, 4], dtype }, { shape: [4], dtype: 'int32', values: IDX }], attrs: { axis: 0 } },
    { name: 'axis 1, 2-D indices', inputs: [{ shape: [2, 3, 5], dtype }, { shape: [2, 2], dtype: 'int32', values: IDX }], attrs: { axis: 1 } },
  ]),
  scatterAdd: (['float32', 'int32'] as DType[]).flatMap((dtype) => [
    { name: `${dtype} axis 0, repeated`, inputs: [{ shape: [4], dtype: 'int32', values: IDX }, { shape: [4, 3], dtype }], attrs: { axis: 0, size: 5 } },
    { name: `${dtype} axis 1`, inputs: [{ shape: [2, 2], dtype: 'int32', values: IDX }, { shape: [2, 2, 2, 3], dtype }], attrs: { axis: 1, size: 3 } },
    { name: `${dtype} no indices`, inputs: [{ shape: [0], dtype: 'int32', values: [] }, { shape: [0, 3], dtype }], attrs: { axis: 0, size: 2 } },
  ]) as OpCase<'scatterAdd'>[],
} satisfies { [K in OpName]?: OpCase<K>[] };
