import math

import torch
import torch.nn.functional as F

g = torch.Generator().manual_seed(0)
B, T, d_k, H = 2, 6, 16, 8


# --- grouped-query attention from scratch
def gqa(q, k, v):
    """Grouped-query attention by hand: repeat each key-value head for its group."""
    group = q.shape[1] // k.shape[1]
    k, v = k.repeat_interleave(group, dim=1), v.repeat_interleave(group, dim=1)
    mask = torch.ones(q.shape[2], k.shape[2], dtype=torch.bool).tril()
    s = (q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])).masked_fill(~mask, -math.inf)
    return torch.softmax(s, dim=-1) @ v
# --- end of grouped-query attention from scratch


q = torch.randn(B, H, T, d_k, generator=g)
for H_kv, name in (
    (8, "H_kv = H: multi-head attention"),
    (4, "H_kv = 4: grouped, 2 query heads each"),
    (2, "H_kv = 2: grouped, 4 query heads each"),
    (1, "H_kv = 1: multi-query attention"),
):
    k = torch.randn(B, H_kv, T, d_k, generator=g)
    v = torch.randn(B, H_kv, T, d_k, generator=g)
    ref = F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True)
    torch.testing.assert_close(gqa(q, k, v), ref)
    if H_kv == H:  # the multi-head end needs no sharing at all
        torch.testing.assert_close(
            ref, F.scaled_dot_product_attention(q, k, v, is_causal=True)
        )
    print(f"{name:38} == F.scaled_dot_product_attention(enable_gqa=True)")
