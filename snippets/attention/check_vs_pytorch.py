import math

import torch
import torch.nn.functional as F


def attention(Q, K, V, causal=False):
    """Scaled dot-product attention; Q, K, V: (..., T, d_k)."""
    scores = Q @ K.transpose(-2, -1) / math.sqrt(Q.shape[-1])     # (..., T, T)
    if causal:
        T = Q.shape[-2]
        future = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
        scores = scores.masked_fill(future, float("-inf"))
    return torch.softmax(scores, dim=-1) @ V


g = torch.Generator().manual_seed(0)
B, H, T, d_k = 2, 3, 5, 16                     # batch, heads, tokens, head dimension
Q, K, V = (torch.randn(B, H, T, d_k, generator=g) for _ in range(3))

torch.testing.assert_close(attention(Q, K, V), F.scaled_dot_product_attention(Q, K, V))
torch.testing.assert_close(attention(Q, K, V, causal=True),
                           F.scaled_dot_product_attention(Q, K, V, is_causal=True))
print("from scratch == F.scaled_dot_product_attention, with and without a causal mask")
print("scale used by PyTorch: 1/sqrt(Q.size(-1)) =", 1 / math.sqrt(Q.size(-1)))
