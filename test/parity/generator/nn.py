"""nn fixtures: layers (torch module vs webgrad layer with the same weights), losses, and
30-step optimiser trajectories. The torch -> webgrad parameter mapping is written once, in WG."""
import json

import torch
import torch.nn as tnn
import torch.nn.functional as F
from torch.nn.utils.stateless import _reparametrize_module

from fixture import Seeded, encode, evaluate, tensor
from ops import T, _json

rng = Seeded(1213)
LAYERS, LOSSES, OPTIMISERS = [], [], []


def options(opts):
    """A fixture name from webgrad options: 'stride 2, padding 1', or 'defaults'."""
    return ', '.join(f'{k} {json.dumps(v)}' for k, v in opts.items()) or 'defaults'


def L(name, *args):
    """A webgrad layer spec: nn[name](*args); an argument may itself be an L(...)."""
    return {'$layer': name, 'args': _json(list(args))}


# webgrad parameter path -> (torch state name, how a webgrad tensor becomes torch's). Dense and
# recurrent weights are [in, out] in webgrad, [out, in] in torch; webgrad's simpleRNN and LSTM have
# one bias, which is torch's bias_ih with bias_hh zero.
TRANSPOSED = lambda w: w.T
WG = {
    tnn.Linear: {'weight': ('weight', TRANSPOSED), 'bias': ('bias', None)},
    tnn.RNN: {'weight': ('weight_ih_l0', TRANSPOSED), 'recurrentWeight': ('weight_hh_l0', TRANSPOSED), 'bias': ('bias_ih_l0', None)},
    tnn.LSTM: {'weight': ('weight_ih_l0', TRANSPOSED), 'recurrentWeight': ('weight_hh_l0', TRANSPOSED), 'bias': ('bias_ih_l0', None)},
    tnn.GRU: {'weight': ('weight_ih_l0', TRANSPOSED), 'recurrentWeight': ('weight_hh_l0', TRANSPOSED), 'bias': ('bias_ih_l0', None), 'recurrentBias': ('bias_hh_l0', None)},
}


def wg_params(module, prefix='', torch_prefix=''):
    """The webgrad parameters of a torch module: [(path, value in webgrad's layout, torch name, to_torch)]."""
    out = []
    for name, child in module.named_children():
        wg_name = f'layers.{name}' if isinstance(module, tnn.Sequential) else name
        out += wg_params(child, f'{prefix}{wg_name}.', f'{torch_prefix}{name}.')
    mapping = WG.get(type(module), {n: (n, None) for n, _ in module.named_parameters(recurse=False)})
    for path, (torch_name, to_torch) in mapping.items():
        p = getattr(module, torch_name, None)
        if p is None:
            continue  # no bias
        p = p.detach()
        out.append((prefix + path, to_torch(p) if to_torch else p, torch_prefix + torch_name, to_torch))
    return out


def functional_call(module, state, args):
    """module(*args) with its parameters and buffers replaced by `state` (differentiable)."""
    with _reparametrize_module(module, state):
        if isinstance(module, tnn.RNNBase):  # its kernel reads a cached list, not the attributes
            module._flat_weights = [getattr(module, n) for n in module._flat_weights_names]
        return module(*args)


def torch_state(module, specs, values):
    """torch's state dict from webgrad-layout values (zeros for the torch parameters webgrad lacks)."""
    state = {n: torch.zeros_like(p) for n, p in module.named_parameters()}
    for (_, _, torch_name, to_torch), v in zip(specs, values):
        state[torch_name] = to_torch(v) if to_torch else v
    return state


