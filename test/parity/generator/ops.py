"""Op fixtures: one line per case. `case(op, name, torch_fn, inputs, *wg_args, fn=...)` says which
op of webgrad's op table it covers, the torch function, the inputs and how webgrad is called:
`wg[fn](*wg_args)`, where T(i) stands for input i (fn defaults to op; args to the inputs)."""
import torch
import torch.nn.functional as F

from fixture import NUMBERS, SPECIALS, Seeded, evaluate, tensor

rng = Seeded(12)
CASES = []


class T:
    """Input i, where a webgrad argument takes a tensor."""

    def __init__(self, i):
        self.i = i


def _json(arg):
    if isinstance(arg, T):
        return {'$': arg.i}
    if isinstance(arg, (list, tuple)):
        return [_json(a) for a in arg]
    if isinstance(arg, dict):
        return {k: _json(v) for k, v in arg.items()}
    return arg


def case(op, name, torch_fn, inputs, *wg_args, fn=None, order=1):
    args = wg_args if wg_args else [T(i) for i in range(len(inputs))]
    CASES.append({'op': op, 'fn': fn or op, 'name': name, 'args': _json(list(args)), 'order': order, **evaluate(rng, torch_fn, inputs, order)})


def u(*shape, lo=-2.0, hi=2.0):
    return rng.uniform(*shape, lo=lo, hi=hi)


def edge():
    return tensor(NUMBERS)


def grid(a, b):
    """Every pair of a value of a with one of b, as two flat tensors."""
    return [tensor(a).repeat_interleave(len(b)), tensor(b).repeat(len(a))]


NAN = float('nan')

# --- unary: a random case (domain-shifted where needed), the specials, and second order for the smooth ones.
UNARY = {
    'neg': (torch.neg, u), 'abs': (torch.abs, u), 'sign': (torch.sign, u), 'relu': (torch.relu, u),
    'floor': (torch.floor, u), 'ceil': (torch.ceil, u), 'round': (torch.round, u),
    'exp': (torch.exp, u), 'log': (torch.log, lambda *s: u(*s, lo=0.1, hi=3)), 'log1p': (torch.log1p, lambda *s: u(*s, lo=-0.9, hi=3)),
    'expm1': (torch.expm1, u), 'sqrt': (torch.sqrt, lambda *s: u(*s, lo=0.1, hi=3)), 'rsqrt': (torch.rsqrt, lambda *s: u(*s, lo=0.1, hi=3)),
    'reciprocal': (torch.reciprocal, lambda *s: u(*s, lo=0.2, hi=3)), 'sin': (torch.sin, u), 'cos': (torch.cos, u),
    'tanh': (torch.tanh, u), 'sigmoid': (torch.sigmoid, u),
}
SMOOTH = {'exp', 'log', 'log1p', 'expm1', 'sqrt', 'rsqrt', 'reciprocal', 'sin', 'cos', 'tanh', 'sigmoid'}
for name, (f, gen) in UNARY.items():
    case(name, 'random', f, [gen(3, 4)], order=2 if name in SMOOTH else 1)
    case(name, 'specials', f, [edge()])
    case(name, 'NaN', f, [tensor([NAN, NAN])])
case('logicalNot', 'random', torch.logical_not, [rng.bools(3, 4)])

