import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.randn(1000, 200)  # hidden vectors of 1000 positions
y = torch.randint(0, 27, (1000,))  # their next characters
print(f"a model that knows nothing should start at ln 27 = {math.log(27):.4f}")
for name, std in (
    ("output layer with std 1", 1.0),
    ("nn.Linear default", None),
    ("std 0.02 (GPT-2)", 0.02),
    ("all zeros", 0.0),
):
    head = nn.Linear(200, 27)
    if std is not None:
        nn.init.normal_(head.weight, std=std) if std else nn.init.zeros_(head.weight)
        nn.init.zeros_(head.bias)
    with torch.no_grad():
        loss = F.cross_entropy(head(x), y).item()
    print(f"{name:24} loss at initialisation {loss:7.4f}")
