# Fits the float32 erf of the wasm and WebGPU backends (assembly/unary.ts, shaders/common/math.wgsl)
# and prints the coefficients and the error: least squares on Chebyshev nodes against math.erf.
#   |x| < 0.875:        erf(x) = x + x·S(x²), S of degree 6 fitted to erf(x)/x − 1 (relative)
#   0.875 ≤ |x| < 3.92: erf(x) = 1 − exp(Q(|x|)), Q of degree 9 fitted to log(erfc(x))
#   |x| ≥ 3.92:         erf(x) = ±1 (erfc(x) is below half an ulp of 1 in float32)
# Run: /usr/bin/python3 scripts/fit-erf.py (needs numpy)
import math
import numpy as np

f32 = np.float32
SPLIT, ONE = 0.875, 3.92


def nodes(a, b, n=400):
    k = np.arange(n)
    return (a + b) / 2 + (b - a) / 2 * np.cos(np.pi * (k + 0.5) / n)


def horner(c, t):
    r = f32(c[-1])
    for a in reversed(c[:-1]):
        r = f32(r * t + a)
    return r


x = nodes(1e-6, SPLIT)
w = np.array([v / math.erf(v) for v in x])
s = np.linalg.lstsq(np.vander(x * x, 7, increasing=True) * w[:, None], np.array([math.erf(v) / v - 1 for v in x]) * w, rcond=None)[0]
x = nodes(SPLIT - 0.005, ONE + 0.01)
q = np.linalg.lstsq(np.vander(x, 10, increasing=True), np.array([math.log(math.erfc(v)) for v in x]), rcond=None)[0]
s32, q32 = [f32(c) for c in s], [f32(c) for c in q]


def erf32(v):
    v = f32(v)
    return float(v + f32(v * horner(s32, f32(v * v)))) if v < SPLIT else float(f32(1) - np.exp(horner(q32, v)))


xs = np.linspace(0, ONE, 50001, dtype=np.float32)
exact = max(abs((v * (1 + np.polyval(s[::-1], v * v)) if v < SPLIT else 1 - math.exp(np.polyval(q[::-1], v))) - math.erf(v)) for v in map(float, xs))
print('S', [float(c) for c in s32])
print('Q', [float(c) for c in q32])
print('max |error| of the approximation in double:', exact)
print('max |error| evaluated in float32:', max(abs(erf32(v) - math.erf(float(v))) for v in xs))
