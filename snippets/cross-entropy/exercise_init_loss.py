import math

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)
C, n = 27, 20000                                  # classes; examples averaged over
y = torch.randint(0, C, (n,), generator=g)        # any targets: all alike at init
z = torch.randn(n, C, generator=g)                # standard normal logits

print(f"ln C = {math.log(C):.4f}")
print(" sigma   loss   ln C + sigma^2 / 2")
for sigma in (0.0, 0.1, 1.0, 3.0, 10.0):
    loss = F.cross_entropy(sigma * z, y).item()
    bound = math.log(C) + sigma**2 / 2            # Jensen: E[LSE] <= log E[sum e^z]
    assert loss <= bound + 1e-3
    if sigma <= 0.1:
        assert abs(loss - bound) < 1e-3           # small sigma: the bound is tight
    print(f"{sigma:6.1f}  {loss:6.3f}  {bound:8.3f}")
assert F.cross_entropy(10 * z, y) > 5 * math.log(C)

# Large sigma: LSE -> the largest logit, so loss / sigma -> E[max_c z_c - z_y].
gap = (z.max(dim=1).values - z[torch.arange(n), y]).mean().item()
slope = F.cross_entropy(10 * z, y).item() / 10
assert abs(slope - gap) < 0.05 * gap
print(f"loss / sigma at sigma 10: {slope:.3f}; mean (largest - right) logit: {gap:.3f}")
