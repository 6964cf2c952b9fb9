import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

# The error of a central finite difference as the step h shrinks: first the Taylor
# error (~ h^2) falls, then rounding (~ machine epsilon / h) takes over.
g = torch.Generator().manual_seed(0)
z = torch.randn(4, 27, generator=g, dtype=torch.float64)
y = torch.tensor([5, 13, 13, 1])
exact = (z.softmax(dim=-1) - F.one_hot(y, 27)) / 4
hs = [10.0**e for e in range(-13, 0)]
errors = {}
for dtype in (torch.float64, torch.float32):
    zd = z.to(dtype)
    errors[dtype] = []
    for h in hs:
        step = torch.zeros_like(zd)
        step[0, 5] = h  # nudge one logit
        up = F.cross_entropy(zd + step, y).double()
        down = F.cross_entropy(zd - step, y).double()
        numeric = ((up - down) / (2 * h)).item()
        errors[dtype].append(max(abs(numeric - exact[0, 5].item()), 1e-17))
    best = min(range(len(hs)), key=lambda i: errors[dtype][i])
    print(f"{str(dtype):13} best h = {hs[best]:.0e}, error {errors[dtype][best]:.1e}")

fig, ax = plt.subplots(figsize=(6.5, 4))
for dtype, errs in errors.items():
    ax.loglog(hs, errs, "o-", label=str(dtype).replace("torch.", ""))
ax.set_title("Central finite difference of the cross-entropy: error against step h")
ax.set_xlabel("step h")
ax.set_ylabel("|numerical - exact| gradient")
ax.legend()
ax.grid(True, which="major", alpha=0.3)
fig.tight_layout()
plt.show()
