"""What every fixture is made of: tensors encoded compactly, seeded inputs, and the forward
value plus gradients (first and second order) of a torch function at those inputs."""
import base64

import numpy as np
import torch

torch.set_default_dtype(torch.float32)
_DTYPES = {torch.float32: ('float32', '<f4'), torch.int32: ('int32', '<i4'), torch.int64: ('int32', '<i4'), torch.bool: ('bool', 'u1')}

# IEEE values that break naive rules: signed zeros, infinities, NaN, and halves (rounding ties).
SPECIALS = [0.0, -0.0, float('inf'), float('-inf'), float('nan'), 1.0, -1.0, 0.5, -0.5, 1.5, -2.5, 2.0]
# Without NaN: gradients at NaN have cases of their own, so that a NaN convention shows apart.
NUMBERS = [v for v in SPECIALS if v == v]


def encode(t):
    """A tensor as {shape, dtype, data}: data is base64 of its little-endian bytes."""
    name, fmt = _DTYPES[t.dtype]
    raw = t.detach().contiguous().numpy().astype(fmt).tobytes()
    return {'shape': list(t.shape), 'dtype': name, 'data': base64.b64encode(raw).decode('ascii')}


class Seeded:
    """Inputs drawn from one generator per fixture file, so regenerating gives the same bytes."""

    def __init__(self, seed):
        self.g = torch.Generator().manual_seed(seed)

    def uniform(self, *shape, lo=-2.0, hi=2.0):
        return torch.rand(shape, generator=self.g) * (hi - lo) + lo

    def normal(self, *shape):
        return torch.randn(shape, generator=self.g)

    def ints(self, *shape, lo=0, hi=10):
        return torch.randint(lo, hi, shape, generator=self.g, dtype=torch.int32)

    def bools(self, *shape):
        return torch.rand(shape, generator=self.g) < 0.5


def tensor(values, dtype=torch.float32):
    return torch.tensor(values, dtype=dtype)


def _floats(ts):
    return [i for i, t in enumerate(ts) if t.dtype == torch.float32]


def _cotangent(rng, out):
    # A random cotangent, so the gradient of sum(out * cot) tests the whole vector-Jacobian product.
    return rng.uniform(*out.shape, lo=-1.0, hi=1.0)


def evaluate(rng, fn, inputs, order=1):
    """fn's output at inputs, and when it is float and order >= 1, the gradients of sum(out * cot)
    with respect to every float input; with order 2, also those of sum(grads * cot2)."""
    leaves = [t.clone().requires_grad_(t.dtype == torch.float32) for t in inputs]
    out = fn(*leaves)
    result = {'inputs': [encode(t) for t in inputs], 'out': encode(out)}
    wrt = _floats(inputs)
    if order < 1 or out.dtype != torch.float32 or not wrt or not out.requires_grad:
        return result
    cot = _cotangent(rng, out)
    grads = torch.autograd.grad((out * cot).sum(), [leaves[i] for i in wrt], create_graph=order > 1, allow_unused=True)
    grads = [torch.zeros_like(leaves[i]) if g is None else g for i, g in zip(wrt, grads)]
    result.update(cot=encode(cot), wrt=wrt, grads=[encode(g) for g in grads])
    if order > 1:
        cot2 = [_cotangent(rng, g) for g in grads]
        total = sum(((g * c).sum() for g, c in zip(grads, cot2) if g.requires_grad), torch.zeros(()))
        grads2 = torch.autograd.grad(total, [leaves[i] for i in wrt], allow_unused=True) if total.requires_grad else [None] * len(wrt)
        grads2 = [torch.zeros_like(leaves[i]) if g is None else g for i, g in zip(wrt, grads2)]
        result.update(cot2=[encode(c) for c in cot2], grads2=[encode(g) for g in grads2])
    return result
