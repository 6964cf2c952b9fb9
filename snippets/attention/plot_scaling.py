import math

import matplotlib.pyplot as plt
import torch

# For random queries and keys with unit-variance entries, q.k has variance d_k.
# Without dividing by sqrt(d_k), softmax saturates as d_k grows: one key takes
# everything.
g = torch.Generator().manual_seed(0)
T, trials = 64, 200
dims = [4, 16, 64, 256, 1024]
max_w = {"scaled by 1/sqrt(d_k)": [], "unscaled": []}
for d_k in dims:
    q = torch.randn(trials, 1, d_k, generator=g)
    k = torch.randn(trials, T, d_k, generator=g)
    scores = (q @ k.transpose(1, 2)).squeeze(1)               # (trials, T)
    for name, s in (("scaled by 1/sqrt(d_k)", scores / math.sqrt(d_k)),
                    ("unscaled", scores)):
        top = torch.softmax(s, dim=-1).max(dim=-1).values     # (trials,)
        max_w[name].append(top.mean().item())
    scaled, unscaled = max_w["scaled by 1/sqrt(d_k)"][-1], max_w["unscaled"][-1]
    print(f"d_k = {d_k:4d}: std of q.k = {scores.std().item():6.2f}; mean max weight "
          f"scaled {scaled:.3f}, unscaled {unscaled:.3f}")

fig, ax = plt.subplots(figsize=(7, 4))
for name, values in max_w.items():
    ax.plot(dims, values, "o-", label=name)
ax.axhline(1 / T, color="gray", linestyle=":", label=f"uniform (1/{T})")
ax.set_xscale("log", base=2)
ax.set_xlabel("head dimension d_k")
ax.set_ylabel("largest attention weight in a row")
ax.set_title(f"Softmax over {T} random keys: scaling keeps attention soft")
ax.legend()
ax.grid(True, alpha=0.3)
plt.show()
