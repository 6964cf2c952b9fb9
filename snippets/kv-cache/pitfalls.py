import torch
import torch.nn.functional as F

g = torch.Generator().manual_seed(0)
q = torch.randn(1, 1, 1, 8, generator=g)  # the newest token's query
k = torch.randn(1, 1, 6, 8, generator=g)  # 6 cached keys, its own included
v = torch.randn(1, 1, 6, 8, generator=g)

# 1. With a cache, is_causal=True masks all but the first key (top-left alignment).
right = F.scaled_dot_product_attention(q, k, v)
wrong = F.scaled_dot_product_attention(q, k, v, is_causal=True)
print(
    "is_causal=True with one query and a cache: off by",
    f"{(wrong - right).abs().max():.3f}",
)

# 2. The new token's position is the length of the cache, not 0: with learned or
#    rotary positions, a wrong index silently changes every logit.
pos = torch.nn.Embedding(16, 8)
cache_length = 5
print(
    "position embedding of index 0 == that of index",
    cache_length,
    "?",
    torch.equal(pos(torch.tensor(0)), pos(torch.tensor(cache_length))),
)

# 3. The cache grows by one (K, V) per token and layer: torch.cat copies it every
#    step; real implementations preallocate the whole context once.
cache, sizes = torch.zeros(1, 0, 8), []
for _ in range(4):
    cache = torch.cat([cache, torch.randn(1, 1, 8)], dim=1)
    sizes.append(cache.shape[1])
print("cache length after each step:", sizes)
