#!/usr/bin/env python3
"""Generates the reference tables the C and JS tests compare against.

Every value is computed with mpmath at adaptive precision (starting at 320
bits, doubled until two evaluations agree to 1e-40 relative, up to 40,000
bits) and then rounded once to the nearest double through Python's correctly
rounded float(str). Infinite inputs are evaluated at x = +-10^5000, which
mpmath represents exactly, so the tables hold the true limits.

Each analytic derivative used here is first checked against mpmath's own
numerical differentiation (mp.diff) at smooth points, so a wrong derivative
formula cannot slip into the tables.

Usage: python3 tools/gen_reference.py   (needs python3-mpmath; Debian:
apt-get install python3-mpmath). Writes tests/reference/activations.tsv and
tests/reference/softmax.tsv. Deterministic: same output on every run.
"""
import math
import os
import random
import sys

import mpmath as mp
from mpmath import mpf

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "reference")

BIG = mpf(10) ** 5000  # stands in for infinity

SELU_ALPHA = mpf("1.6732632423543772848170429916717")
SELU_SCALE = mpf("1.0507009873554804934193349852946")


def sig(x):
    return 1 / (1 + mp.exp(-x))


def softplus(x):
    return mp.log1p(mp.exp(x)) if x < 0 else x + mp.log1p(mp.exp(-x))


def Phi(x):
    # mpmath's erfc cannot take |x| > ~1e150; there the Mills-ratio tail
    # phi(x)/|x| (relative error 1/x^2 < 1e-10 of a term far below 1e-300)
    # is exact for every double-precision purpose.
    if x < -1e5:
        return phi(x) / -x
    if x > 1e5:
        return 1 - phi(x) / x
    return mp.erfc(-x / mp.sqrt(2)) / 2


def phi(x):
    return mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


def gt_z(x):  # 2u for gelu_tanh
    return 2 * mp.sqrt(2 / mp.pi) * (x + mpf("0.044715") * x ** 3)


def gt_dz(x):
    return 2 * mp.sqrt(2 / mp.pi) * (1 + 3 * mpf("0.044715") * x ** 2)


# Where a difference cancels completely, two working precisions can both
# return exactly 0 and agree; these use cancellation-free identities instead.
def squareplus(x, b):
    r = mp.sqrt(x * x + b)
    return (x + r) / 2 if x >= 0 else b / (2 * (r - x))  # (x + r)(r - x) = b


def squareplus_d(x, b):
    if x == 0 and b == 0:
        return mpf(1) / 2
    r = mp.sqrt(x * x + b)
    return (1 + x / r) / 2 if x >= 0 else b / (2 * r * (r - x))


def tanh_shrink(x):
    if abs(x) < mpf("1e-3"):  # Taylor series; next term 62 x^9/2835 < 1e-28 x^3
        return x ** 3 / 3 - 2 * x ** 5 / 15 + 17 * x ** 7 / 315 - 62 * x ** 9 / 2835
    return x - mp.tanh(x)


def step(c):
    return mpf(1) if c else mpf(0)


