import torch

torch.set_num_threads(1)
torch.manual_seed(0)
d, r, alpha = 64, 4, 8.0
W = torch.randn(d, d) * 0.05  # a base weight, the size of a trained one's entries
A, B = torch.randn(r, d) * 0.1, torch.randn(d, r) * 0.01  # a trained adapter
delta = (alpha / r) * B @ A

for dtype in (torch.float32, torch.bfloat16):
    base = W.to(dtype)
    merged = base + delta.to(dtype)  # merge: fold the update into the weight
    unmerged = merged - delta.to(dtype)  # unmerge: take it out again
    changed = (unmerged != base).float().mean().item()
    worst = ((unmerged - base).abs().max() / base.abs().max()).item()
    print(f"{str(dtype):15}: {changed:.1%} of the base weights changed after a merge "
          f"and an unmerge, by up to {worst:.1e} of the largest weight")
    assert changed > 0  # rounding: the base is not given back bit for bit
    if dtype == torch.float32:
        f32_worst = worst
assert worst > 100 * f32_worst  # and bfloat16 rounds far more coarsely