def layer(spec, name, module, x, train=False, buffers=None, rnn=None):
    """A layer fixture: webgrad's `spec` against torch's `module` on input x (int inputs get no gradient)."""
    module.train(train)
    with torch.no_grad():  # random parameters, not torch's initialisation (batch norm's would be ones and zeros)
        for p in module.parameters():
            p.copy_(rng.uniform(*p.shape, lo=-1.0, hi=1.0))
    specs = wg_params(module)
    bufs = {k: v.clone() for k, v in (buffers or {}).items()}

    def fn(x, *values):
        state = {**torch_state(module, specs, values), **{k.replace('runningMean', 'running_mean').replace('runningVar', 'running_var'): v for k, v in bufs.items()}}
        y = functional_call(module, state, (x,))
        if rnn == 'sequences':
            return y[0]
        return y[0][:, -1] if rnn == 'last' else y

    result = evaluate(rng, fn, [x] + [s[1] for s in specs])
    LAYERS.append({'layer': spec['$layer'], 'name': name, 'spec': spec, 'train': train, 'params': [s[0] for s in specs],
                   'buffers': {k: encode(v) for k, v in (buffers or {}).items()}, 'buffersAfter': {k: encode(v) for k, v in bufs.items()}, **result})


def loss(name, case, torch_fn, inputs, *wg_args, make=None):
    """A loss fixture: nn[name](...make)(...wg_args) when make is given, else nn[name](...wg_args)."""
    args = wg_args if wg_args else [T(i) for i in range(len(inputs))]
    LOSSES.append({'loss': name, 'name': case, 'make': make, 'args': _json(list(args)), **evaluate(rng, torch_fn, inputs)})


# ------------------------------------------------------------------ layers
u = rng.uniform
for act in ['linear', 'relu', 'sigmoid', 'tanh']:
    f = {'linear': tnn.Identity(), 'relu': tnn.ReLU(), 'sigmoid': tnn.Sigmoid(), 'tanh': tnn.Tanh()}[act]
    layer(L('sequential', L('dense', 4, 3, {'activation': act})), f'dense activation {act}', tnn.Sequential(tnn.Linear(4, 3), f), u(5, 4))
layer(L('dense', 4, 3, {'bias': False}), 'no bias', tnn.Linear(4, 3, bias=False), u(2, 5, 4))
layer(L('sequential', L('dense', 4, 3), L('relu'), L('dense', 3, 2)), 'sequential with fused relu', tnn.Sequential(tnn.Linear(4, 3), tnn.ReLU(), tnn.Linear(3, 2)), u(5, 4))
CONVS = [({}, {}), ({'stride': 2, 'padding': 1}, dict(stride=2, padding=1)), ({'dilation': 2}, dict(dilation=2)), ({'groups': 2}, dict(groups=2)),
         ({'padding': 'same'}, dict(padding='same')), ({'stride': [2, 1], 'padding': [1, 0], 'bias': False}, dict(stride=(2, 1), padding=(1, 0), bias=False))]
for wg_opts, t_opts in CONVS:
    layer(L('conv2d', 2, 4, 3, wg_opts), options(wg_opts), tnn.Conv2d(2, 4, 3, **t_opts), u(2, 2, 7, 6))
POOLS = [({}, {}), ({'stride': 1}, dict(stride=1)), ({'padding': 1}, dict(padding=1)), ({'ceilMode': True}, dict(ceil_mode=True)), ({'stride': 1, 'padding': 1, 'ceilMode': True}, dict(stride=1, padding=1, ceil_mode=True))]
for wg_opts, t_opts in POOLS:
    layer(L('maxPool2d', 2, wg_opts), options(wg_opts), tnn.MaxPool2d(2, **t_opts), u(1, 2, 5, 5))
for wg_opts, t_opts in POOLS + [({'padding': 1, 'countIncludePad': False}, dict(padding=1, count_include_pad=False)), ({'padding': 1, 'countIncludePad': True}, dict(padding=1, count_include_pad=True))]:
    layer(L('avgPool2d', 2, wg_opts), options(wg_opts), tnn.AvgPool2d(2, **t_opts), u(1, 2, 5, 5))
