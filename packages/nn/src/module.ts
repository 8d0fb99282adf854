// Modules: objects that own parameters, buffers and child modules, each reachable by a dotted
// path (`layers.0.weight`). The paths are the registry that globs, optimisers and checkpoints use.
import { keep, variable, type Tensor } from './deps.js';

/**
 * The base of every layer and model. Subclasses register what they own in the constructor
 * (`this.parameter`, `this.buffer`, `this.module`) and compute in `forward`.
 */
export abstract class Module {
  /** Training mode: dropout drops and batch norm updates its statistics. `eval()` turns it off. */
  training = true;
  /** This module's path in its model (`layers.1`), '' for the root; used in error messages. */
  path = '';
  private readonly ownParameters = new Map<string, Tensor>();
  private readonly ownBuffers = new Map<string, Tensor>();
  private readonly ownModules = new Map<string, Module>();

  /** A short name of the layer kind, used in errors: 'dense', 'conv2d'. */
  abstract readonly kind: string;

  /** Computes the module's output. */
  abstract forward(x: Tensor, ...rest: Tensor[]): Tensor;

  /** Registers a trainable tensor under `name`; it is kept out of scopes and tracked by autograd. */
  protected parameter(name: string, value: Tensor): Tensor {
    this.ownParameters.set(name, keep(variable(value)));
    return value;
  }

  /** Registers a non-trainable tensor (running statistics) that checkpoints still save. */
  protected buffer(name: string, value: Tensor): Tensor {
    this.ownBuffers.set(name, keep(value));
    return value;
  }

  /** Registers a child module under `name`. */
  protected module<M extends Module>(name: string, child: M): M {
    this.ownModules.set(name, child);
    child.setPath(this.path ? `${this.path}.${name}` : name);
    return child;
  }

  private setPath(path: string): void {
    this.path = path;
    for (const [name, child] of this.ownModules) child.setPath(`${path}.${name}`);
  }

  /** Every parameter below this module with its dotted path, in registration order. */
  namedParameters(): [string, Tensor][] {
    return this.walk((m) => m.ownParameters);
  }

  /** Every buffer below this module with its dotted path. */
  namedBuffers(): [string, Tensor][] {
    return this.walk((m) => m.ownBuffers);
  }

  /** Every module below this one (itself included, as ''), with its path relative to this one. */
  namedModules(prefix = ''): [string, Module][] {
    const out: [string, Module][] = [[prefix, this]];
    for (const [name, child] of this.ownModules) out.push(...child.namedModules(prefix ? `${prefix}.${name}` : name));
    return out;
  }

  /** The parameters alone. */
  parameters(): Tensor[] {
    return this.namedParameters().map(([, t]) => t);
  }

  private walk(own: (m: Module) => Map<string, Tensor>): [string, Tensor][] {
    return this.namedModules().flatMap(([prefix, m]) => [...own(m)].map(([name, t]): [string, Tensor] => [prefix ? `${prefix}.${name}` : name, t]));
  }

  /** Sets training mode on this module and every child; returns this. */
  train(on = true): this {
    for (const [, m] of this.namedModules()) m.training = on;
    return this;
  }

  /** Sets evaluation mode (dropout off, batch norm uses running statistics); returns this. */
  eval(): this {
    return this.train(false);
  }

  /** Frees every parameter (with its gradient, if any) and buffer. */
  dispose(): void {
    for (const [, p] of this.namedParameters()) {
      p.grad?.dispose();
      p.grad = null;
    }
    for (const [, t] of [...this.namedParameters(), ...this.namedBuffers()]) t.dispose();
  }

  /**
   * What is wrong with a checkpoint whose tensors for this module fit its shapes but not its
   * meaning (a GRU file of the other form); `has` says whether the file holds this module's
   * tensor `name`. None by default; `checkpoint.load` reports them with its other problems.
   */
  checkpointProblems(_has: (name: string) => boolean): string[] {
    return [];
  }

  /** `dense 'layers.0'`, for error messages. */
  describe(): string {
    return this.path ? `${this.kind} '${this.path}'` : this.kind;
  }
}

/** Throws an error naming the layer, what it expected and the shape it got. */
export function shapeError(module: Module, expected: string, got: readonly number[]): Error {
  return new Error(`${module.describe()}: expected input ${expected}, got [${got.join(',')}]`);
}
