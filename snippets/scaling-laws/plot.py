import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F
from matplotlib.ticker import FormatStrFormatter

torch.set_num_threads(1)
# A tiny "scaling law": MLP language models of four widths (three previous characters
# -> the next), each trained for the same 300 steps of 128 examples, then their
# validation loss against their parameter count, with a power law fitted through it;
# and, along the way, their loss against the compute spent so far.
words = open("names.txt").read().splitlines()[:8000]  # the 8000 most common names
stoi = {c: i for i, c in enumerate(".abcdefghijklmnopqrstuvwxyz")}
X, Y = [], []
for w in words:
    ctx = [0, 0, 0]
    for c in w + ".":
        X.append(ctx)
        Y.append(stoi[c])
        ctx = ctx[1:] + [stoi[c]]
X, Y = torch.tensor(X), torch.tensor(Y)
g = torch.Generator().manual_seed(0)
perm = torch.randperm(len(X), generator=g)
train, val = perm[: len(X) * 9 // 10], perm[len(X) * 9 // 10 :]
batches = [train[torch.randint(0, len(train), (128,), generator=g)] for _ in range(300)]

sizes, losses, curves = [], [], []
for width in (8, 16, 32, 64):
    torch.manual_seed(0)
    e = width // 2  # embedding width
    model = nn.Sequential(nn.Embedding(27, e), nn.Flatten(), nn.Linear(3 * e, width),
                          nn.Tanh(), nn.Linear(width, 27))
    n = sum(p.numel() for p in model.parameters())
    opt = torch.optim.AdamW(model.parameters(), lr=1e-2)
    curve = []  # (compute so far: 6 N D FLOPs, validation loss) every 25 steps
    for step, rows in enumerate(batches, 1):
        loss = F.cross_entropy(model(X[rows]), Y[rows])
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 25 == 0:
            with torch.no_grad():
                v = F.cross_entropy(model(X[val]), Y[val]).item()
            curve.append((6 * n * step * len(rows), v))
    sizes.append(n)
    losses.append(v)
    curves.append(curve)
    print(f"width {width:3}: {n:6,} parameters, validation loss {v:.4f}")

# Fit L = c * N^(-alpha): a straight line through (log N, log L).
logN, logL = torch.tensor(sizes).double().log(), torch.tensor(losses).double().log()
A = torch.stack([torch.ones_like(logN), logN], 1)
coef = torch.linalg.lstsq(A, logL[:, None]).solution[:, 0]
c, alpha = coef[0].exp().item(), -coef[1].item()
print(f"fit: L = {c:.3f} * N^(-{alpha:.4f}),"
      f" over a {sizes[-1] / sizes[0]:.0f}x range of N")

# Loss against compute: at each compute level the best of the four models so far (the
# frontier), and a power law L = k * C^(-gamma) fitted through the frontier's points.
points = sorted(p for curve in curves for p in curve)
frontier = [(C, v) for i, (C, v) in enumerate(points)
            if v < min((w for _, w in points[:i]), default=float("inf"))]
logC = torch.tensor([C for C, _ in frontier]).double().log()
logF = torch.tensor([v for _, v in frontier]).double().log()
A = torch.stack([torch.ones_like(logC), logC], 1)
coef = torch.linalg.lstsq(A, logF[:, None]).solution[:, 0]
k, gamma = coef[0].exp().item(), -coef[1].item()
print(f"frontier: {len(frontier)} of {len(points)} checkpoints; fit: "
      f"L = {k:.3f} * C^(-{gamma:.4f}), over a "
      f"{frontier[-1][0] / frontier[0][0]:.0f}x range of C")

fig, axes = plt.subplots(2, 1, figsize=(6.5, 7.5), layout="constrained")
ax = axes[0]
ax.loglog(sizes, losses, "o", label="MLP on names, 300 steps")
grid = torch.logspace(2.6, 4.0, 50)
ax.loglog(grid, c * grid ** (-alpha), "--", label=f"fit: {c:.2f} N^-{alpha:.3f}")
ax.set_xlabel("parameters N")
ax.set_ylabel("validation loss (nats)")
ax.set_title("Validation loss against model size, four widths")
ax.legend()
ax.grid(True, which="both", alpha=0.3)
ax = axes[1]
for n, curve in zip(sizes, curves):
    ax.loglog([C for C, _ in curve], [v for _, v in curve], ".-", alpha=0.7,
              label=f"{n:,} parameters")
grid = torch.logspace(logC[0] / 2.3026, logC[-1] / 2.3026, 50)
ax.loglog(grid, k * grid ** (-gamma), "k--", label=f"frontier fit: C^-{gamma:.3f}")
ax.set_xlabel("compute so far C = 6 N D (FLOPs)")
ax.set_ylabel("validation loss (nats)")
ax.set_title("Validation loss against compute, every 25 steps")
ax.legend(fontsize=8)
ax.grid(True, which="both", alpha=0.3)
for ax in axes:  # plain numbers on the log-scaled loss axis
    ax.yaxis.set_major_formatter(FormatStrFormatter("%.1f"))
    ax.yaxis.set_minor_formatter(FormatStrFormatter("%.2f"))
plt.show()
