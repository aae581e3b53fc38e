"""Runs the Keras code that network.exportCode('keras') writes against a
stand-in for Keras 3 written here with NumPy (there is no Keras on the test
machines), for js-tests/export-keras.test.mjs. The stand-in implements only
the forward pass of the names the export uses, each as Keras 3's API
documentation defines it (keras.io/api: activations, ops, Dense,
Sequential.set_weights); the initialisers, regulariser, losses and
optimisers are recorded, not run. So this checks what the export computes
(the features, the layers, the activations written with ops, the weights'
layout, the output activation), not Keras itself.
/usr/bin/python3 keras_stub_check.py cases.json
"""
import json
import math
import sys
import types

import numpy as np

erf = np.vectorize(math.erf)


def sigmoid(x):
    return np.where(x >= 0, 1 / (1 + np.exp(-np.abs(x))), np.exp(-np.abs(x)) / (1 + np.exp(-np.abs(x))))


def softplus(x):
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


def relu6(x):
    return np.clip(x, 0, 6)


# keras.activations.get(name): the definitions in the Keras 3 documentation.
ACTIVATIONS = {
    "linear": lambda x: x,
    "relu": lambda x: np.maximum(x, 0),
    "sigmoid": sigmoid,
    "tanh": np.tanh,
    "elu": lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0))),
    "selu": lambda x: 1.0507009873554804934193349852946 * np.where(
        x > 0, x, 1.6732632423543772848170429916717 * np.expm1(np.minimum(x, 0))),
    "gelu": lambda x: 0.5 * x * (1 + erf(x / math.sqrt(2))),
    "silu": lambda x: x * sigmoid(x),
    "softplus": softplus,
    "softsign": lambda x: x / (1 + np.abs(x)),
    "relu6": relu6,
    "hard_sigmoid": lambda x: relu6(x + 3) / 6,
    "exponential": np.exp,
}


def gelu(x, approximate=True):  # keras.ops.gelu: approximate defaults to True
    if approximate:
        return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))
    return 0.5 * x * (1 + erf(x / math.sqrt(2)))


def make_ops():
    ops = types.SimpleNamespace()
    ops.cast = lambda x, dtype: np.asarray(x).astype(dtype)
    ops.sigmoid = sigmoid
    ops.softplus = softplus
    ops.clip = np.clip
    ops.sin = np.sin
    ops.tanh = np.tanh
    ops.where = np.where
    ops.expm1 = np.expm1
    ops.minimum = np.minimum
    ops.maximum = np.maximum
    ops.abs = np.abs
    ops.sqrt = np.sqrt
    ops.square = np.square
    ops.relu6 = relu6
    ops.log_sigmoid = lambda x: -softplus(-x)
    ops.leaky_relu = lambda x, negative_slope=0.2: np.where(x >= 0, x, negative_slope * x)
    ops.gelu = gelu
    ops.reshape = np.reshape
    ops.convert_to_tensor = lambda x, dtype=None: np.asarray(x, dtype=dtype)
    ops.convert_to_numpy = np.asarray
    ops.stack = lambda xs, axis=0: np.stack(xs, axis=axis)
    ops.softmax = lambda x, axis=-1: np.exp(x - x.max(axis=axis, keepdims=True)) / np.exp(
        x - x.max(axis=axis, keepdims=True)).sum(axis=axis, keepdims=True)
    ops.sum = lambda x, axis=None: np.sum(x, axis=axis)
    return ops


class Dense:
    def __init__(self, units, activation=None, **recorded):
        self.units = units
        self.activation = ACTIVATIONS[activation] if isinstance(activation, str) else (activation or (lambda x: x))
        self.recorded = recorded
        self.kernel = self.bias = None

    def __call__(self, x):
        return self.activation(x @ self.kernel + self.bias)


class Sequential:
    def __init__(self, layers):
        self.input, *self.layers = layers
        self.compiled = None

    def set_weights(self, weights):  # kernel, bias per Dense, in order
        assert len(weights) == 2 * len(self.layers)
        for layer, kernel, bias in zip(self.layers, weights[0::2], weights[1::2]):
            assert kernel.shape == (kernel.shape[0], layer.units) and bias.shape == (layer.units,)
            layer.kernel, layer.bias = kernel, bias

    def compile(self, optimizer=None, loss=None):
        self.compiled = (optimizer, loss)

    def __call__(self, x):
        assert x.shape[1] == self.input[0]
        for layer in self.layers:
            x = layer(x)
        return x


def recorder(name):
    return lambda *args, **kwargs: (name, args, kwargs)


def make_keras():
    keras = types.ModuleType("keras")
    keras.ops = make_ops()
    keras.layers = types.SimpleNamespace(Dense=Dense)
    keras.Sequential = Sequential
    keras.Input = lambda shape: shape
    keras.config = types.SimpleNamespace(set_floatx=lambda name: None)
    keras.initializers = types.SimpleNamespace(**{n: recorder(n) for n in ["RandomNormal", "RandomUniform", "Constant", "Zeros"]})
    keras.regularizers = types.SimpleNamespace(L1L2=recorder("L1L2"))
    keras.losses = types.SimpleNamespace(**{n: recorder(n) for n in [
        "MeanSquaredError", "BinaryCrossentropy", "SparseCategoricalCrossentropy"]})
    keras.optimizers = types.SimpleNamespace(SGD=recorder("SGD"), Adam=recorder("Adam"))
    return keras


def main():
    keras = make_keras()
    sys.modules["keras"] = keras
    sys.modules["keras.layers"] = keras.layers
    sys.modules["keras.ops"] = keras.ops
    results = []
    with np.errstate(all="ignore"):
        for index, case in enumerate(json.load(open(sys.argv[1], encoding="utf-8"))):
            try:
                space = {"__name__": "keras_export_%d" % index}
                exec(compile(case["code"], case["name"], "exec"), space)
                got = np.asarray(space["predict"](case["probe"]), dtype=float).reshape(-1)
                want = np.array([math.nan if v is None else v for v in case["predict"]])
                scale = np.maximum(1.0, np.abs(want))
                err = float(np.max(np.where(np.isfinite(want), np.abs(got - want) / scale, 0.0)))
                results.append({"name": case["name"], "predict": err if math.isfinite(err) else 1e300,
                                "compiled": space["model"].compiled is not None})
            except Exception as err:
                results.append({"name": case["name"], "error": "%s: %s" % (type(err).__name__, err)})
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
