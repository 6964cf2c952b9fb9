import math

import torch
import torch.nn.functional as F
from torch.nn.attention.bias import causal_lower_right

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)
T_k, T_q, d_k = 7, 3, 4           # 4 tokens in the cache, then 3 new ones at once
q_all, k, v = (torch.randn(T_k, d_k, generator=g) for _ in range(3))
q = q_all[-T_q:]                  # only the new tokens ask


def cache_mask(T_q, T_k):
    """Additive mask for the last T_q queries: query i sees keys j <= T_k - T_q + i."""
    allowed = torch.tril(torch.ones(T_q, T_k, dtype=torch.bool), diagonal=T_k - T_q)
    return torch.zeros(T_q, T_k).masked_fill(~allowed, float("-inf"))


M = cache_mask(T_q, T_k)
print("mask for 3 new queries against 7 keys:")
print(M.numpy())
out = torch.softmax(q @ k.T / math.sqrt(d_k) + M, dim=-1) @ v

full = F.scaled_dot_product_attention(q_all, k, v, is_causal=True)   # all 7 queries
torch.testing.assert_close(out, full[-T_q:])       # the last 3 rows of the full pass
lower_right = F.scaled_dot_product_attention(q, k, v,
                                             attn_mask=causal_lower_right(T_q, T_k))
torch.testing.assert_close(out, lower_right)
wrong = F.scaled_dot_product_attention(q, k, v, is_causal=True)     # top left
assert not torch.allclose(wrong, full[-T_q:])
print("== the last 3 rows of the full causal pass, and == causal_lower_right: True")