stats = lambda c: {'runningMean': u(c, lo=-1, hi=1), 'runningVar': u(c, lo=0.5, hi=2)}
for train in (True, False):
    mode = 'train' if train else 'eval'
    layer(L('batchNorm1d', 3), f'batchNorm1d {mode}', tnn.BatchNorm1d(3), u(6, 3), train, stats(3))
    layer(L('batchNorm1d', 3, {'momentum': 0.3, 'eps': 1e-3, 'affine': False}), f'batchNorm1d momentum 0.3, eps 1e-3, no affine, {mode}', tnn.BatchNorm1d(3, momentum=0.3, eps=1e-3, affine=False), u(6, 3), train, stats(3))
    layer(L('batchNorm2d', 2), f'batchNorm2d {mode}', tnn.BatchNorm2d(2), u(3, 2, 3, 3), train, stats(2))
layer(L('layerNorm', 4), 'layerNorm', tnn.LayerNorm(4), u(3, 4))
layer(L('layerNorm', [3, 4], {'eps': 1e-3, 'affine': False}), 'layerNorm two axes, eps 1e-3, no affine', tnn.LayerNorm([3, 4], eps=1e-3, elementwise_affine=False), u(2, 3, 4))
layer(L('embedding', 5, 3), 'embedding', tnn.Embedding(5, 3), tensor([[0, 4, 4], [2, 1, 0]], torch.int32).long())
layer(L('dropout', 0.5), 'dropout eval is the identity', tnn.Dropout(0.5), u(3, 4))
layer(L('dropout', 0), 'dropout p 0 in training is the identity', tnn.Dropout(0.0), u(3, 4), train=True)
for name, args, mod in [('relu', [], tnn.ReLU()), ('leakyRelu', [0.2], tnn.LeakyReLU(0.2)), ('elu', [0.7], tnn.ELU(0.7)), ('gelu', [], tnn.GELU()),
                        ('sigmoid', [], tnn.Sigmoid()), ('tanh', [], tnn.Tanh()), ('softmax', [0], tnn.Softmax(0)), ('flatten', [], tnn.Flatten())]:
    layer(L(name, *args), f'{name} layer', mod, u(2, 3, 2))
layer(L('gelu', {'approximate': 'tanh'}), 'gelu layer, tanh', tnn.GELU(approximate='tanh'), u(2, 3, 2))
for kind, torch_rnn in [('simpleRNN', tnn.RNN), ('lstm', tnn.LSTM), ('gru', tnn.GRU)]:
    layer(L(kind, 3, 4), f'{kind} sequences', torch_rnn(3, 4, batch_first=True), u(2, 5, 3), rnn='sequences')
    layer(L(kind, 3, 2, {'returnSequences': False}), f'{kind} last state', torch_rnn(3, 2, batch_first=True), u(3, 4, 3), rnn='last')

# ------------------------------------------------------------------ losses
p, t = u(4, 3), u(4, 3)
loss('mse', 'random', F.mse_loss, [p, t])
loss('mae', 'random', F.l1_loss, [p, t])
loss('mae', 'exact matches', F.l1_loss, [tensor([1.0, 2.0, -1.0]), tensor([1.0, 0.0, -1.0])])
loss('huber', 'default delta 1', F.huber_loss, [p, t * 2], make=[])
loss('huber', 'delta 0.5', lambda a, b: F.huber_loss(a, b, delta=0.5), [p, t], make=[0.5])
loss('softmaxCrossEntropy', 'class indices', lambda z, y: F.cross_entropy(z, y.long()), [u(4, 3), tensor([2, 0, 1, 2], torch.int32)])
loss('softmaxCrossEntropy', 'probabilities', F.cross_entropy, [u(4, 3), torch.softmax(u(4, 3), 1)])
loss('binaryCrossEntropy', 'random logits, 0/1 targets', F.binary_cross_entropy_with_logits, [u(4, 2, lo=-4, hi=4), (u(4, 2) > 0).float()])
loss('binaryCrossEntropy', 'logit 0', F.binary_cross_entropy_with_logits, [tensor([0.0, 0.0]), tensor([1.0, 0.0])])
loss('binaryCrossEntropy', 'soft targets', F.binary_cross_entropy_with_logits, [u(3, 2), u(3, 2, lo=0, hi=1)])
loss('l1', 'two tensors', lambda a, b: 0.1 * (a.abs().sum() + b.abs().sum()), [u(3, 2), u(2)], [T(0), T(1)], 0.1)
loss('l2', 'two tensors', lambda a, b: 0.1 * ((a * a).sum() + (b * b).sum()), [u(3, 2), u(2)], [T(0), T(1)], 0.1)

