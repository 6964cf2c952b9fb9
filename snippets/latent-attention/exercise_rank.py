import math

import torch

torch.set_num_threads(1)
torch.manual_seed(0)
# The sizes of this page's from-scratch layer; 20 tokens this time.
T, d_model, H = 20, 16, 2
d_c, d_nope, d_v = 6, 4, 4
x = torch.randn(T, d_model, dtype=torch.float64)
W_dkv = torch.randn(d_model, d_c, dtype=torch.float64) / math.sqrt(d_model)
W_uk = torch.randn(H, d_c, d_nope, dtype=torch.float64) / math.sqrt(d_c)
W_uv = torch.randn(H, d_c, d_v, dtype=torch.float64) / math.sqrt(d_c)

# The up-projections of all heads side by side: latent -> every key and value.
W_up = torch.cat([*W_uk, *W_uv], dim=-1)  # (d_c, H (d_nope + d_v)) = (6, 16)
W_kv = W_dkv @ W_up  # x -> all keys and values at once, as multi-head attention has
c = x @ W_dkv
c = c * torch.rsqrt(c.pow(2).mean(-1, keepdim=True) + 1e-6)  # RMSNorm (gain 1)
KV = c @ W_up  # (T, 16): the rebuilt keys and values of every head, one row a token
rank = torch.linalg.matrix_rank
assert W_kv.shape == (16, 16) and rank(W_kv) == d_c and rank(KV) == d_c
print(f"x -> keys and values of {H} heads: {tuple(W_kv.shape)}, rank {rank(W_kv)}")
print(f"rebuilt keys and values of {T} tokens: {tuple(KV.shape)}, rank {rank(KV)}")

# Conversely: a multi-head K, V projection of rank <= d_c IS an MLA layer (without
# its norm): the SVD splits it into a down- and an up-projection.
W_mha = torch.randn(d_model, d_c, dtype=torch.float64) @ torch.randn(
    d_c, H * (d_nope + d_v), dtype=torch.float64)
U, s, Vh = torch.linalg.svd(W_mha)
down, up = U[:, :d_c] * s[:d_c], Vh[:d_c]  # (16, 6) and (6, 16)
torch.testing.assert_close(down @ up, W_mha)
# A full-rank one is not: the best rank-6 approximation misses it.
W_full = torch.randn(d_model, H * (d_nope + d_v), dtype=torch.float64)
U, s, Vh = torch.linalg.svd(W_full)
miss = (U[:, :d_c] * s[:d_c] @ Vh[:d_c] - W_full).norm() / W_full.norm()
assert miss > 0.1 and rank(x @ W_full) == 16
print(f"a full-rank projection: keys and values of {T} tokens of rank "
      f"{rank(x @ W_full)}")
print(f"rank-{d_c} MHA projection == down @ up from its SVD; a full-rank one: "
      f"best rank-{d_c} version off by {miss:.0%}")
