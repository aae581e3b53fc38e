"""Runs the code lab.derivativeCode writes, for js-tests/autograd.test.mjs.

PyTorch cases run as written in real PyTorch (Debian's python3-torch):
their printed lines (x, f(x), f'(x)) are read back and returned.

TensorFlow cases cannot run here (Debian has no TensorFlow). Each runs with
stand-ins: keras from keras_stub_check.py (Keras 3's documented forward
definitions in NumPy) and a `tensorflow` whose GradientTape records nothing.
What is returned is the code's own f(x) at the points and central
differences of that f (the code up to its printing runs), so the test checks the function the code
differentiates, not TensorFlow's differentiation.
/usr/bin/python3 autograd_check.py cases.json
"""
import contextlib
import io
import json
import sys
import types

import numpy as np

import keras_stub_check


def printed(code, name):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, name, "exec"), {"__name__": name})
    lines = out.getvalue().strip().split("\n")
    assert lines[0] == "x f(x) f'(x)", lines[0]
    return [[float(v) for v in line.split()] for line in lines[1:]]


class Tape:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def watch(self, x):
        self.x = x

    def gradient(self, y, x):
        assert x is self.x
        return np.full_like(x, np.nan)


def tensorflow_case(case):
    keras = keras_stub_check.make_keras()
    keras.activations = types.SimpleNamespace(**keras_stub_check.ACTIVATIONS)
    tf = types.ModuleType("tensorflow")
    tf.float64 = np.float64
    tf.constant = lambda values, dtype=None: np.asarray(values, dtype=dtype)
    tf.GradientTape = Tape
    sys.modules.update({"keras": keras, "keras.ops": keras.ops, "tensorflow": tf})
    space = {"__name__": case["name"]}
    # Up to the printing, which wants TensorFlow tensors (.numpy()).
    code = case["code"][:case["code"].index('print("x"')]
    exec(compile(code, case["name"], "exec"), space)
    f = space["f"]
    x = np.asarray(space["x"], dtype=float)
    h = 1e-6 * np.maximum(1.0, np.abs(x))
    fd = (np.asarray(f(x + h)) - np.asarray(f(x - h))) / (2 * h)
    return [[float(a), float(b), float(c)] for a, b, c in zip(x, np.asarray(f(x)), fd)]


def main():
    results = []
    with np.errstate(all="ignore"):
        for case in json.load(open(sys.argv[1], encoding="utf-8")):
            try:
                rows = printed(case["code"], case["name"]) if case["framework"] == "pytorch" else tensorflow_case(case)
                results.append({"name": case["name"], "rows": rows})
            except Exception as err:
                results.append({"name": case["name"], "error": "%s: %s" % (type(err).__name__, err)})
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
