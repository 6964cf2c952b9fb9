import warnings

import torch
import torch.nn as nn

x = torch.tensor([[1.0, 2.0], [3.0, 5.0]])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    y = nn.Softmax()(x)           # no dim: PyTorch guesses one and warns
print("nn.Softmax() without dim warns:", caught[0].message if caught else "no warning")
print("it chose dim=1 for a 2-D input:", torch.equal(y, torch.softmax(x, dim=1)))
