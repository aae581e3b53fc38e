"""Runs variants of the tutorial's fix-the-code exercises in real PyTorch
(Debian's python3-torch), for js-tests/fixcode.test.mjs: for each, whether
loss_fn(model(x), y) is the loss the task needs, computed independently from
the model's raw scores (the output of its last nn.Linear): cross-entropy
for a model with several outputs (class labels), binary cross-entropy on
the score for one output (0/1 labels). A variant that raises is wrong too.
/usr/bin/python3 fixcode_check.py cases.json
"""
import json
import sys

import torch
from torch import nn


def verdict(code):
    space = {}
    exec(compile(code, "exercise", "exec"), space)
    model = space["model"].double()
    layers = list(model)
    last_linear = max(i for i, m in enumerate(layers) if isinstance(m, nn.Linear))
    raw = nn.Sequential(*layers[:last_linear + 1])
    torch.manual_seed(0)
    x = torch.randn(16, layers[0].in_features, dtype=torch.float64)
    with torch.no_grad():
        scores = raw(x)
        if scores.shape[1] == 1:
            y = torch.randint(0, 2, (16, 1)).double()
            want = nn.functional.binary_cross_entropy_with_logits(scores, y)
        else:
            y = torch.randint(0, scores.shape[1], (16,))
            want = nn.functional.cross_entropy(scores, y)
        try:
            got = space["loss_fn"](model(x), y)
        except Exception:
            return False
    return bool(abs(float(got) - float(want)) <= 1e-9 * max(1.0, abs(float(want))))


def main():
    results = []
    for case in json.load(open(sys.argv[1], encoding="utf-8")):
        try:
            results.append({"name": case["name"], "right": verdict(case["code"])})
        except Exception as err:
            results.append({"name": case["name"], "error": "%s: %s" % (type(err).__name__, err)})
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
