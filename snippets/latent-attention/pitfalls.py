import math

import torch
import torch.nn.functional as F
from transformers.models.deepseek_v3.modeling_deepseek_v3 import (
    apply_rotary_pos_emb_interleave,
)

torch.manual_seed(0)
B, H, T, d_c, d_nope, d_r, d_v = 1, 4, 6, 16, 8, 4, 8


def rope(x, pos, theta=10000.0):
    """Rotate the pairs (x0, x1), (x2, x3), ... of the last axis by pos * w_i."""
    d = x.shape[-1]
    w = theta ** (-torch.arange(0, d, 2) / d)
    cos, sin = (pos[:, None] * w).cos(), (pos[:, None] * w).sin()
    x0, x1 = x[..., 0::2], x[..., 1::2]
    return torch.stack([x0 * cos - x1 * sin, x0 * sin + x1 * cos], dim=-1).flatten(-2)


pos = torch.arange(T, dtype=torch.float32)
q_c, q_r0, c, k_r0 = (torch.randn(B, n, T, d) for n, d in
                      [(H, d_nope), (H, d_r), (1, d_c), (1, d_r)])
q_r, k_r = rope(q_r0, pos), rope(k_r0, pos)  # the rotary parts, rotated
W_uk, W_uv = torch.randn(H, d_c, d_nope) / 4, torch.randn(H, d_c, d_v) / 4

# 1. The absorbed form is multi-query attention with one key of width d_c + d_r
# and one value c. SDPA's default scale is 1/sqrt(query width) = 1/sqrt(d_c + d_r):
# wrong here, the scores are those of width d_nope + d_r.
k_full = torch.cat([c @ W_uk, k_r.expand(B, H, T, d_r)], dim=-1)
o_ref = F.scaled_dot_product_attention(
    torch.cat([q_c, q_r], -1), k_full, c @ W_uv, is_causal=True)
q_abs = torch.cat([q_c @ W_uk.mT, q_r], dim=-1)  # (B, H, T, d_c + d_r)
k_abs = torch.cat([c, k_r], dim=-1)  # (B, 1, T, d_c + d_r): shared by all heads
for name, kw in [("default scale", {}), ("scale=1/sqrt(d_nope + d_r)",
                                         {"scale": 1 / math.sqrt(d_nope + d_r)})]:
    o_lat = F.scaled_dot_product_attention(
        q_abs, k_abs, c, is_causal=True, enable_gqa=True, **kw)
    err = (o_lat @ W_uv - o_ref).abs().max().item()
    print(f"absorbed MLA through SDPA, {name:27}: max |error| {err:.1e}")

# 2. Why RoPE needs its own key: rotate the up-projected keys themselves, and the
# score of query i and key j holds a rotation by j - i between W_uk and c, a
# different matrix for each offset: no single matrix can be folded into the query.
s_true = rope(q_c, pos) @ rope(c @ W_uk, pos).mT  # RoPE on the rebuilt keys
s_folded = (q_c @ W_uk.mT) @ c.mT  # W_uk folded into the query, as MLA does
err = (s_true - s_folded).abs()
print(f"RoPE on the rebuilt keys, W_uk folded anyway: max |score error| at offset 0 "
      f"{err.diagonal(dim1=-2, dim2=-1).max().item():.1e}, elsewhere "
      f"{err.max().item():.2f}")

# 3. transformers' rope_interleave=True rotates the same pairs (x0, x1), ... but
# writes the result de-interleaved: rotated evens first, then rotated odds.
ang = pos[:, None] * 10000 ** (-torch.arange(0, d_r, 2) / d_r)  # (T, d_r / 2)
ang = torch.cat([ang, ang], dim=-1)[None]  # as DeepseekV3RotaryEmbedding lays it out
qh, kh = apply_rotary_pos_emb_interleave(q_r0, k_r0, ang.cos(), ang.sin())
perm = torch.cat([torch.arange(0, d_r, 2), torch.arange(1, d_r, 2)])
print("transformers' interleaved RoPE == ours:", torch.allclose(qh, q_r),
      "| == ours de-interleaved:", torch.allclose(qh, q_r[..., perm], atol=1e-6),
      "| same scores:", torch.allclose(qh @ kh.mT, q_r @ k_r.mT, atol=1e-5))

# 4. The arithmetic, per head, in DeepSeek-V3: d_nope + d_r = 128 + 64, d_v = 128,
# d_c + d_r = 512 + 64. Per query and key, the absorbed form costs more...
cost = {"rebuilt K, V": (128 + 64, 128), "absorbed": (512 + 64, 512)}
for name, (s, o) in cost.items():
    print(f"DeepSeek-V3, {name:12}: score {s} + output {o} = {s + o} multiply-adds "
          "per query, key and head")
# ... but rebuilding costs d_c x (d_nope + d_v) per key, and absorbing d_nope x d_c
# + d_c x d_v per query (W_uk into the query, W_uv on the output): each is shared
# by the queries (or keys) processed together.
per_token = 512 * (128 + 128)
print("rebuilding one key and value, or absorbing one query:", per_token,
      "multiply-adds")
n_keys = 4096  # tokens in the cache; every query scores every key (no mask here)
for name, n_q in [("decoding 1 new token", 1), ("a 4096-token prompt at once", n_keys)]:
    rebuilt = n_keys * per_token + n_q * n_keys * 320
    absorbed = n_q * per_token + n_q * n_keys * 1088
    print(f"{name:27}, {n_keys} keys: multiply-adds rebuilt / absorbed = "
          f"{rebuilt / absorbed:.2f}")
