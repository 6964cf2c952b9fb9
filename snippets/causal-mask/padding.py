import torch
import torch.nn.functional as F

# A batch of two sequences padded on the left to the same length T = 4 (as for
# batched generation): the first has 3 real tokens, the second 4.
g = torch.Generator().manual_seed(0)
B, T, d_k = 2, 4, 8
q, k, v = (torch.randn(B, 1, T, d_k, generator=g) for _ in range(3))
is_real = torch.tensor([[False, True, True, True],
                        [True, True, True, True]])
causal = torch.tril(torch.ones(T, T, dtype=torch.bool))
# May attend: an earlier (or the same) position that is a real token.
allowed = causal & is_real[:, None, None, :]                # (B, 1, T, T)
print("sequence 0, may attend (rows: queries):")
print(allowed[0, 0].int())

scores = q @ k.transpose(-2, -1) / d_k**0.5
w_inf = F.softmax(scores.masked_fill(~allowed, float("-inf")), dim=-1)
w_min = F.softmax(scores.masked_fill(~allowed, torch.finfo(scores.dtype).min), dim=-1)
out_sdpa = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed)

# The padding key gets weight 0 from every real query, with each method:
print("weight on the padding key, real queries:", w_inf[0, 0, 1:, 0].tolist())
# Row 0 of sequence 0 is a padding query that may see nothing at all:
print("fully masked row, -inf + softmax:     ", w_inf[0, 0, 0].tolist())
print("fully masked row, finfo.min + softmax:", w_min[0, 0, 0].tolist())
torch.testing.assert_close((w_min @ v)[0, 0, 0], v[0, 0].mean(dim=0))
print("  -> its output is the plain mean of all values, future ones included")
print("fully masked row, SDPA (bool mask):   ", out_sdpa[0, 0, 0].tolist())
# The rows that matter (real queries) agree across all three:
torch.testing.assert_close((w_inf @ v)[0, :, 1:], out_sdpa[0, :, 1:])
torch.testing.assert_close((w_min @ v)[:, :, 1:], out_sdpa[:, :, 1:])
print("real queries: the same output with -inf, finfo.min and SDPA")
