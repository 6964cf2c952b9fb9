import math

import torch

g = torch.Generator().manual_seed(0)
B, T, d_k = 1, 5, 4
H, H_kv = 8, 2  # 8 query heads share 2 key-value heads
q = torch.randn(B, H, T, d_k, generator=g)
k = torch.randn(B, H_kv, T, d_k, generator=g)
v = torch.randn(B, H_kv, T, d_k, generator=g)

group = H // H_kv  # 4 query heads per key-value head
k_rep = k.repeat_interleave(group, dim=1)  # (B, H, T, d_k): heads 0-3 use kv 0
v_rep = v.repeat_interleave(group, dim=1)
print("query heads -> key-value head:", [h // group for h in range(H)])

mask = torch.ones(T, T, dtype=torch.bool).tril()
scores = (q @ k_rep.transpose(-2, -1) / math.sqrt(d_k)).masked_fill(
    ~mask, float("-inf")
)
out = torch.softmax(scores, dim=-1) @ v_rep  # (B, H, T, d_k)
print("q", tuple(q.shape), "k and v", tuple(k.shape), "-> output", tuple(out.shape))
print(
    f"numbers cached per token: {2 * H_kv * d_k} instead of {2 * H * d_k} "
    f"({H // H_kv}x fewer)"
)
