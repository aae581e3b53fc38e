"""Runs each PyTorch snippet of the activation chooser (web/app/chooser.js)
for js-tests/export-torch.test.mjs: builds its model, feeds a batch of 4
inputs of the shape the snippet names, takes its loss against targets of the
task's kind and one optimiser step, and reports the output shape, the loss,
whether the weights moved, and (for the LSTM) the starting gate biases.
/usr/bin/python3 chooser_torch_check.py snippets.json
"""
import json
import sys

import torch


def batch(arch, space):
    if arch == "cnn":
        return torch.rand(4, 1, 28, 28)
    if arch == "rnn":
        return torch.randn(4, 7, space["N_FEATURES"])
    return torch.randn(4, space["N_FEATURES"])


def targets(task, units):
    if task == "multiclass":
        return torch.arange(4) % units
    if task == "regression":
        return torch.randn(4, units)
    return (torch.arange(4 * units).reshape(4, units) % 2).float()


def lstm_biases(model, hidden=64):
    ih, hh = model.lstm.bias_ih_l0.detach(), model.lstm.bias_hh_l0.detach()
    forget = ih[hidden:2 * hidden]
    other = torch.cat([ih[:hidden], ih[2 * hidden:]])
    one_value = lambda t: float(t[0]) if bool((t == t[0]).all()) else None
    return {"forget_ih": one_value(forget), "other_ih": one_value(other), "hh": one_value(hh)}


def run(snippet):
    torch.manual_seed(0)
    space = {"__name__": "chooser"}
    exec(compile(snippet["code"], snippet["name"], "exec"), space)
    model = space["model"]
    units = int(eval(snippet["units"], space))
    result = {"name": snippet["name"], "arch": snippet["arch"], "units": units}
    if snippet["arch"] == "rnn":
        result["biases"] = lstm_biases(model)
    before = [p.detach().clone() for p in model.parameters()]
    out = model(batch(snippet["arch"], space))
    result["outputShape"] = list(out.shape)
    y = targets(snippet["task"], units)
    loss = space["loss_fn"](out, y)
    result["loss"] = float(loss)
    space["optimizer"].zero_grad()
    loss.backward()
    space["optimizer"].step()
    result["changed"] = any(not torch.equal(a, p.detach()) for a, p in zip(before, model.parameters()))
    return result


def main():
    snippets = json.load(open(sys.argv[1], encoding="utf-8"))
    results = []
    for snippet in snippets:
        try:
            results.append(run(snippet))
        except Exception as err:
            results.append({"name": snippet["name"], "error": "%s: %s" % (type(err).__name__, err)})
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
