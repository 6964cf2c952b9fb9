import math

import torch

tokens = list(".emma")                        # a name as the model reads it
T, d_k = len(tokens), 4
g = torch.Generator().manual_seed(0)
Q, K, V = (torch.randn(T, d_k, generator=g) for _ in range(3))

# The mask: 0 where query i may look at key j (j <= i), -inf where j > i.
allowed = torch.tril(torch.ones(T, T, dtype=torch.bool))      # lower triangle
M = torch.zeros(T, T).masked_fill(~allowed, float("-inf"))
print("mask M (rows: queries, columns: keys):")
for t, row in zip(tokens, M.tolist()):
    print(f"  {t}  " + " ".join(f"{v:5.0f}" for v in row))

weights = torch.softmax(Q @ K.T / math.sqrt(d_k) + M, dim=-1)  # exp(-inf) = 0
out = weights @ V
print("attention weights:")
for t, row in zip(tokens, weights.tolist()):
    print(f"  {t}  " + " ".join(f"{w:5.3f}" for w in row))