# name -> (param names, f(x, *p), f'(x, *p)). The kink conventions follow
# the documented ones (PyTorch's where it has one).
CATALOG = {
    "identity": ((), lambda x: x, lambda x: mpf(1)),
    "step": ((), lambda x: step(x >= 0), lambda x: mpf(0)),
    "sigmoid": ((), sig, lambda x: sig(x) * sig(-x)),
    "tanh": ((), mp.tanh, lambda x: mp.sech(x) ** 2),
    "relu": ((), lambda x: max(x, 0), lambda x: step(x > 0)),
    "leaky_relu": (("alpha",), lambda x, a: x if x >= 0 else a * x, lambda x, a: mpf(1) if x > 0 else a),
    "prelu": (("alpha",), lambda x, a: x if x >= 0 else a * x, lambda x, a: mpf(1) if x > 0 else a),
    "elu": (("alpha",), lambda x, a: x if x > 0 else a * mp.expm1(x), lambda x, a: mpf(1) if x > 0 else a * mp.exp(x)),
    "selu": ((), lambda x: SELU_SCALE * (x if x > 0 else SELU_ALPHA * mp.expm1(x)),
             lambda x: SELU_SCALE * (1 if x > 0 else SELU_ALPHA * mp.exp(x))),
    "celu": (("alpha",), lambda x, a: x if x > 0 else a * mp.expm1(x / a), lambda x, a: mpf(1) if x > 0 else mp.exp(x / a)),
    "gelu": ((), lambda x: x * Phi(x), lambda x: Phi(x) + x * phi(x)),
    "gelu_tanh": ((), lambda x: x * sig(gt_z(x)), lambda x: sig(gt_z(x)) + x * sig(gt_z(x)) * sig(-gt_z(x)) * gt_dz(x)),
    "silu": ((), lambda x: x * sig(x), lambda x: sig(x) * (1 + x * sig(-x))),
    "swish": (("beta",), lambda x, b: x * sig(b * x), lambda x, b: sig(b * x) * (1 + b * x * sig(-b * x))),
    "mish": ((), lambda x: x * mp.tanh(softplus(x)),
             lambda x: mp.tanh(softplus(x)) + x * sig(x) * mp.sech(softplus(x)) ** 2),
    "softplus": (("beta",), lambda x, b: softplus(b * x) / b, lambda x, b: sig(b * x)),
    "softsign": ((), lambda x: x / (1 + abs(x)), lambda x: 1 / (1 + abs(x)) ** 2),
    "squareplus": (("b",), squareplus, squareplus_d),
    "hard_sigmoid": ((), lambda x: min(max(x + 3, 0), 6) / 6, lambda x: mpf(1) / 6 if -3 < x < 3 else mpf(0)),
    # tf.keras 2 / TF.js: clip(0.2x + 0.5, 0, 1); its gradient is a clip's, 0.2 on the closed interval.
    "hard_sigmoid_keras2": ((), lambda x: min(max(x / 5 + mpf(1) / 2, 0), 1), lambda x: mpf(1) / 5 if -2.5 <= x <= 2.5 else mpf(0)),
    "sparse_sigmoid": ((), lambda x: min(max((x + 1) / 2, 0), 1), lambda x: mpf(1) / 2 if -1 < x < 1 else mpf(0)),
    "hard_tanh": ((), lambda x: min(max(x, -1), 1), lambda x: step(-1 < x < 1)),
    "hard_swish": ((), lambda x: x * min(max(x + 3, 0), 6) / 6,
                   lambda x: mpf(0) if x < -3 else (mpf(1) if x > 3 else x / 3 + mpf(1) / 2)),
    "relu6": ((), lambda x: min(max(x, 0), 6), lambda x: step(0 < x < 6)),
    "log_sigmoid": ((), lambda x: -softplus(-x), lambda x: sig(-x)),
    "tanh_shrink": ((), tanh_shrink, lambda x: mp.tanh(x) ** 2),
    "soft_shrink": (("lambda",), lambda x, l: x - l if x > l else (x + l if x < -l else mpf(0)),
                    lambda x, l: step(abs(x) > l)),
    "hard_shrink": (("lambda",), lambda x, l: x if abs(x) > l else mpf(0), lambda x, l: step(abs(x) > l)),
    "threshold": (("threshold", "value"), lambda x, t, v: x if x > t else v, lambda x, t, v: step(x > t)),
    "sparse_plus": ((), lambda x: mpf(0) if x <= -1 else (x if x >= 1 else (x + 1) ** 2 / 4),
                    lambda x: min(max((x + 1) / 2, 0), 1)),
    "exponential": ((), mp.exp, mp.exp),
    "sin": ((), mp.sin, mp.cos),
}

DEFAULTS = {
    "leaky_relu": [(0.01,), (0.2,), (-0.5,), (0.0,)],
    "prelu": [(0.25,), (0.1,)],
    "elu": [(1.0,), (0.5,), (2.0,)],
    "celu": [(1.0,), (0.5,), (3.0,), (-1.5,)],
    "swish": [(1.0,), (0.5,), (2.0,), (0.0,), (-1.0,), (1.702,)],
    "softplus": [(1.0,), (0.5,), (3.0,), (0.01,)],
    "squareplus": [(4.0,), (0.0,), (1.0,), (100.0,)],
    "soft_shrink": [(0.5,), (0.0,), (1.5,)],
    "hard_shrink": [(0.5,), (0.0,), (1.5,)],
    "threshold": [(0.0, 0.0), (0.5, -2.0), (-1.0, 10.0)],
}

# Points where some function has a kink, a zero of f' or a change of formula.
SPECIAL = [0.0, 1.0, -1.0, 3.0, -3.0, 6.0, 0.5, -0.5, 1.5, -1.5, 2.0, -2.0, 2.5, -2.5,
           0.55, -0.55, 20.0, -20.0, 40.0, -40.0, 36.0, -36.0, 10.0, -30.0,
           -0.7517916243119571, -1.2784645427610738, -1.1925, -0.7522, 0.01, 0.25]


def nudged(v):
    return [math.nextafter(v, -math.inf), v, math.nextafter(v, math.inf)]


