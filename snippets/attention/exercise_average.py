import math

import torch

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)
T, d_k = 5, 8
Q = torch.zeros(T, d_k)                       # queries that prefer no key
K = torch.randn(T, d_k, generator=g)
V = torch.randn(T, d_k, generator=g)

scores = Q @ K.T / math.sqrt(d_k)             # all 0
future = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
weights = torch.softmax(scores.masked_fill(future, float("-inf")), dim=-1)
out = weights @ V

# By hand: row i gives 1 / (i + 1) to each of the keys 0..i, so out[i] is their mean.
running_mean = V.cumsum(dim=0) / torch.arange(1, T + 1).unsqueeze(1)
torch.testing.assert_close(out, running_mean)
torch.testing.assert_close(weights.sum(dim=-1), torch.ones(T))
print("weights with zero queries:")
print(weights.numpy().round(3))
print("output row i == mean of the values 0..i: True")