# --- composites of the frontend, through their public functions.
case('erf', 'random', torch.erf, [u(3, 4)], order=2)
case('erf', 'specials', torch.erf, [edge()])
case('erf', 'NaN', torch.erf, [tensor([NAN])])
case('softplus', 'random', F.softplus, [u(3, 4, lo=-4, hi=4)], fn='softplus', order=2)
case('softplus', 'at zero', F.softplus, [tensor([0.0, -0.0, 1.0])])
case('elu', 'random', F.elu, [u(3, 4)], T(0), 1.0)
case('elu', 'at zero', F.elu, [tensor([0.0, -0.0, 1.0, -1.0])], T(0), 1.0)
case('elu', 'alpha 0.5', lambda x: F.elu(x, 0.5), [u(3, 4)], T(0), 0.5)
case('leakyRelu', 'random', lambda x: F.leaky_relu(x, 0.1), [u(3, 4)], T(0), 0.1)
case('gelu', 'exact (default)', F.gelu, [u(3, 4, lo=-4, hi=4)], order=2)
case('gelu', 'tanh', lambda x: F.gelu(x, approximate='tanh'), [u(3, 4, lo=-4, hi=4)], T(0), {'approximate': 'tanh'}, order=2)
case('gelu', 'exact, explicit', F.gelu, [u(3, 4, lo=-4, hi=4)], T(0), {'approximate': 'none'})
case('clip', 'random', lambda x: torch.clamp(x, -1, 1), [u(3, 4)], T(0), -1, 1)
case('clip', 'at the bounds', lambda x: torch.clamp(x, -1, 1), [tensor([-1.0, 1.0, 0.0, 2.0])], T(0), -1, 1)
case('square', 'random', torch.square, [u(3, 4)], order=2)

# --- binary: random with broadcasting, every pair of specials, ties, second order.
BINARY = {'add': torch.add, 'sub': torch.sub, 'mul': torch.mul, 'div': torch.div, 'maximum': torch.maximum, 'minimum': torch.minimum}
for name, f in BINARY.items():
    case(name, 'broadcast', f, [u(3, 4), u(1, 4)], order=2 if name in ('mul', 'div') else 1)
    case(name, 'specials', f, grid(NUMBERS, NUMBERS))
    case(name, 'NaN', f, [tensor([NAN, 1.0, NAN]), tensor([1.0, NAN, NAN])])
case('add', 'int32', torch.add, [rng.ints(3, 4, lo=-5, hi=5), rng.ints(1, 4, lo=-5, hi=5)])
case('add', 'bool', torch.add, [tensor([True, True, False]), tensor([True, False, False])])
for name in ('maximum', 'minimum'):
    case(name, 'ties', BINARY[name], [tensor([1.0, -2.0, 0.0]), tensor([1.0, -2.0, 0.0])])
case('pow', 'positive base', torch.pow, [u(3, 4, lo=0.2, hi=3), u(3, 4)], order=2)
case('pow', 'integer exponents', torch.pow, [u(3, 4, lo=0.2, hi=3), tensor([[0.0, 1.0, 2.0, 3.0]] * 3)])
case('pow', 'specials, positive bases', torch.pow, grid([v for v in NUMBERS if v > 0], NUMBERS))
case('pow', 'specials, zero and negative bases', torch.pow, grid([v for v in NUMBERS if v <= 0], NUMBERS), order=0)
# int32 exponents, then int32 bases, so that one argument at a time is differentiated
case('pow', 'base gradient at zero and negative bases', torch.pow, [tensor([0.0, -0.0, -1.0, -2.5, -0.5, 0.0]), tensor([2, 3, 3, 2, -1, 0], torch.int32)])
case('pow', 'exponent gradient at zero and negative bases', torch.pow, [tensor([0, -1, -3, -2], torch.int32), tensor([2.0, 3.0, 2.0, -1.0])])
case('pow', 'one to infinities and NaN', torch.pow, [tensor([1.0, 1.0, 1.0]), tensor([float('inf'), float('-inf'), NAN])])
case('pow', 'minus one to infinities', torch.pow, [tensor([-1.0, -1.0]), tensor([float('inf'), float('-inf')])], order=0)
case('pow', 'NaN', torch.pow, [tensor([NAN, 2.0, NAN, NAN]), tensor([2.0, NAN, NAN, 0.0])], order=0)
for name, f in {'eq': torch.eq, 'ne': torch.ne, 'lt': torch.lt, 'le': torch.le, 'gt': torch.gt, 'ge': torch.ge}.items():
    case(name, 'specials', f, grid(SPECIALS, SPECIALS))
case('logicalAnd', 'random', torch.logical_and, [rng.bools(3, 4), rng.bools(3, 4)])
case('logicalOr', 'random', torch.logical_or, [rng.bools(3, 4), rng.bools(3, 4)])
case('where', 'broadcast', torch.where, [rng.bools(3, 4), u(3, 4), u(1, 4)])
case('cast', 'float to int32 (truncates)', lambda x: x.to(torch.int32), [u(3, 4, lo=-5, hi=5)], T(0), 'int32')
case('cast', 'float to bool', lambda x: x != 0, [tensor([0.0, -0.0, 1.0, float('nan'), float('inf'), -2.5])], T(0), 'bool')