def grid():
    xs = set()
    for e in [0, 1e-320, 5e-324, 1e-310, 2.2250738585072014e-308, 1e-300, 1e-200, 1e-100,
              1e-20, 1e-10, 1e-8, 1e-5, 1e-3, 0.1, 0.3, 0.7, 2.5, 5, 7, 15, 25, 30, 35,
              37, 37.5, 38, 38.5, 50, 100, 300, 700, 709, 709.8, 710, 744, 745, 746,
              1000, 1480, 1e4, 1e10, 1e20, 1e100, 1e154, 1e160, 1e200, 1e300, 1.7976931348623157e308]:
        xs.add(float(e))
        xs.add(-float(e))
    for s in SPECIAL:
        xs.update(nudged(s))
    rng = random.Random(20261122)
    for _ in range(60):
        xs.add(rng.uniform(-12, 12))
    for _ in range(40):
        xs.add(rng.choice([-1, 1]) * 10 ** rng.uniform(-320, 300))
    for _ in range(20):
        xs.add(rng.uniform(-45, -1))
    # Dense around the zeros of f' (swish/silu, gelu, gelu_tanh, mish), where
    # the C code switches to series or double-double evaluation.
    for r in [-1.2784645427610737, -0.7517915246935645, -0.7524614220710163, -1.1924312145154952]:
        for k in [1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 0.05, 0.2]:
            xs.add(r + k)
            xs.add(r - k)
    for _ in range(60):
        xs.add(rng.uniform(-3.2, -0.3))
    return sorted(xs)


def to_double(v):
    if v is None:
        return math.nan
    v = mpf(v)
    if v != 0 and abs(v) < mpf(10) ** -400:  # far below the subnormals
        return math.copysign(0.0, float(mp.sign(v)))
    if abs(v) > mpf(10) ** 400:
        return math.copysign(math.inf, float(mp.sign(v)))
    return float(mp.nstr(v, 45))


def evaluate(fn, x, params):
    """fn at exact x with adaptive precision; returns an mpf or None (NaN)."""
    prec = 320
    prev = None
    while prec <= 40000:
        with mp.workprec(prec):
            try:
                v = fn(mpf(x), *[mpf(p) for p in params])
            except (ZeroDivisionError, ValueError):
                return None
            v = +v
        if prev is not None:
            if v == prev or abs(v - prev) <= abs(v) * mpf(10) ** -40:
                return v
        prev = v
        prec *= 2
    raise RuntimeError(f"no convergence at x={x!r}")


def exact_value(name, which, x, params):
    _, f, df = CATALOG[name]
    fn = f if which == 0 else df
    if math.isnan(x):
        return math.nan
    if math.isinf(x):
        if name == "sin":
            return math.nan  # sin and cos have no limit at infinity
        x = BIG if x > 0 else -BIG
        with mp.workprec(400):
            v = fn(x, *[mpf(p) for p in params])
        return to_double(v)
    return to_double(evaluate(fn, x, params))


def check_derivatives():
    """Each analytic f' against mp.diff of f at smooth points."""
    rng = random.Random(7)
    pts = [rng.uniform(-8, 8) for _ in range(25)] + [0.37, -2.71, 4.2]
    for name, (pnames, f, df) in CATALOG.items():
        for params in DEFAULTS.get(name, [()]):
            for x in pts:
                with mp.workprec(200):
                    p = [mpf(v) for v in params]
                    xx = mpf(x)
                    num = mp.diff(lambda t: f(t, *p), xx)
                    ana = df(xx, *p)
                    if abs(num - ana) > mpf(10) ** -30 * (1 + abs(ana)):
                        # skip points within 1e-6 of a kink (numerical diff smears it)
                        near = any(abs(x - k) < 1e-6 for k in [0, 1, -1, 3, -3, 6, 2.5, -2.5] + [float(v) for v in params])
                        if not near:
                            sys.exit(f"derivative mismatch {name}{params} at {x}: {num} vs {ana}")


def fmt(v):
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return repr(v)


