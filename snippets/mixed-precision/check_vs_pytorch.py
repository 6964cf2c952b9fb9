import torch

# The from-scratch rounding against PyTorch's own float32 -> bfloat16 conversion,
# bit for bit, on: every kind of edge case, exact ties (odd and even), values one bit
# either side of a tie, and 100,000 random 32-bit patterns (any float32 at all).
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


def from_bits(b):  # unsigned 32-bit patterns (int64) -> float32
    return torch.where(b >= 2**31, b - 2**32, b).to(torch.int32).view(torch.float32)


inf, nan, f32 = float("inf"), float("nan"), torch.finfo(torch.float32)
edge = torch.tensor([0.0, -0.0, 1.0, -1.0, inf, -inf, nan, f32.max, -f32.max,
                     f32.tiny, 1e-45, -1e-45, 3.3895e38, 3.3896e38, 65504.0, 1e-40])
keep = torch.randint(0, 2**16, (20_000,), generator=g)
ties = from_bits((keep << 16) | 0x8000)  # exactly halfway between two bfloat16
near = torch.cat([from_bits((keep << 16) | 0x7FFF), from_bits((keep << 16) | 0x8001)])
nans = from_bits(torch.tensor([0x7F800001, 0x7F808000, 0x7FFFFFFF, 0xFF800001,
                               0xFFFFFFFF, 0x7FC00000]))
rand = from_bits(torch.randint(0, 2**32, (100_000,), generator=g))
normal = torch.randn(10_000, generator=g) * 10.0 ** torch.randint(-30, 30, (10_000,),
                                                                 generator=g)
for name, x in [("edge cases", edge), ("exact ties", ties), ("one bit off a tie", near),
                ("NaN payloads", nans), ("random bit patterns", rand),
                ("normal * 10**k", normal)]:
    mine, theirs = to_bfloat16(x), x.to(torch.bfloat16).float()  # bfloat16 -> f32 exact
    torch.testing.assert_close(mine, theirs, rtol=0, atol=0, equal_nan=True)
    ok = ~theirs.isnan()  # and the same bits (-0.0 vs 0.0) wherever it is not NaN
    assert torch.equal(mine[ok].view(torch.int32), theirs[ok].view(torch.int32))
    assert torch.equal(mine.isnan(), theirs.isnan())
    print(f"{name:20} {x.numel():7} values: to_bfloat16(x) == x.to(torch.bfloat16)")
print("ties rounded up:", int((to_bfloat16(ties).abs() > ties.abs()).sum()), "of",
      int((~ties.isnan()).sum()), "(the ones whose kept bits were odd)")
