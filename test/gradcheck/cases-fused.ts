// Gradient-check cases of the fused ops: dense with each activation (relu away from its kink),
// leading axes folded into rows and a rank-1 x; softmax and logSoftmax along every axis position.
import { DENSE_ACTIVATIONS } from '@webgrad/tensor';
import type { CaseTable, OpCase } from './case-table.js';

/** The fused part of the case table. */
export const fusedCases: CaseTable = {
  dense: [
    // First: the second-order guard takes it, and tanh's curvature makes every input's second derivative non-zero.
    { name: 'tanh, rank 3 x [2,3,4]', inputs: (g) => [g.float([2, 3, 4]), g.float([4, 2]), g.float([2])], attrs: { activation: 'tanh' } },
    // relu: for these seeded values no pre-activation lies within the difference step of its kink at 0.
    ...DENSE_ACTIVATIONS.map((activation): OpCase<'dense'> => ({
      name: `${activation}, [3,4] x [4,5]`,
      inputs: (g) => [g.float([3, 4]), g.float([4, 5]), g.awayFromZero([5], 0.3, 0.8)],
      attrs: { activation },
    })),
    { name: 'sigmoid, rank 1 x [4]', inputs: (g) => [g.float([4]), g.float([4, 3]), g.float([3])], attrs: { activation: 'sigmoid' } },
  ],
  softmax: [
    { name: 'last axis', inputs: (g) => [g.float([3, 5], -2, 2)], attrs: { axis: 1 } },
    { name: 'axis 0 of rank 3', inputs: (g) => [g.float([3, 2, 4], -2, 2)], attrs: { axis: 0 } },
    { name: 'large logits (the shift matters)', inputs: (g) => [g.float([3, 5], 40, 44)], attrs: { axis: 1 } },
  ],
  logSoftmax: [
    { name: 'last axis', inputs: (g) => [g.float([3, 5], -2, 2)], attrs: { axis: 1 } },
    { name: 'axis 1 of rank 3', inputs: (g) => [g.float([2, 4, 3], -2, 2)], attrs: { axis: 1 } },
  ],
};
