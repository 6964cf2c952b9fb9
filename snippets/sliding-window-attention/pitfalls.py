import torch
import torch.nn.functional as F

g = torch.Generator().manual_seed(0)
T, W = 10, 4
q, k, v = (torch.randn(1, 2, T, 8, generator=g) for _ in range(3))
band = torch.ones(T, T, dtype=torch.bool).tril().triu(-(W - 1))  # True = may attend

# 1. SDPA has no window argument: is_causal=True is the full causal mask.
doc = F.scaled_dot_product_attention.__doc__.split("->")[0]
print("SDPA's arguments:", " ".join(doc.split())[len("scaled_dot_product_attention"):])
windowed = F.scaled_dot_product_attention(q, k, v, attn_mask=band)
causal = F.scaled_dot_product_attention(q, k, v, is_causal=True)
print("is_causal=True vs the window, largest difference:",
      f"{(causal - windowed).abs().max():.3f}")
first = (causal - windowed)[..., :W, :].abs().max()
print(f"  ... on the first W rows: {first:.3f} (their whole past fits in the window)")

# 2. A boolean mask means 'may attend' in SDPA; the same mask as floats is added to
# the scores, so it must be 0 / -inf, not 1 / 0.
additive = torch.zeros(T, T).masked_fill(~band, float("-inf"))
same = F.scaled_dot_product_attention(q, k, v, attn_mask=additive)
wrong = F.scaled_dot_product_attention(q, k, v, attn_mask=band.float())
print("float mask 0/-inf == bool mask:", torch.allclose(same, windowed, atol=1e-6),
      "| float mask 1/0:", torch.allclose(wrong, windowed, atol=1e-6))

# 3. A ring buffer's slots are out of time order after it wraps. Attention does not
# care about the order of its keys (with their values in the same order): only a
# mask computed from slot numbers instead of stored positions does.
qi, ks, vs = q[0, :, -1:], k[0, :, -W:], v[0, :, -W:]  # last query, its W keys
rolled = torch.roll(torch.arange(W), 2)  # the slot order after wrapping
a = F.scaled_dot_product_attention(qi, ks, vs)
b = F.scaled_dot_product_attention(qi, ks[:, rolled], vs[:, rolled])
print("keys and values read in slot order == in time order:",
      torch.allclose(a, b, atol=1e-6))
