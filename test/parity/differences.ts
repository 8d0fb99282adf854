// Where webgrad differs from PyTorch, as data: fixture id (group/subject/name, see fixtures.ts) to
// why. The suite asserts each listed fixture still differs in the listed parts and matches in the
// others, so a fixed difference fails until its entry is removed.

/** Why a fixture differs from torch, and where. */
export interface Difference {
  readonly reason: string;
  /**
   * Set when other work will remove the difference (e.g. 'issue 12, fixed on another branch'):
   * after it lands the fixture matches, the suite fails with "no longer differs" and the entry goes.
   * Absent for a deliberate difference, which stays.
   */
  readonly pending?: string;
  /** The parts that differ (out, grads, grads2, buffers, losses, step N); every part when absent. */
  readonly parts?: readonly string[];
}

const ISSUE_12 = 'issue 12, fixed on another branch';
const pending = (reason: string, parts?: readonly string[]): Difference => ({ reason, pending: ISSUE_12, ...(parts ? { parts } : {}) });

/** Every known difference from torch 1.13, by fixture id. */
export const differences: { readonly [id: string]: Difference } = {
};
