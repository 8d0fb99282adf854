"""Writes the PyTorch parity fixtures (test/parity/fixtures/*.json) from torch 1.13 on the CPU.
Run with `pnpm parity:generate` (Debian's /usr/bin/python3 with python3-torch)."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), 'generator'))
import torch  # noqa: E402

torch.manual_seed(0)
import nn  # noqa: E402
import ops  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), 'fixtures')
for name, cases in {'ops': ops.CASES, 'layers': nn.LAYERS, 'losses': nn.LOSSES, 'optimisers': nn.OPTIMISERS}.items():
    path = os.path.join(OUT, f'{name}.json')
    with open(path, 'w') as f:
        json.dump({'torch': torch.__version__, 'cases': cases}, f, separators=(',', ':'), allow_nan=False)
        f.write('\n')
    print(f'{path}: {len(cases)} cases, {os.path.getsize(path)} bytes')
