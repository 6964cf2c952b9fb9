import warnings

import torch
import torch.nn as nn

x = torch.tensor([[1.0, 2.0], [3.0, 5.0]])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    y = nn.Softmax()(x)           # no dim: PyTorch guesses one and warns
    print("nn.Softmax() without dim warns:",
          caught[0].message if caught else "no warning")
    print("it chose dim=1 for a 2-D input:", torch.equal(y, torch.softmax(x, dim=1)))

    # A 3-D batch of logits (B, T, V): the guess is dim=0, the *batch* axis.
    g = torch.Generator().manual_seed(0)
    z = torch.randn(2, 3, 4, generator=g)          # B = 2, T = 3, V = 4
    p = nn.Softmax()(z)
print("for a 3-D input it chose dim=0:", torch.equal(p, torch.softmax(z, dim=0)))
print("sums over the vocabulary (dim=-1), first sequence:",
      [round(s, 4) for s in p[0].sum(dim=-1).tolist()])
print("sums over the batch (dim=0), first position:",
      [round(s, 4) for s in p[:, 0].sum(dim=0).tolist()])
