// The engine: memory scopes and what they keep, dispose and `using`, the live counters,
// errors for disposed inputs, runOp's own checks, assign, and op observers.
import {
  createJsBackend, dispose, fromValues, isTracking, keep, memory, onOp, runOp, scope, tensor, untracked, withTracking, type Tensor,
} from '@webgrad/tensor';
import { describe, expect, it } from 'vitest';

const live = (): number => memory().liveTensors;

describe('scope', () => {
  it('disposes intermediates and keeps what it returns', async () => {
    const x = tensor([1, 2]);
    let mid: Tensor | undefined;
    const y = scope(() => {
      mid = x.add(1);
      return mid.mul(2);
    });
    expect(mid!.isDisposed).toBe(true);
    expect(y.isDisposed).toBe(false);
    expect(x.isDisposed).toBe(false);
    expect(Array.from(await y.data())).toEqual([4, 6]);
  });

  it('leaves no new live tensors but the returned one', () => {
    const x = tensor([1, 2, 3]);
    const before = live();
    const y = scope(() => x.add(1).mul(x).sub(3).exp().sum());
    expect(live()).toBe(before + 1);
    y.dispose();
    expect(live()).toBe(before);
  });

  it('keeps tensors returned inside arrays, objects and maps', () => {
    const made: Tensor[] = [];
    const result = scope(() => {
      const t = (v: number): Tensor => {
        const r = tensor([v]);
        made.push(r);
        return r;
      };
      t(0); // made and not returned
      return { a: t(1), list: [t(2), { deep: t(3) }], map: new Map([['k', t(4)]]), n: 5 };
    });
    expect(made.map((t) => t.isDisposed)).toEqual([true, false, false, false, false]);
    expect(result.n).toBe(5);
  });

  it('does not dispose tensors passed to keep, nor ones made outside it', () => {
    const outside = tensor([1]);
    let kept: Tensor | undefined;
    let other: Tensor | undefined;
    scope(() => {
      kept = keep(outside.add(1));
      other = outside.add(2);
      expect(kept.kept).toBe(true);
    });
    expect(kept!.isDisposed).toBe(false);
    expect(other!.isDisposed).toBe(true);
    expect(outside.isDisposed).toBe(false);
  });

  it('hands returned tensors to the enclosing scope, which frees them unless it returns them too', () => {
    let inner: Tensor | undefined;
    let innerTemp: Tensor | undefined;
    const outer = scope(() => {
      inner = scope(() => {
        innerTemp = tensor([1]);
        return innerTemp.add(1);
      });
      expect(innerTemp!.isDisposed).toBe(true);
      expect(inner.isDisposed).toBe(false);
      return inner.mul(3);
    });
    expect(inner!.isDisposed).toBe(true);
    expect(outer.isDisposed).toBe(false);
    const survivor = scope(() => scope(() => tensor([7])));
    expect(survivor.isDisposed).toBe(false);
  });

  it('disposes what it made when fn throws, keeping kept tensors, and rethrows', () => {
    const before = live();
    let made: Tensor | undefined;
    let kept: Tensor | undefined;
    expect(() =>
      scope(() => {
        made = tensor([1, 2]);
        kept = keep(tensor([3]));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(made!.isDisposed).toBe(true);
    expect(kept!.isDisposed).toBe(false);
    expect(live()).toBe(before + 1);
  });

  it('refuses an fn that returns a Promise', () => {
    expect(() => scope(async () => tensor([1]))).toThrow(
      'scope: fn returned a Promise; scopes are synchronous, await outside and scope each synchronous step',
    );
  });

  it('returns non-tensor values untouched', () => {
    expect(scope(() => 42)).toBe(42);
    expect(scope(() => ({ a: [1, 'b'] }))).toEqual({ a: [1, 'b'] });
  });
});

describe('dispose', () => {
  it('is idempotent and counted once', () => {
    const before = live();
    const t = tensor([1, 2, 3]);
    expect(live()).toBe(before + 1);
    t.dispose();
    t.dispose();
    expect(t.isDisposed).toBe(true);
    expect(live()).toBe(before);
  });

  it('frees every tensor found in a structure', () => {
    const a = tensor([1]);
    const b = tensor([2]);
    const c = tensor([3]);
    dispose({ a, list: [b, { c }], n: 1 });
    expect([a, b, c].map((t) => t.isDisposed)).toEqual([true, true, true]);
  });

  it('frees a `using` tensor at the end of its block', () => {
    const before = live();
    let held: Tensor | undefined;
    {
      using t = tensor([1, 2]);
      held = t;
      expect(t.isDisposed).toBe(false);
    }
    expect(held.isDisposed).toBe(true);
    expect(live()).toBe(before);
  });

  it('makes later use of the tensor an error naming the op and the tensor', async () => {
    const x = tensor([1, 2]);
    x.dispose();
    expect(() => x.add(1)).toThrow('add: a Tensor([2], float32, disposed) was disposed');
    expect(() => tensor([1, 2]).mul(x)).toThrow('mul: b Tensor([2], float32, disposed) was disposed');
    expect(() => x.reshape([2, 1])).toThrow('reshape: x Tensor([2], float32, disposed) was disposed');
    expect(() => x.sum()).toThrow('sum: x Tensor([2], float32, disposed) was disposed');
    expect(() => x.dataSync()).toThrow('dataSync: Tensor([2], float32, disposed) was disposed');
    await expect(x.data()).rejects.toThrow('data: Tensor([2], float32, disposed) was disposed');
  });
});

describe('memory', () => {
  it('counts live tensors and their bytes by dtype', () => {
    const m0 = memory();
    const f = tensor([[1, 2, 3], [4, 5, 6]]);
    const i = tensor([1, 2, 3, 4], { dtype: 'int32' });
    const b = tensor([true, false, true]);
    const m1 = memory();
    expect(m1.liveTensors - m0.liveTensors).toBe(3);
    expect(m1.liveBytes - m0.liveBytes).toBe(6 * 4 + 4 * 4 + 3 * 1);
    expect(m1.backend).toBe('js');
    expect(m1.poolMisses).toBeGreaterThan(m0.poolMisses);
    dispose([f, i, b]);
    const m2 = memory();
    expect([m2.liveTensors, m2.liveBytes]).toEqual([m0.liveTensors, m0.liveBytes]);
  });

  it('counts composite ops as one tensor: their temporaries are freed', () => {
    const x = tensor([[1, 2, 3], [3, 2, 1]]);
    const xt = x.transpose();
    const before = live();
    const outs = [x.softmax(), x.logSoftmax(), x.gelu(), x.variance(1), x.logSumExp(), x.clip(1.5, 2.5), x.matmul(xt), x.mean(), x.exp(), x.div(2)];
    expect(live()).toBe(before + outs.length);
  });

  it('frees the output when a kernel throws', () => {
    const x = tensor([1, 2, 3]);
    const before = live();
    expect(() => x.gather([5])).toThrow('gather: index 5 is out of range for axis 0 of extent 3');
    expect(live()).toBe(before);
  });
});

describe('runOp', () => {
  it('checks the number of inputs against the op table', () => {
    const x = tensor([1]);
    expect(() => runOp('add', [x], {})).toThrow('add: expected 2 tensor inputs (a, b), got 1');
    expect(() => runOp('neg', [x, x], {})).toThrow('neg: expected 1 tensor inputs (x), got 2');
  });

  it('checks that inputs are tensors', () => {
    expect(() => runOp('neg', [3 as never], {})).toThrow('neg: x must be a Tensor, got number');
  });

  it('refuses inputs on different backends, naming both', () => {
    const other = createJsBackend({ name: 'other' });
    const x = tensor([1, 2]);
    const y = fromValues([3, 4], [2], 'float32', other);
    expect(y.backend.name).toBe('other');
    expect(() => x.add(y)).toThrow("add: b lives on backend 'other', a on 'js'");
    expect(() => runOp('concat', [x, y], { axis: 0 })).toThrow("concat: tensor 1 lives on backend 'other', tensor 0 on 'js'");
  });

  it('runs on the backend of the inputs, lifting scalars beside them', async () => {
    const other = createJsBackend({ name: 'other' });
    const y = fromValues([3, 4], [2], 'float32', other).add(1);
    expect(y.backend.name).toBe('other');
    expect(Array.from(await y.data())).toEqual([4, 5]);
  });

  it('checks the values fill the shape in fromValues', () => {
    expect(() => fromValues([1, 2, 3], [2, 2], 'float32')).toThrow('tensor: 3 values do not fill shape [2,2] (4 elements)');
  });
});

describe('assign', () => {
  it('moves the storage into the target and retires the value', async () => {
    const target = tensor([1, 2]);
    const value = tensor([5, 6]);
    const before = live();
    expect(target.assign(value)).toBe(target);
    expect(Array.from(await target.data())).toEqual([5, 6]);
    expect(value.isDisposed).toBe(true);
    expect(live()).toBe(before - 1);
  });

  it('refuses a value of another shape or dtype, or a disposed one', () => {
    const target = tensor([1, 2]);
    expect(() => target.assign(tensor([1, 2, 3]))).toThrow('assign: value Tensor([3], float32) must match target Tensor([2], float32) in shape and dtype');
    expect(() => target.assign(tensor([1, 2], { dtype: 'int32' }))).toThrow('assign: value Tensor([2], int32) must match target Tensor([2], float32)');
    const gone = tensor([1, 2]);
    gone.dispose();
    expect(() => target.assign(gone)).toThrow('assign: value Tensor([2], float32, disposed) was disposed');
  });
});

describe('op observers', () => {
  it('see every primitive with its inputs and attributes until removed', () => {
    const seen: string[] = [];
    const stop = onOp((op, inputs, attrs, out) => seen.push(`${op}/${inputs.length}/${JSON.stringify(attrs)}/${out.shape.join('x')}`));
    const x = tensor([[1, 2], [3, 4]]);
    x.sum(0);
    x.transpose();
    stop();
    x.neg();
    expect(seen).toEqual(['sum/1/{"axes":[0],"keepdims":false}/2', 'transpose/1/{"perm":[1,0]}/2x2']);
  });

  it('are silenced by untracked and withTracking(false), restored afterwards', () => {
    const seen: string[] = [];
    const stop = onOp((op) => seen.push(op));
    const x = tensor([1]);
    expect(isTracking()).toBe(true);
    untracked(() => {
      expect(isTracking()).toBe(false);
      x.neg();
    });
    withTracking(false, () => x.abs());
    expect(isTracking()).toBe(true);
    expect(() => untracked(() => { throw new Error('inner'); })).toThrow('inner');
    expect(isTracking()).toBe(true);
    x.relu();
    stop();
    expect(seen).toEqual(['relu']);
  });
});

describe('scope edge cases', () => {
  it('returns typed arrays without walking them, and frees what it made', () => {
    const before = memory().liveTensors;
    const values = scope(() => tensor([1, 2, 3]).mul(2).dataSync());
    expect(Array.from(values)).toEqual([2, 4, 6]);
    expect(memory().liveTensors).toBe(before);
  });

  it('frees what an async fn made before refusing its Promise', async () => {
    const before = memory().liveTensors;
    let promise: Promise<unknown> | undefined;
    expect(() => scope(() => {
      tensor([1]);
      promise = Promise.resolve();
      return promise;
    })).toThrow('scope: fn returned a Promise');
    await promise;
    expect(memory().liveTensors).toBe(before);
  });
});
