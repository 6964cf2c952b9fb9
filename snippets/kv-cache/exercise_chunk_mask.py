import torch
import torch.nn.functional as F

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)
s, t, d_k = 5, 3, 8  # 5 tokens in the cache, 3 new tokens in one call
q = torch.randn(1, 1, s + t, d_k, generator=g)
k = torch.randn(1, 1, s + t, d_k, generator=g)
v = torch.randn(1, 1, s + t, d_k, generator=g)
full = F.scaled_dot_product_attention(q, k, v, is_causal=True)  # no cache at all

# New query number r (0, ..., t - 1) is at position s + r: it may see keys 0 .. s + r.
# By hand, as a (t, s + t) mask: a lower triangle shifted right by s.
mask = torch.ones(t, s + t, dtype=torch.bool).tril(diagonal=s)
print(mask.int())
with_cache = F.scaled_dot_product_attention(q[:, :, s:], k, v, attn_mask=mask)
torch.testing.assert_close(with_cache, full[:, :, s:])
print(f"{t} new queries against {s} cached keys and their own, mask tril(diagonal={s})"
      " == the last rows of full causal attention")

# is_causal=True aligns its triangle top-left: the new tokens lose most of the cache.
wrong = F.scaled_dot_product_attention(q[:, :, s:], k, v, is_causal=True)
off = (wrong - full[:, :, s:]).abs().max().item()
assert off > 0.1
print(f"is_causal=True instead: off by {off:.3f}")
