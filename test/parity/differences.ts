// Where webgrad differs from PyTorch, as data: fixture id (group/subject/name, see fixtures.ts) to
// why. The suite asserts each listed fixture still differs in the listed parts and matches in the
// others, so a fixed difference fails until its entry is removed.

/** Why a fixture differs from torch, and where. */
export interface Difference {
  readonly reason: string;
  /**
   * Set when other work will remove the difference: after it lands the fixture matches, the
   * suite fails with "no longer differs" and the entry goes. Absent for a deliberate difference.
   */
  readonly pending?: string;
  /** The parts that differ (out, grads, grads2, buffers, losses, step N); every part when absent. */
  readonly parts?: readonly string[];
}

const deliberate = (reason: string, parts?: readonly string[]): Difference => ({ reason, ...(parts && { parts }) });

/** Every known difference from torch 1.13, by fixture id. */
export const differences: { readonly [id: string]: Difference } = {
  // Deliberate: a NaN input never becomes a silent zero gradient, and sign keeps NaN (packages/tensor/README.md).
  'ops/abs/NaN': deliberate('abs\'(NaN) is NaN (the sign of the input), so a NaN never becomes a zero gradient; torch gives 0', ['grads']),
  'ops/sign/NaN': deliberate('sign(NaN) is NaN, as NumPy, JAX and Math.sign; torch gives 0', ['out']),
  'ops/pow/exponent gradient at zero and negative bases': deliberate('d(a^b)/db = a^b ln a is taken as 0 where a <= 0, where the real power has no derivative in b; torch gives NaN', ['grads']),
};