def write_activations():
    xs = grid() + [math.inf, -math.inf, math.nan]
    lines = ["# Reference values of every activation and its derivative.",
             "# Generated by tools/gen_reference.py with mpmath at adaptive precision",
             "# (>= 320 bits, until two evaluations agree to 1e-40), each rounded once",
             "# to the nearest double. Columns: kind, params (comma-separated or -), x, f(x), f'(x).",
             "# Infinite x: the value at x = +-10^5000, i.e. the limit."]
    for name, (pnames, _, _) in CATALOG.items():
        for params in DEFAULTS.get(name, [()]):
            pstr = ",".join(fmt(p) for p in params) if params else "-"
            for x in xs:
                f = exact_value(name, 0, x, params)
                d = exact_value(name, 1, x, params)
                lines.append("\t".join([name, pstr, fmt(x), fmt(f), fmt(d)]))
    with open(os.path.join(OUT, "activations.tsv"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
    return len(lines)


def softmax_mp(z, T):
    zz = [mpf(v) for v in z]
    m = max(zz)
    e = [mp.exp((v - m) / T) for v in zz]
    s = mp.fsum(e)
    return [v / s for v in e], [(v - m) / T - mp.log(s) for v in zz]


def sparsemax_mp(z):
    zs = sorted([mpf(v) for v in z], reverse=True)
    cum = 0
    k_best, cum_best = 1, zs[0]
    for k, v in enumerate(zs, 1):
        cum += v
        if 1 + k * v > cum:
            k_best, cum_best = k, cum
    tau = (cum_best - 1) / k_best
    return [max(mpf(v) - tau, 0) for v in z]


def write_softmax():
    lines = ["# Reference values of the softmax family, from tools/gen_reference.py",
             "# (mpmath at 2000 bits, rounded once to double).",
             "# Columns: function, temperature or -, z (comma-separated), y or -, expected outputs.",
             "# cross_entropy outputs: loss then gradient; softmax_jacobian: row-major n x n."]
    rng = random.Random(99)
    vectors = [
        [1.0, 2.0, 3.0], [-1.0, 2.0, -3.0, 4.0], [-2.0, 3.0, -3.0, 9.0],
        [1000.0, 1001.0, 1002.0], [-1000.0, -1001.0, -1002.0], [50.0, -50.0],
        [0.0], [5.0, 5.0, 5.0], [1e-300, -1e-300], [700.0, -700.0, 0.0],
        [1e4, 0.0, -1e4], [0.1, 0.2, 0.15, -0.3, 2.5, 1.25, -4.0, 0.0, 3.75, 1.0],
        [300.0, -400.0, 12.5], [1e300, 1e300, -1e300],
        [rng.uniform(-20, 20) for _ in range(16)],
    ]
    with mp.workprec(2000):
        for z in vectors:
            for T in (1.0, 0.5, 3.0):
                p, ls = softmax_mp(z, mpf(T))
                zs = ",".join(fmt(v) for v in z)
                lines.append("\t".join(["softmax", fmt(T), zs, "-", ",".join(fmt(to_double(v)) for v in p)]))
                lines.append("\t".join(["log_softmax", fmt(T), zs, "-", ",".join(fmt(to_double(v)) for v in ls)]))
                if len(z) <= 10:
                    jac = [(p[i] * ((1 if i == j else 0) - p[j])) / T for i in range(len(z)) for j in range(len(z))]
                    lines.append("\t".join(["softmax_jacobian", fmt(T), zs, "-", ",".join(fmt(to_double(v)) for v in jac)]))
            sp = sparsemax_mp(z)
            lines.append("\t".join(["sparsemax", "-", ",".join(fmt(v) for v in z), "-", ",".join(fmt(to_double(v)) for v in sp)]))
            # cross-entropy against a one-hot on the last class and a soft target
            n = len(z)
            targets = [[1.0 if i == n - 1 else 0.0 for i in range(n)]]
            if n > 1:
                targets.append([0.5 if i < 2 else 0.0 for i in range(n)])
            for y in targets:
                p, ls = softmax_mp(z, mpf(1))
                loss = -mp.fsum(mpf(y[i]) * ls[i] for i in range(n) if y[i] > 0)
                grad = [p[i] * mp.fsum(y) - y[i] for i in range(n)]
                lines.append("\t".join(["cross_entropy", "-", ",".join(fmt(v) for v in z), ",".join(fmt(v) for v in y),
                                        ",".join(fmt(to_double(v)) for v in [loss] + grad)]))
        # binary cross-entropy: element-wise, outputs loss,grad per pair
        for zv in [0.0, 1.0, -1.0, 40.0, -40.0, 800.0, -800.0, 1e-20, 3.5, -7.25]:
            for yv in [0.0, 1.0, 0.25, 0.5]:
                zz, yy = mpf(zv), mpf(yv)
                loss = softplus(zz) - yy * zz
                grad = sig(zz) - yy
                lines.append("\t".join(["binary_cross_entropy", "-", fmt(zv), fmt(yv),
                                        fmt(to_double(loss)) + "," + fmt(to_double(grad))]))
    with open(os.path.join(OUT, "softmax.tsv"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
    return len(lines)


def main():
    os.makedirs(OUT, exist_ok=True)
    check_derivatives()
    a = write_activations()
    b = write_softmax()
    print(f"wrote {a} activation lines, {b} softmax lines")


if __name__ == "__main__":
    main()