# --- reductions: axes, keepdims, ties, zeros.
case('sum', 'axis 1', lambda x: x.sum(1), [u(3, 4)], T(0), 1)
case('sum', 'specials', lambda x: x.sum(0), [tensor(SPECIALS).reshape(3, 4)], T(0), 0)
case('sum', 'all, keepdims', lambda x: x.sum((0, 1), keepdim=True), [u(3, 4)], T(0), None, True)
case('prod', 'axis 0', lambda x: x.prod(0), [u(3, 4)], T(0), 0, order=2)
case('prod', 'one zero', lambda x: x.prod(1), [tensor([[1.0, 0.0, 2.0, 3.0], [0.0, 0.0, 2.0, 1.0]])], T(0), 1)
case('max', 'axis 1', lambda x: x.amax(1), [u(3, 4)], T(0), 1)
case('max', 'ties', lambda x: x.amax(1), [tensor([[1.0, 3.0, 3.0, 0.0], [2.0, 2.0, 2.0, 2.0]])], T(0), 1)
case('max', 'specials', lambda x: x.amax(0), [tensor(SPECIALS).reshape(3, 4)], T(0), 0, order=0)
case('min', 'axis 0', lambda x: x.amin(0), [u(3, 4)], T(0), 0)
case('min', 'ties', lambda x: x.amin(1), [tensor([[1.0, -3.0, -3.0, 0.0]])], T(0), 1)
case('argmax', 'axis 1', lambda x: x.argmax(1).int(), [u(3, 4)], T(0), 1)
case('argmin', 'axis 0', lambda x: x.argmin(0).int(), [u(3, 4)], T(0), 0)
case('mean', 'axis 1', lambda x: x.mean(1), [u(3, 4)], T(0), 1, fn='mean')
case('variance', 'axis 1, unbiased', lambda x: x.var(1), [u(3, 4)], T(0), 1, False, 1, fn='variance', order=2)
case('logSumExp', 'axis 1', lambda x: x.logsumexp(1), [u(3, 4)], T(0), 1, fn='logSumExp', order=2)
case('softmax', 'axis -1', lambda x: x.softmax(-1), [u(3, 4)], T(0), -1, order=2)
case('softmax', 'axis 0, infinities', lambda x: x.softmax(0), [tensor([[float('-inf'), 1.0], [0.0, 2.0]])], T(0), 0)
case('logSoftmax', 'axis -1', lambda x: x.log_softmax(-1), [u(3, 4)], T(0), -1, order=2)

# --- linear algebra.
case('matmul', 'plain', torch.matmul, [u(3, 4), u(4, 2)], order=2)
case('matmul', 'batched, broadcast', torch.matmul, [u(2, 3, 4), u(4, 2)])
case('matmul', 'transposed', lambda a, b: a.T @ b.T, [u(4, 3), u(2, 4)], T(0), T(1), {'transposeA': True, 'transposeB': True})
for act, f in {'linear': lambda y: y, 'relu': torch.relu, 'sigmoid': torch.sigmoid, 'tanh': torch.tanh}.items():
    case('dense', act, lambda x, w, b, f=f: f(x @ w + b), [u(3, 4), u(4, 2), u(2)], T(0), T(1), T(2), {'activation': act}, order=2 if act == 'tanh' else 1)

