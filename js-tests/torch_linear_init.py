"""Chapter 6's claim about PyTorch's default initialisation of nn.Linear, measured in PyTorch:
kaiming_uniform_(a=sqrt(5)) is U(+-1/sqrt(fan_in)), variance 1/(3 fan_in). Prints JSON."""
import json
import sys

import torch

with open(sys.argv[1]) as f:
    fan_in, fan_out = json.load(f)
torch.manual_seed(0)
w = torch.nn.Linear(fan_in, fan_out).weight.detach().double()
print(json.dumps({"std": float(w.std()), "largest": float(w.abs().max())}))
