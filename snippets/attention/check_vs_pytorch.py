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
# Q and K shapes: (batch, heads, tokens, head dimension), then 3 queries against 7
# keys, then one head without a batch axis (T, d_k)
cases = [((2, 3, 5, 16), (2, 3, 5, 16)), ((1, 2, 8, 4), (1, 2, 8, 4)),
         ((2, 1, 3, 32), (2, 1, 7, 32)), ((6, 8), (6, 8))]
sdpa = F.scaled_dot_product_attention
for q_shape, k_shape in cases:
    Q = torch.randn(q_shape, generator=g)
    K, V = (torch.randn(k_shape, generator=g) for _ in range(2))
    torch.testing.assert_close(attention(Q, K, V), sdpa(Q, K, V))
    if q_shape == k_shape:
        torch.testing.assert_close(attention(Q, K, V, causal=True),
                                   sdpa(Q, K, V, is_causal=True))
    also = ", also causal" if q_shape == k_shape else ""
    print(f"Q {q_shape}, K {k_shape}: from scratch == SDPA{also}")
print("scale used by PyTorch: 1/sqrt(Q.size(-1)) =", 1 / math.sqrt(Q.size(-1)))