# --- layout.
case('reshape', 'random', lambda x: x.reshape(4, 3), [u(3, 4)], T(0), [4, 3])
case('transpose', 'perm', lambda x: x.permute(2, 0, 1), [u(2, 3, 4)], T(0), [2, 0, 1])
case('broadcastTo', 'random', lambda x: x.expand(3, 4), [u(1, 4)], T(0), [3, 4])
case('slice', 'strided', lambda x: x[1:3, ::2], [u(3, 4)], T(0), [1, 0], [3, 4], [1, 2], order=2)
case('slice', 'reversed', lambda x: x.flip(1), [u(3, 4)], T(0), [0, -1], [3, None], [1, -1])
case('concat', 'axis 1', lambda a, b: torch.cat([a, b], 1), [u(3, 2), u(3, 4)], [T(0), T(1)], 1)
case('pad', 'value', lambda x: F.pad(x, (2, 1, 0, 1), value=0.5), [u(3, 4)], T(0), [[0, 1], [2, 1]], 0.5)
case('tile', 'random', lambda x: x.repeat(2, 3), [u(2, 3)], T(0), [2, 3])
case('gather', 'axis 0, repeats', lambda x, i: x[i.long()], [u(4, 3), tensor([3, 0, 3, 1], torch.int32)], T(0), T(1), 0)
case('gather', 'axis 1', lambda x, i: x[:, i.long()], [u(2, 4), tensor([[1, 1], [0, 3]], torch.int32)], T(0), T(1), 1)
case('scatterAdd', 'repeats', lambda i, v: torch.zeros(5, 3).index_add(0, i.long(), v), [tensor([4, 0, 4, 2], torch.int32), u(4, 3)], T(0), T(1), 0, 5)
case('stack', 'axis 1', lambda a, b: torch.stack([a, b], 1), [u(2, 3), u(2, 3)], [T(0), T(1)], 1, fn='stack')

# --- convolution and pooling.
def conv(stride=1, padding=0, dilation=1, groups=1):
    return lambda x, w: F.conv2d(x, w, stride=stride, padding=padding, dilation=dilation, groups=groups)


case('conv2d', 'plain', conv(), [u(2, 2, 5, 5), u(3, 2, 3, 3)], order=2)
case('conv2d', 'stride 2, padding 1', conv(2, 1), [u(1, 2, 6, 5), u(2, 2, 3, 3)], T(0), T(1), {'stride': 2, 'padding': 1})
case('conv2d', 'dilation 2', conv(dilation=2), [u(1, 1, 7, 7), u(2, 1, 3, 3)], T(0), T(1), {'dilation': 2})
case('conv2d', 'groups 2', conv(groups=2), [u(1, 4, 4, 4), u(4, 2, 2, 2)], T(0), T(1), {'groups': 2})
case('conv2d', 'asymmetric stride, padding', conv((1, 2), (0, 1)), [u(1, 2, 4, 5), u(2, 2, 2, 3)], T(0), T(1), {'stride': [1, 2], 'padding': [0, 1]})
case('maxPool2d', 'plain', lambda x: F.max_pool2d(x, 2), [u(1, 2, 4, 6)], T(0), 2, order=2)
case('maxPool2d', 'stride 1, padding 1', lambda x: F.max_pool2d(x, 3, 1, 1), [u(1, 1, 4, 4)], T(0), 3, {'stride': 1, 'padding': 1})
case('maxPool2d', 'ceilMode', lambda x: F.max_pool2d(x, 2, ceil_mode=True), [u(1, 1, 5, 5)], T(0), 2, {'ceilMode': True})
case('avgPool2d', 'plain', lambda x: F.avg_pool2d(x, 2), [u(1, 2, 4, 6)], T(0), 2, order=2)
case('avgPool2d', 'padding, countIncludePad false', lambda x: F.avg_pool2d(x, 3, 1, 1, count_include_pad=False), [u(1, 1, 4, 4)], T(0), 3, {'stride': 1, 'padding': 1, 'countIncludePad': False})
case('avgPool2d', 'padding, countIncludePad default', lambda x: F.avg_pool2d(x, 3, 1, 1), [u(1, 1, 4, 4)], T(0), 3, {'stride': 1, 'padding': 1})
case('avgPool2d', 'padding, countIncludePad true', lambda x: F.avg_pool2d(x, 3, 2, 1, count_include_pad=True), [u(1, 1, 5, 5)], T(0), 3, {'stride': 2, 'padding': 1, 'countIncludePad': True})
case('avgPool2d', 'ceilMode', lambda x: F.avg_pool2d(x, 2, ceil_mode=True), [u(1, 1, 5, 5)], T(0), 2, {'ceilMode': True})
