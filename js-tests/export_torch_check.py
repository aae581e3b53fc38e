"""Runs the PyTorch code that ActLab's network.exportCode writes, for
js-tests/export-torch.test.mjs. Reads a JSON list of cases (the code, the
data, and what ActLab computed) and prints, per case, the largest error of
the exported predict, of loss_fn + penalty, and of the parameters after
train_step as often as ActLab trained. An error is |got - want| / max(1,
|want|); non-finite values must be equal. Run with Debian's python3-torch:
/usr/bin/python3 export_torch_check.py cases.json
"""
import json
import math
import sys

import torch


def error(got, want):
    worst = 0.0
    if len(got) != len(want):
        return math.inf
    for g, w in zip(got, want):
        w = math.nan if w is None else w
        if not math.isfinite(w) or not math.isfinite(g):
            same = (math.isnan(g) and math.isnan(w)) or g == w
            worst = max(worst, 0.0 if same else math.inf)
        else:
            worst = max(worst, abs(g - w) / max(1.0, abs(w)))
    return worst


def flat(values):
    return [float(v) for v in torch.as_tensor(values).reshape(-1).tolist()]


def run(case, index):
    space = {"__name__": "actlab_export_%d" % index}
    exec(compile(case["code"], case["name"], "exec"), space)
    result = {"name": case["name"]}
    # Raw points in: a nested list for even cases, a float64 tensor for odd ones.
    probe = case["probe"] if index % 2 == 0 else torch.tensor(case["probe"], dtype=torch.float64)
    result["predict"] = error(flat(space["predict"](probe)), case["predict"])
    model = space["model"]
    with torch.no_grad():
        loss = space["loss_fn"](model(space["features"](case["x"])), case["y"]) + space["penalty"]()
    result["loss"] = error([float(loss)], [case["loss"]])
    for _ in range(case["steps"]):
        space["train_step"](case["x"], case["y"])
    params = torch.cat([p.detach().reshape(-1) for p in model.parameters()])
    result["params"] = error(params.tolist(), case["params"])
    return result


def main():
    cases = json.load(open(sys.argv[1], encoding="utf-8"))
    results = []
    for index, case in enumerate(cases):
        try:
            results.append(run(case, index))
        except Exception as err:  # reported per case, the others still run
            results.append({"name": case["name"], "error": "%s: %s" % (type(err).__name__, err)})
    for r in results:  # JSON has no infinity: an error that large is written as 1e300
        for key in ("predict", "loss", "params"):
            if key in r and not math.isfinite(r[key]):
                r[key] = 1e300
    json.dump({"torch": torch.__version__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