# ------------------------------------------------------------------ optimisers
STEPS, MODEL = 30, L('sequential', L('dense', 4, 3), L('tanh'), L('dense', 3, 2))
_model = tnn.Sequential(tnn.Linear(4, 3), tnn.Tanh(), tnn.Linear(3, 2))
_start = wg_params(_model)
_batches = [(u(5, 4), u(5, 2)) for _ in range(3)]


def optimiser(name, wg_options, make):
    """A trajectory: STEPS steps of mse on the batches in turn, from the same start for every optimiser."""
    specs = _start
    values = [s[1].clone().requires_grad_() for s in specs]
    opt = make(values)
    losses, snapshots = [], {}
    for step in range(1, STEPS + 1):
        x, y = _batches[(step - 1) % len(_batches)]
        opt.zero_grad()
        value = F.mse_loss(functional_call(_model, torch_state(_model, specs, values), (x,)), y)
        value.backward()
        opt.step()
        losses.append(value.item())
        if step in (1, 10, STEPS):
            snapshots[step] = [encode(v) for v in values]
    OPTIMISERS.append({'optimiser': name, 'name': options(wg_options), 'options': wg_options, 'model': MODEL, 'params': [s[0] for s in specs],
                       'start': [encode(s[1]) for s in specs], 'batches': [[encode(x), encode(y)] for x, y in _batches],
                       'losses': encode(tensor(losses)), 'snapshots': snapshots})


O = torch.optim
optimiser('sgd', {'lr': 0.1}, lambda p: O.SGD(p, lr=0.1))
optimiser('sgd', {'lr': 0.1, 'weightDecay': 0.05}, lambda p: O.SGD(p, lr=0.1, weight_decay=0.05))
optimiser('momentum', {'lr': 0.05, 'momentum': 0.8}, lambda p: O.SGD(p, lr=0.05, momentum=0.8))
optimiser('nesterov', {'lr': 0.05, 'momentum': 0.8}, lambda p: O.SGD(p, lr=0.05, momentum=0.8, nesterov=True))
optimiser('adagrad', {'lr': 0.1, 'initialAccumulator': 0.1, 'epsilon': 1e-7}, lambda p: O.Adagrad(p, lr=0.1, initial_accumulator_value=0.1, eps=1e-7))
optimiser('adagrad', {'lr': 0.1}, lambda p: O.Adagrad(p, lr=0.1))
optimiser('adadelta', {'lr': 1.0, 'rho': 0.9, 'epsilon': 1e-6}, lambda p: O.Adadelta(p, lr=1.0, rho=0.9, eps=1e-6))
optimiser('adadelta', {'lr': 1.0}, lambda p: O.Adadelta(p))
optimiser('rmsprop', {'lr': 0.01, 'rho': 0.99, 'epsilon': 1e-8}, lambda p: O.RMSprop(p, lr=0.01, alpha=0.99, eps=1e-8))
optimiser('rmsprop', {'lr': 0.01}, lambda p: O.RMSprop(p, lr=0.01))
optimiser('adam', {'lr': 0.01, 'beta1': 0.8, 'beta2': 0.99, 'epsilon': 1e-8}, lambda p: O.Adam(p, lr=0.01, betas=(0.8, 0.99), eps=1e-8))
optimiser('adam', {'lr': 0.01, 'beta1': 0.9, 'beta2': 0.999, 'epsilon': 0.1}, lambda p: O.Adam(p, lr=0.01, eps=0.1))
optimiser('adam', {'lr': 0.001}, lambda p: O.Adam(p))
optimiser('adamw', {'lr': 0.01, 'beta1': 0.9, 'beta2': 0.999, 'epsilon': 1e-8, 'weightDecay': 0.1}, lambda p: O.AdamW(p, lr=0.01, weight_decay=0.1))
optimiser('adamw', {'lr': 0.001}, lambda p: O.AdamW(p))
