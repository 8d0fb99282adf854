// The optimiser machinery shared by every update rule: per-parameter state slots, parameter
// groups chosen by glob, weight decay, gradient clipping, a schedulable learning rate, and
// state that checkpoints save and restore.
import { fromValues, noGrad, scope, sqrt, type Tensor } from '../deps.js';
import { globMatcher } from '../glob.js';
import type { Schedule } from '../schedules.js';

/** Options that can differ per parameter group. */
export interface GroupOptions {
  /** Multiplies the learning rate for this group (default 1). */
  lrScale?: number;
  /** L2 weight decay (decoupled in adamw). */
  weightDecay?: number;
}

/** Options every optimiser takes. */
export interface OptimizerOptions extends GroupOptions {
  /** Base learning rate; each optimiser's default is torch.optim's (sgd, momentum and nesterov require it, as torch.optim.SGD). */
  lr?: number;
  /** Learning rate as a function of the step and the base rate. */
  schedule?: Schedule;
  /** Clip each gradient element into [-clipValue, clipValue]. */
  clipValue?: number;
  /** Rescale all gradients together so their global L2 norm is at most clipNorm. */
  clipNorm?: number;
  /** Per-group options, by glob over parameter paths; the first match wins. */
  groups?: readonly ({ match: string } & GroupOptions)[];
}

/** What an update rule sees for one parameter. */
export interface UpdateContext {
  /** The parameter's current value. */
  readonly param: Tensor;
  /** Its gradient (after clipping and coupled weight decay). */
  readonly grad: Tensor;
  /** This step's learning rate for the parameter. */
  readonly lr: number;
  /** Steps taken so far, this one included (1 on the first step). */
  readonly step: number;
  /** The parameter's group options. */
  readonly group: GroupOptions;
  /** A persistent state tensor shaped like the parameter, zero (or `init`) on first use. */
  slot(name: string, init?: number): Tensor;
}

/** An update rule: the parameter's new value, with slots updated through `assign`. */
export type UpdateRule = (ctx: UpdateContext) => Tensor;

/** A gradient-based optimiser. Change `lr` at any time; the next step uses it. */
export class Optimizer {
  /** The base learning rate; a schedule, if any, is applied on top. */
  lr: number;
  /** Steps taken. */
  stepCount = 0;
  private readonly slots = new Map<string, Tensor>();
  private readonly groups: readonly { matches: (path: string) => boolean; options: GroupOptions }[];

  constructor(readonly name: string, private readonly options: OptimizerOptions, private readonly rule: UpdateRule, private readonly decoupledDecay = false) {
    if (!(options.lr! >= 0)) throw new Error(`${name}: lr must be a non-negative number, got ${options.lr}`);
    this.lr = options.lr!;
    this.groups = (options.groups ?? []).map(({ match, ...rest }) => ({ matches: globMatcher(match), options: rest }));
  }

  /** The learning rate the next step will use (schedule applied). */
  currentLr(): number {
    return this.options.schedule ? this.options.schedule(this.stepCount, this.lr) : this.lr;
  }

  private groupFor(path: string): GroupOptions {
    const own = this.groups.find((g) => g.matches(path))?.options ?? {};
    return { lrScale: own.lrScale ?? this.options.lrScale ?? 1, weightDecay: own.weightDecay ?? this.options.weightDecay ?? 0 };
  }

  /** Updates every named parameter that has a gradient, in place. */
  step(named: readonly [string, Tensor][]): void {
    const lr = this.currentLr();
    this.stepCount++;
    noGrad(() => scope(() => {
      const withGrads = named.filter(([, p]) => p.grad && p.requiresGrad);
      const grads = this.clip(withGrads.map(([, p]) => p.grad!));
      withGrads.forEach(([path, param], i) => {
        const group = this.groupFor(path);
        let grad = grads[i]!;
        if (group.weightDecay && !this.decoupledDecay) grad = grad.add(param.mul(group.weightDecay));
        const slot = (name: string, init = 0): Tensor => this.slot(`${path}/${name}`, param, init);
        param.assign(this.rule({ param, grad, lr: lr * group.lrScale!, step: this.stepCount, group, slot }));
      });
    }));
  }

  private clip(grads: Tensor[]): Tensor[] {
    let out = grads;
    const { clipValue, clipNorm } = this.options;
    if (clipValue !== undefined) out = out.map((g) => g.clip(-clipValue, clipValue));
    if (clipNorm !== undefined && out.length) {
      const norm = sqrt(out.map((g) => g.mul(g).sum()).reduce((a, b) => a.add(b)));
      const scale = norm.maximum(clipNorm).reciprocal().mul(clipNorm);
      out = out.map((g) => g.mul(scale));
    }
    return out;
  }

  private slot(key: string, like: Tensor, init: number): Tensor {
    let t = this.slots.get(key);
    if (!t) {
      t = fromValues(new Float32Array(like.size).fill(init), like.shape, 'float32', like.backend);
      t.kept = true;
      this.slots.set(key, t);
    }
    return t;
  }

  /**
   * Optimiser state by key (`path/slotName`): what checkpoints save, with `stepCount` beside it.
   * The tensors are the live slots, updated in place by later steps: read or copy them now.
   */
  state(): Map<string, Tensor> {
    return new Map(this.slots);
  }

  /** Restores state saved by {@link Optimizer.state | state()}; shapes must match the parameters'. */
  loadState(state: ReadonlyMap<string, Tensor>, stepCount: number): void {
    for (const [key, value] of state) {
      const existing = this.slots.get(key);
      if (existing && existing.shape.join() !== value.shape.join()) {
        throw new Error(`${this.name}.loadState: ${key} is [${value.shape.join(',')}], the optimiser has [${existing.shape.join(',')}]`);
      }
    }
    for (const [key, value] of state) {
      const copy = noGrad(() => value.reshape(value.shape));
      copy.kept = true;
      this.slots.get(key)?.dispose();
      this.slots.set(key, copy);
    }
    this.stepCount = stepCount;
  }

  /** Frees the state. */
  dispose(): void {
    for (const t of this.slots.values()) t.dispose();
    this.slots.clear();
  }
}

/** Clears the gradients of the given parameters, freeing them. */
export function zeroGrad(params: readonly Tensor[]): void {
  for (const p of params) {
    p.grad?.dispose();
    p.grad = null;
  }
}
