import math

import torch
import torch.nn as nn
import torch.nn.functional as F


# --- causal mask from scratch
def causal_attention(q, k, v):
    """q, k, v: (B, H, T, d_k). Returns the output and the additive mask M."""
    T, d_k = q.shape[-2], q.shape[-1]
    M = torch.zeros(T, T).masked_fill(~torch.tril(torch.ones(T, T, dtype=torch.bool)),
                                      float("-inf"))
    return torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(d_k) + M, dim=-1) @ v, M
# --- end of causal mask from scratch


g = torch.Generator().manual_seed(0)
sdpa = F.scaled_dot_product_attention
# (batch, heads, tokens, head dimension), and one head without batch axes (T, d_k)
for shape in [(2, 3, 6, 8), (1, 2, 9, 16), (5, 4)]:
    q, k, v = (torch.randn(shape, generator=g) for _ in range(3))
    T = shape[-2]
    mine, M = causal_attention(q, k, v)
    torch.testing.assert_close(mine, sdpa(q, k, v, is_causal=True))
    torch.testing.assert_close(M, nn.Transformer.generate_square_subsequent_mask(T))
    allowed = torch.tril(torch.ones(T, T, dtype=torch.bool))      # True = may attend
    torch.testing.assert_close(mine, sdpa(q, k, v, attn_mask=allowed))
    print(f"{shape}: tril + -inf by hand == SDPA(is_causal=True) == SDPA(bool tril);"
          " M == generate_square_subsequent_mask(T)")

# A causal model's position t never sees t + 1: change the last token's key and
# value, and every earlier output stays exactly the same.
q, k, v = (torch.randn(2, 3, 6, 8, generator=g) for _ in range(3))
T = 6
k2, v2 = k.clone(), v.clone()
k2[:, :, -1] += 5.0
v2[:, :, -1] -= 5.0
changed, _ = causal_attention(q, k2, v2)
before, _ = causal_attention(q, k, v)
torch.testing.assert_close(changed[:, :, :-1], before[:, :, :-1])
print("changing the last token leaves positions 0 ..", T - 2, "unchanged;")
print("without the mask, are they unchanged too?",
      torch.allclose(sdpa(q, k2, v2)[:, :, :-1], sdpa(q, k, v)[:, :, :-1]))
