import torch

torch.set_num_threads(1)

# NF4 (QLoRA): 16 levels at quantiles of the standard normal distribution N(0, 1),
# scaled into [-1, 1]. 8 positive levels, 7 negative, and an exact 0 (for padding and
# for weights that are 0). The outermost quantile is not 1 (its quantile is infinite)
# but the mean of 1 - 1/(2*15) and 1 - 1/(2*16), as in bitsandbytes' create_normal_map.
offset = (1 - 1 / (2 * 15) + 1 - 1 / (2 * 16)) / 2
edge = torch.special.ndtri(torch.tensor(offset, dtype=torch.float64)).item()
print(f"offset = {offset:.7f}: the largest level is {edge:.4f} standard deviations")
pos = torch.special.ndtri(torch.linspace(offset, 0.5, 9)[:-1].double())  # 8 > 0
neg = -torch.special.ndtri(torch.linspace(offset, 0.5, 8)[:-1].double())  # 7 < 0
levels = torch.cat([neg, torch.zeros(1, dtype=torch.float64), pos]).float().sort()
levels = levels.values / levels.values.max()

# The published table: bitsandbytes/functional.py, get_4bit_type("nf4"), at commit
# 95f9af3 of github.com/bitsandbytes-foundation/bitsandbytes (also csrc/kernels.cu)
published = torch.tensor([
    -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453,
    -0.28444138169288635, -0.18477343022823334, -0.09105003625154495, 0.0,
    0.07958029955625534, 0.16093020141124725, 0.24611230194568634,
    0.33791524171829224, 0.44070982933044434, 0.5626170039176941,
    0.7229568362236023, 1.0,
])  # fmt: skip
print("code  computed   published")
for i, (c, p) in enumerate(zip(levels.tolist(), published.tolist())):
    print(f"{i:04b}  {c:+.6f}  {p:+.6f}")
diff = (levels - published).abs().max().item()
print(f"largest difference: {diff:.1e}")
torch.testing.assert_close(levels, published, rtol=0, atol=1e-6)

# int4 spends its 16 levels evenly; NF4 puts more of them near 0, where most weights
# of a block lie once it is divided by its absmax (1024 blocks of 64 here)
g = torch.Generator().manual_seed(0)
w = torch.randn(1024, 64, generator=g)
x = w / w.abs().amax(dim=1, keepdim=True)  # each block in [-1, 1]
int4 = torch.arange(-7, 8) / 7  # symmetric int4 (15 levels), also absmax-scaled
for name, grid in (("int4", int4), ("NF4", levels)):
    nearest = grid[(x.unsqueeze(-1) - grid).abs().argmin(-1)]
    err = ((nearest - x) ** 2).mean().item()
    print(f"{name:4}: mean squared error {err:.2e} on absmax-scaled normal weights")

# Double quantization: the absmax of each block of 64 is itself quantized, to 8 bits
# in blocks of 256 (QLoRA, section 3); the cost of the constants, in bits per weight:
single = 32 / 64  # one float32 absmax per 64 weights
double = 8 / 64 + 32 / (64 * 256)  # an 8-bit absmax, one float32 per 256 of them
print(f"constants: {single:.3f} bits/weight, double-quantized {double:.3f}; "
      f"saved {single - double:.3f}")
