import math

import torch
import torch.nn.functional as F


# --- attention from scratch
def attention(Q, K, V, causal=False):
    """Scaled dot-product attention; Q: (..., T, d_k), K and V: (..., T_k, d_k)."""
    scores = Q @ K.transpose(-2, -1) / math.sqrt(Q.shape[-1])     # (..., T, T_k)
    if causal:
        T = Q.shape[-2]
        future = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
        scores = scores.masked_fill(future, float("-inf"))
    return torch.softmax(scores, dim=-1) @ V
# --- end of attention from scratch


g = torch.Generator().manual_seed(0)
# (batch, heads, tokens, head dimension); the last has 3 queries against 7 keys
for B, H, T, T_k, d_k in [(2, 3, 5, 5, 16), (1, 2, 8, 8, 4), (2, 1, 3, 7, 32)]:
    Q = torch.randn(B, H, T, d_k, generator=g)
    K, V = (torch.randn(B, H, T_k, d_k, generator=g) for _ in range(2))
    sdpa = F.scaled_dot_product_attention
    torch.testing.assert_close(attention(Q, K, V), sdpa(Q, K, V))
    if T == T_k:
        torch.testing.assert_close(attention(Q, K, V, causal=True),
                                   sdpa(Q, K, V, is_causal=True))
    also = ", also causal" if T == T_k else ""
    print(f"Q {tuple(Q.shape)}, K {tuple(K.shape)}: from scratch == SDPA{also}")
print("scale used by PyTorch: 1/sqrt(Q.size(-1)) =", 1 / math.sqrt(Q.size(-1)))
