import math

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)
B, T, d_k, H, H_kv = 2, 6, 16, 8, 2
q = torch.randn(B, H, T, d_k, generator=g)
k = torch.randn(B, H_kv, T, d_k, generator=g)
v = torch.randn(B, H_kv, T, d_k, generator=g)
mask = torch.ones(T, T, dtype=torch.bool).tril()


def gqa_grouped(q, k, v):
    """Grouped-query attention without repeating k and v: the query heads are split
    into their groups, and each key-value head broadcasts over its group."""
    B, H, T, d_k = q.shape
    H_kv = k.shape[1]
    qg = q.view(B, H_kv, H // H_kv, T, d_k)  # a group = consecutive query heads
    kg, vg = k.unsqueeze(2), v.unsqueeze(2)  # (B, H_kv, 1, T, d_k): views, no copy
    s = (qg @ kg.transpose(-2, -1) / math.sqrt(d_k)).masked_fill(~mask, -math.inf)
    return (torch.softmax(s, dim=-1) @ vg).view(B, H, T, d_k)


ref = F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True)
torch.testing.assert_close(gqa_grouped(q, k, v), ref)
print("grouped view + broadcasting == F.scaled_dot_product_attention(enable_gqa=True)")
# k.unsqueeze(2) shares k's memory; repeat_interleave allocates g times as much.
size = k.untyped_storage().nbytes()
assert k.unsqueeze(2).untyped_storage().data_ptr() == k.untyped_storage().data_ptr()
copied = k.repeat_interleave(H // H_kv, dim=1).untyped_storage()
assert copied.data_ptr() != k.untyped_storage().data_ptr()
assert copied.nbytes() == H // H_kv * size
print(f"k.unsqueeze(2) is a view of k's {size} bytes; repeat_interleave copies them "
      f"into {copied.nbytes()}")

# Splitting the heads the other way, (H // H_kv, H_kv), groups heads 0, 2, 4, 6:
# the grouping of k.repeat, not of repeat_interleave and enable_gqa.
qo = q.view(B, H // H_kv, H_kv, T, d_k).transpose(1, 2)  # (B, H_kv, g, T, d_k)
so = qo @ k.unsqueeze(2).transpose(-2, -1) / math.sqrt(d_k)
so = so.masked_fill(~mask, -math.inf)
other = torch.softmax(so, dim=-1) @ v.unsqueeze(2)
other = other.transpose(1, 2).reshape(B, H, T, d_k)
tiled = F.scaled_dot_product_attention(q, k.repeat(1, H // H_kv, 1, 1),
                                       v.repeat(1, H // H_kv, 1, 1), is_causal=True)
torch.testing.assert_close(other, tiled)
off = (other - ref).abs().max().item()
assert off > 0.1
print(f"split (H // H_kv, H_kv) == attention with k.repeat; "
      f"off enable_gqa by {off:.3f}")
