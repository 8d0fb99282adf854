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

const ISSUE_12 = 'issue 12, fixed on another branch';
const pending = (reason: string, parts?: readonly string[]): Difference => ({ reason, pending: ISSUE_12, ...(parts && { parts }) });
const deliberate = (reason: string, parts?: readonly string[]): Difference => ({ reason, ...(parts && { parts }) });

const NO_ERF = 'webgrad has no erf op yet';
const EXACT_GELU = 'gelu is the tanh approximation only; torch defaults to the exact (erf) form';
const COUNT_INCLUDE_PAD = 'avgPool2d always excludes padding from the count; torch counts it by default (countIncludePad)';
const CEIL_MODE = 'pooling has no ceilMode: the output is one window short';
const GRU_FORM = "gru is the reset-before form with one bias (Keras reset_after=False, gates [z, r, n]); torch.nn.GRU resets after the recurrent product and has a recurrent bias (gates [r, z, n])";
const TORCH_DEFAULTS = "the optimiser's defaults are Keras's, not torch.optim's";
const NAN_GRADIENT = 'NaN in: the rule masks the gradient by a comparison that NaN fails, where torch passes it (issue 12 leaves NaN gradients to decide; this is the current convention)';

/** Every known difference from torch 1.13, by fixture id. */
export const differences: { readonly [id: string]: Difference } = {
  // Deliberate (or, for NaN, the convention until issue 12 decides otherwise).
  'ops/abs/NaN': deliberate('abs\'(NaN) is NaN (sign of the input); torch gives 0', ['grads']),
  'ops/relu/NaN': deliberate(NAN_GRADIENT, ['grads']),
  'ops/maximum/NaN': deliberate(NAN_GRADIENT, ['grads']),
  'ops/minimum/NaN': deliberate(NAN_GRADIENT, ['grads']),
  'ops/pow/exponent gradient at zero and negative bases': deliberate('d(a^b)/db = a^b ln a is taken as 0 where a <= 0, where the real power has no derivative in b; torch gives NaN', ['grads']),

  // Pending: the parallel work of issue 12 removes these.
  'ops/sign/NaN': pending('sign(NaN) is NaN; torch gives 0 (decided on another branch: if webgrad keeps NaN, make this deliberate)', ['out']),
  'ops/erf/random': pending(NO_ERF),
  'ops/erf/specials': pending(NO_ERF),
  'ops/erf/NaN': pending(NO_ERF),
  'ops/softplus/at zero': pending("softplus'(0) is 0: relu'(0) and |x|'(0) are both 0 in max(x, 0) + log1p(exp(-|x|))", ['grads']),
  'ops/elu/at zero': pending("elu'(0) is 0.5: the tie of minimum(x, 0) at 0 splits the gradient", ['grads']),
  'ops/gelu/exact (default)': pending(EXACT_GELU),
  'ops/gelu/exact, explicit': pending(EXACT_GELU),
  'ops/clip/at the bounds': pending('clip passes half the gradient at its bounds (the maximum/minimum tie); torch passes all of it', ['grads']),
  'ops/pow/specials, positive bases': pending('pow(1, ±Inf) is NaN (JavaScript Math.pow); IEEE 754 and torch give 1', ['out', 'grads']),
  'ops/pow/specials, zero and negative bases': pending('pow(-1, ±Inf) is NaN; IEEE 754 and torch give 1', ['out']),
  'ops/pow/one to infinities and NaN': pending('pow(1, ±Inf) and pow(1, NaN) are NaN; IEEE 754 and torch give 1', ['out', 'grads']),
  'ops/pow/minus one to infinities': pending('pow(-1, ±Inf) is NaN; IEEE 754 and torch give 1', ['out']),
  'ops/prod/one zero': pending("prod's gradient is out / x, NaN at exact zeros; torch computes it exactly", ['grads']),
  'ops/maxPool2d/plain': pending('second derivatives through maxPool2d throw "not implemented yet"', ['grads2']),
  'ops/maxPool2d/ceilMode': pending(CEIL_MODE),
  'ops/avgPool2d/ceilMode': pending(CEIL_MODE),
  'ops/avgPool2d/padding, countIncludePad default': pending(COUNT_INCLUDE_PAD),
  'ops/avgPool2d/padding, countIncludePad true': pending(COUNT_INCLUDE_PAD),
  'layers/maxPool2d/ceilMode true': pending(CEIL_MODE),
  'layers/avgPool2d/ceilMode true': pending(CEIL_MODE),
  'layers/avgPool2d/padding 1': pending(COUNT_INCLUDE_PAD),
  'layers/avgPool2d/padding 1, countIncludePad true': pending(COUNT_INCLUDE_PAD),
  'layers/avgPool2d/stride 1, padding 1, ceilMode true': pending(COUNT_INCLUDE_PAD),
  'layers/gelu/gelu layer': pending(EXACT_GELU),
  'layers/gru/gru sequences': pending(GRU_FORM),
  'layers/gru/gru last state': pending(GRU_FORM),
  'losses/binaryCrossEntropy/logit 0': pending("the gradient at a logit of exactly 0 is wrong: relu'(0) and |x|'(0) are both 0", ['grads']),
  'optimisers/adagrad/lr 0.1': pending(`${TORCH_DEFAULTS}: initial accumulator 0.1 and ε 1e-7 (torch: 0 and 1e-10)`),
  'optimisers/adadelta/lr 1.0': pending(`${TORCH_DEFAULTS}: ρ 0.95 (torch: 0.9)`),
  'optimisers/rmsprop/lr 0.01': pending(`${TORCH_DEFAULTS}: ρ 0.9 and ε 1e-7 (torch: α 0.99, ε 1e-8)`),
  'optimisers/adam/lr 0.01, beta1 0.9, beta2 0.999, epsilon 0.1': pending('ε is added before bias correction (Keras\'s "epsilon hat"); torch adds it to √v̂ after'),
};
