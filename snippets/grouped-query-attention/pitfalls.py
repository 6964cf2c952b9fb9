import torch
import torch.nn.functional as F

g = torch.Generator().manual_seed(0)
q = torch.randn(1, 8, 5, 4, generator=g)  # 8 query heads
k = torch.randn(1, 2, 5, 4, generator=g)  # 2 key-value heads
v = torch.randn(1, 2, 5, 4, generator=g)
ref = F.scaled_dot_product_attention(q, k, v, enable_gqa=True)

# 1. repeat_interleave (0,0,0,0,1,1,1,1) vs repeat (0,1,0,1,...): a different grouping.
right = F.scaled_dot_product_attention(
    q, k.repeat_interleave(4, 1), v.repeat_interleave(4, 1)
)
wrong = F.scaled_dot_product_attention(q, k.repeat(1, 4, 1, 1), v.repeat(1, 4, 1, 1))
print(
    "repeat_interleave == enable_gqa:",
    torch.allclose(right, ref),
    "  repeat == enable_gqa:",
    torch.allclose(wrong, ref),
)

# 2. The number of query heads must be a multiple of the key-value heads.
try:
    F.scaled_dot_product_attention(q[:, :7], k, v, enable_gqa=True)
except RuntimeError as e:
    print("7 query heads, 2 key-value heads: RuntimeError:", str(e).split(".")[0])

# 3. Without enable_gqa, SDPA refuses different head counts.
try:
    F.scaled_dot_product_attention(q, k, v)
except RuntimeError as e:
    print("8 and 2 heads without enable_gqa: RuntimeError:", str(e).split(".")[0])
# ...except a single key-value head (MQA), which broadcasts over the query heads.
one = F.scaled_dot_product_attention(q, k[:, :1], v[:, :1])
same = F.scaled_dot_product_attention(q, k[:, :1], v[:, :1], enable_gqa=True)
print("8 and 1 heads without enable_gqa: runs, equals enable_gqa:",
      torch.allclose(one, same, atol=1e-6))
