import torch
import torch.nn.functional as F
from torch.nn.attention.bias import causal_lower_right, causal_upper_left

# Generation with a cache: one new query (the newest token) against the keys of
# all 5 tokens so far. It may look at every one of them.
g = torch.Generator().manual_seed(0)
q = torch.randn(1, 1, 1, 8, generator=g)          # (B, H, 1 query, d_k)
k = torch.randn(1, 1, 5, 8, generator=g)          # (B, H, 5 keys, d_k)
v = torch.randn(1, 1, 5, 8, generator=g)

right = F.scaled_dot_product_attention(q, k, v)                   # no mask needed
wrong = F.scaled_dot_product_attention(q, k, v, is_causal=True)   # top-left aligned
print("is_causal=True equals attending to the first key only:",
      torch.allclose(wrong, v[:, :, :1]))
print(f"is_causal=True vs the right answer: max difference "
      f"{(wrong - right).abs().max().item():.3f}")
# The two alignments as explicit masks (torch.nn.attention.bias):
print("causal_upper_left(1, 5) == is_causal=True:",
      torch.allclose(F.scaled_dot_product_attention(q, k, v,
                     attn_mask=causal_upper_left(1, 5)), wrong))
print("causal_lower_right(1, 5) == the right answer:",
      torch.allclose(F.scaled_dot_product_attention(q, k, v,
                     attn_mask=causal_lower_right(1, 5)), right))
