import math

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)
# Grouped-query attention, no positions: H = 4 query heads, H_kv = 2 key-value heads.
T, d_model, H, H_kv, d_k = 6, 16, 4, 2, 4
x = torch.randn(T, d_model)
W_q = torch.randn(d_model, H * d_k) / math.sqrt(d_model)
W_k = torch.randn(d_model, H_kv * d_k) / math.sqrt(d_model)
W_v = torch.randn(d_model, H_kv * d_k) / math.sqrt(d_model)
q = (x @ W_q).view(T, H, d_k).transpose(0, 1)  # (H, T, d_k)
k = (x @ W_k).view(T, H_kv, d_k).transpose(0, 1)  # (H_kv, T, d_k)
v = (x @ W_v).view(T, H_kv, d_k).transpose(0, 1)
o_gqa = F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True)

# The same layer as MLA: the latent is what GQA caches, its K and V side by side,
# d_c = 2 H_kv d_k numbers; each head's up-projections pick its group's part.
d_c = 2 * H_kv * d_k
W_dkv = torch.cat([W_k, W_v], dim=-1)  # (d_model, d_c), no RMSNorm, no rotary key
c = x @ W_dkv  # (T, d_c): the MLA cache
eye = torch.eye(d_c)
g = [h // (H // H_kv) for h in range(H)]  # the group of each query head
W_uk = torch.stack([eye[:, g[h] * d_k : (g[h] + 1) * d_k] for h in range(H)])
W_uv = torch.stack([eye[:, (H_kv + g[h]) * d_k : (H_kv + g[h] + 1) * d_k]
                    for h in range(H)])  # (H, d_c, d_k), entries 0 or 1
K, V = c @ W_uk, c @ W_uv  # (H, T, d_k), rebuilt from the latent
o_mla = F.scaled_dot_product_attention(q, K, V, is_causal=True)
torch.testing.assert_close(o_mla, o_gqa)
print(f"GQA with {H_kv} key-value heads == MLA with d_c = {d_c} and 0/1 up-projections")
print("cached per token: GQA", 2 * H_kv * d_k, "numbers, MLA", d_c)

# MLA with the same cache can do more: other up-projections give every head keys
# of its own. Over 32 tokens, the keys of all 4 heads side by side, (32, 16): GQA's
# repeat its 2 key heads (rank H_kv d_k = 8); MLA's can use all 16 cached numbers.
x_long = torch.randn(32, d_model)
c_long = x_long @ W_dkv
W_uk2 = torch.randn(H, d_c, d_k) / math.sqrt(d_c)  # up-projections that mix
rank = torch.linalg.matrix_rank
keys_gqa = torch.cat([c_long @ W_uk[h] for h in range(H)], dim=-1)
keys_mla = torch.cat([c_long @ W_uk2[h] for h in range(H)], dim=-1)
assert rank(keys_gqa) == H_kv * d_k and rank(keys_mla) == H * d_k
print(f"keys of all {H} heads, 32 tokens: rank {rank(keys_gqa)} with GQA's picks, "
      f"{rank(keys_mla)} with up-projections that mix the latent")
