import math

import torch

g = torch.Generator().manual_seed(0)
T, d_k = 4, 8                                 # 4 tokens, head dimension 8
x_tokens = ["tok 0", "tok 1", "tok 2", "tok 3"]  # random stand-ins
Q = torch.randn(T, d_k, generator=g)          # (T, d_k) one query per token
K = torch.randn(T, d_k, generator=g)          # (T, d_k) one key per token
V = torch.randn(T, d_k, generator=g)          # (T, d_k) one value per token

scores = Q @ K.T / math.sqrt(d_k)             # (T, T): how well query i matches key j
causal = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)   # j > i: future
scores = scores.masked_fill(causal, float("-inf"))
weights = torch.softmax(scores, dim=-1)       # (T, T): each row sums to 1
out = weights @ V                             # (T, d_k): weighted average of the values

print("attention weights (row: query, column: key), causal:")
print("        " + "  ".join(f"{t:>5}" for t in x_tokens))
for t, row in zip(x_tokens, weights.tolist()):
    print(f"{t:>6}  " + "  ".join(f"{w:5.3f}" for w in row))
print("output shape:", tuple(out.shape))
