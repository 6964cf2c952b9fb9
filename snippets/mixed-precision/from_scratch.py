import torch

# The floating-point formats of deep learning: 1 sign bit, e exponent bits, m mantissa
# bits. eps is the gap above 1.0 (2**-m), max the largest finite value, tiny the
# smallest normal one.
formats = {
    "float32": (torch.float32, 8, 23),
    "bfloat16": (torch.bfloat16, 8, 7),
    "float16": (torch.float16, 5, 10),
    "float8_e4m3fn": (torch.float8_e4m3fn, 4, 3),
    "float8_e5m2": (torch.float8_e5m2, 5, 2),
}
print(f"{'format':14} {'bits':>4} {'exp':>3} {'mant':>4} {'eps':>10} {'max':>11}"
      f" {'tiny':>10}")
for name, (dtype, e, m) in formats.items():
    fi = torch.finfo(dtype)
    assert fi.bits == 1 + e + m and fi.eps == 2.0**-m
    print(f"{name:14} {fi.bits:>4} {e:>3} {m:>4} {fi.eps:>10.3g} {fi.max:>11.6g}"
          f" {fi.tiny:>10.3g}")


def fields(x):  # the bits of one float32 number: sign | exponent | mantissa
    b = f"{torch.tensor(x).view(torch.int32).item() & 0xFFFFFFFF:032b}"
    return f"{b[0]} {b[1:9]} {b[9:16]} {b[16:]}"


print("\n0.1 in float32:            ", fields(0.1))
print("0.1 in bfloat16 (as f32):  ", fields(torch.tensor(0.1).bfloat16().item()))
print("bfloat16 = float32's first 16 bits, rounded: same range, 7 mantissa bits")


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

x = torch.tensor([1 + 2**-8, 1 + 3 * 2**-8, 1 + 2**-8 + 2**-20, 0.1, 65504.0, 3.4e38])
mine = to_bfloat16(x)
print("\nx:              ", [f"{v:.9g}" for v in x.tolist()])
print("to_bfloat16(x): ", [f"{v:.9g}" for v in mine.tolist()])
print("1 + 2**-8 == 1 in bfloat16:", torch.tensor(1 + 2**-8).bfloat16().item() == 1.0)
for v in (65504.0, 65519.0, 65520.0, 70000.0):
    print(f"{v:.0f} in float16 -> {torch.tensor(v).half().item()}")
