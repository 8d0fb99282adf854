// What simpleRNN, lstm and gru share: weights [in, k*hidden] and [hidden, k*hidden], a bias (and,
// for the GRU, a recurrent bias), the input projection of every timestep in one matmul, and a
// loop of per-timestep cell steps.
import { stack, zeros, type Tensor } from '../deps.js';
import { orthogonal, xavierUniform, zeros as zerosInit, type Initializer } from '../init.js';
import { Module, shapeError } from '../module.js';

/** Options of the recurrent layers. */
export interface RecurrentOptions {
  /** Return every timestep's hidden state [batch, time, hidden] (default true), or only the last [batch, hidden]. */
  returnSequences?: boolean;
  /** Initial input weights [in, k*hidden] (Xavier/Glorot uniform by default). */
  init?: Initializer;
  /** Initial recurrent weights [hidden, k*hidden] (orthogonal by default, Saxe et al. 2014). */
  recurrentInit?: Initializer;
  /** Initial bias [k*hidden], and recurrent bias where there is one (zeros by default; the LSTM sets its forget gate to 1). */
  biasInit?: Initializer;
}

/** A run over a sequence: every hidden state [batch, time, hidden] and the final state tensors. */
export interface RecurrentRun {
  outputs: Tensor;
  /** The final state: [h] or, for an LSTM, [h, c]; each [batch, hidden]. */
  state: Tensor[];
}

/** The base of the recurrent layers: subclasses give the gate count, state size and one step. */
export abstract class Recurrent extends Module {
  /** Input weights [inputSize, gates * hiddenSize]. */
  readonly weight: Tensor;
  /** Recurrent weights [hiddenSize, gates * hiddenSize]. */
  readonly recurrentWeight: Tensor;
  /** Bias [gates * hiddenSize], added to the input projection. */
  readonly bias: Tensor;
  /** Recurrent bias [gates * hiddenSize], added to the recurrent product, for layers that have one (the GRU in PyTorch's form). */
  readonly recurrentBias: Tensor | undefined;
  /** Whether `forward` returns every timestep's hidden state [batch, time, hidden] or only the last [batch, hidden]. */
  readonly returnSequences: boolean;

  constructor(kind: string, gates: number, readonly inputSize: number, readonly hiddenSize: number, readonly stateCount: number, options: RecurrentOptions = {}, withRecurrentBias = false) {
    super();
    for (const [name, n] of [['inputSize', inputSize], ['hiddenSize', hiddenSize]] as const) {
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${kind}: ${name} must be a positive integer, got ${n}`);
    }
    const { returnSequences = true, init = xavierUniform(), recurrentInit = orthogonal(), biasInit = zerosInit() } = options;
    this.returnSequences = returnSequences;
    this.weight = this.parameter('weight', init([inputSize, gates * hiddenSize]));
    this.recurrentWeight = this.parameter('recurrentWeight', recurrentInit([hiddenSize, gates * hiddenSize]));
    this.bias = this.parameter('bias', biasInit([gates * hiddenSize]));
    this.recurrentBias = withRecurrentBias ? this.parameter('recurrentBias', biasInit([gates * hiddenSize])) : undefined;
  }

  /**
   * One timestep: `projected` is x_t W + b [batch, gates * hidden], `state` the previous state,
   * `recurrent` what {@link recurrentParts} made. Returns the new state, h first.
   */
  protected abstract step(projected: Tensor, state: readonly Tensor[], recurrent: readonly Tensor[]): Tensor[];

  /** The recurrent weights in the form `step` wants, computed once per sequence. */
  protected recurrentParts(): Tensor[] {
    return [this.recurrentWeight];
  }

  /** Hidden states [batch, time, hidden] (or the last, [batch, hidden], without `returnSequences`). */
  forward(x: Tensor, ...initialState: Tensor[]): Tensor {
    const { hs, state } = this.loop(x, initialState, this.returnSequences);
    return this.returnSequences ? stack(hs, 1) : state[0]!;
  }

  /**
   * Runs over `x` [batch, time, inputSize] from `initialState` (zeros when omitted) and returns
   * every hidden state and the final state, e.g. to continue a sequence one step at a time.
   */
  run(x: Tensor, initialState: readonly Tensor[] = []): RecurrentRun {
    const { hs, state } = this.loop(x, initialState, true);
    return { outputs: stack(hs, 1), state };
  }

  private loop(x: Tensor, initialState: readonly Tensor[], collect: boolean): { hs: Tensor[]; state: Tensor[] } {
    if (x.rank !== 3 || x.shape[1]! < 1 || x.shape[2] !== this.inputSize) throw shapeError(this, `[batch, time ≥ 1, ${this.inputSize}]`, x.shape);
    const [batch, time] = [x.shape[0]!, x.shape[1]!];
    let state = this.initialState(batch, initialState);
    // Every timestep's input projection in one matmul; the loop then only slices it.
    const projected = x.matmul(this.weight).add(this.bias);
    const width = projected.shape[2]!;
    const recurrent = this.recurrentParts();
    const hs: Tensor[] = [];
    for (let t = 0; t < time; t++) {
      const xt = projected.slice([0, t, 0], [batch, t + 1, width]).reshape([batch, width]);
      state = this.step(xt, state, recurrent);
      if (collect) hs.push(state[0]!);
    }
    return { hs, state };
  }

  private initialState(batch: number, given: readonly Tensor[]): Tensor[] {
    if (given.length === 0) return Array.from({ length: this.stateCount }, () => zeros([batch, this.hiddenSize]));
    if (given.length !== this.stateCount) throw new Error(`${this.describe()}: expected ${this.stateCount} initial state tensors, got ${given.length}`);
    given.forEach((s) => {
      if (s.rank !== 2 || s.shape[0] !== batch || s.shape[1] !== this.hiddenSize) {
        throw new Error(`${this.describe()}: expected initial state [${batch}, ${this.hiddenSize}], got [${s.shape.join(',')}]`);
      }
    });
    return [...given];
  }
}
