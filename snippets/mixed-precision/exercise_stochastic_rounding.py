import torch

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)


# --- bfloat16 rounding from scratch
def to_bfloat16(x):
    """Round float32 x to the nearest bfloat16 (ties to even); returns float32."""
    drop = 16  # float32 has 23 mantissa bits, bfloat16 keeps 7: drop the low 16
    bits = x.view(torch.int32).to(torch.int64)  # the 32 bits (negative if sign set)
    low = bits & ((1 << drop) - 1)  # the bits that are dropped
    keep = bits >> drop  # sign, exponent and the mantissa bits that stay
    half = 1 << (drop - 1)
    odd = (keep & 1) == 1
    round_up = (low > half) | ((low == half) & odd)  # nearest; a tie goes to even
    keep = keep + round_up.long()  # a carry may reach the exponent (max -> inf)
    out = (keep << drop).to(torch.int32).view(torch.float32)  # the low 32 bits
    return torch.where(x.isnan(), float("nan"), out)  # NaN stays NaN, never inf


# --- end of bfloat16 rounding from scratch


def to_bfloat16_stochastic(x, g):
    """Round float32 x to bfloat16: away from 0 with probability low / 2**16."""
    drop = 16
    bits = x.view(torch.int32).to(torch.int64)
    low = bits & ((1 << drop) - 1)  # the bits that are dropped
    keep = bits >> drop
    round_up = low > torch.randint(0, 1 << drop, x.shape, generator=g)  # the change
    keep = keep + round_up.long()
    out = (keep << drop).to(torch.int32).view(torch.float32)
    return torch.where(x.isnan(), float("nan"), out)


# 1. Every result is a bfloat16 number, one of the two around x.
x = torch.randn(100_000, generator=g)
sr = to_bfloat16_stochastic(x, g)
assert torch.equal(sr.bfloat16().float(), sr)  # representable in bfloat16
near = x.bfloat16().float()  # PyTorch's nearest, then its neighbour on x's other side
other = torch.nextafter(near.bfloat16(), torch.where(x > near, 1e9, -1e9).bfloat16())
assert ((sr == near) | ((sr == other.float()) & (x != near))).all()
# A number bfloat16 already holds never moves (low = 0: never up, not even 1 in 2**16).
assert (to_bfloat16_stochastic(torch.ones(1_000_000), g) == 1).all()

# 2. Unbiased: on average it returns x itself, where nearest is always 1.
x = torch.full((100_000,), 1 + 2**-10)
assert (to_bfloat16(x) == 1).all()
assert abs(to_bfloat16_stochastic(x, g).mean() - x[0]) < 1e-4
print(f"1 + 2**-10 = {1 + 2**-10:.6f}: nearest {to_bfloat16(x)[0]:.6f}, "
      f"stochastic on average {to_bfloat16_stochastic(x, g).mean():.6f}")

# 3. The pitfall of the page: 1000 steps of +1e-3 on 1000 bfloat16 weights.
w_near, w_sr = torch.ones(1000), torch.ones(1000)
for step in range(1000):
    w_near = to_bfloat16(w_near + 1e-3)
    w_sr = to_bfloat16_stochastic(w_sr + 1e-3, g)
assert (w_near == 1).all() and abs(w_sr.mean() - 2.0) < 0.02
print(f"after 1000 steps of +1e-3: nearest {w_near[0]:.4f}, stochastic "
      f"{w_sr.mean():.4f} on average (each weight from {w_sr.min():.4f} "
      f"to {w_sr.max():.4f})")
