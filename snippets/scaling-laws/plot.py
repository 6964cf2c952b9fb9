import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
# A tiny "scaling law": MLP language models of four widths (three previous characters
# -> the next), each trained for the same 300 steps of 128 examples, then their
# validation loss against their parameter count, with a power law fitted through it.
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

sizes, losses = [], []
for width in (8, 16, 32, 64):
    torch.manual_seed(0)
    e = width // 2  # embedding width
    model = nn.Sequential(nn.Embedding(27, e), nn.Flatten(), nn.Linear(3 * e, width),
                          nn.Tanh(), nn.Linear(width, 27))
    opt = torch.optim.AdamW(model.parameters(), lr=1e-2)
    for rows in batches:
        loss = F.cross_entropy(model(X[rows]), Y[rows])
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        v = F.cross_entropy(model(X[val]), Y[val]).item()
    n = sum(p.numel() for p in model.parameters())
    sizes.append(n)
    losses.append(v)
    print(f"width {width:3}: {n:6,} parameters, validation loss {v:.4f}")

# Fit L = c * N^(-alpha): a straight line through (log N, log L).
logN, logL = torch.tensor(sizes).double().log(), torch.tensor(losses).double().log()
A = torch.stack([torch.ones_like(logN), logN], 1)
coef = torch.linalg.lstsq(A, logL[:, None]).solution[:, 0]
c, alpha = coef[0].exp().item(), -coef[1].item()
print(f"fit: L = {c:.3f} * N^(-{alpha:.4f}),"
      f" over a {sizes[-1] / sizes[0]:.0f}x range of N")

fig, ax = plt.subplots(figsize=(6.5, 4))
ax.loglog(sizes, losses, "o", label="MLP on names, 300 steps")
grid = torch.logspace(2.6, 4.0, 50)
ax.loglog(grid, c * grid ** (-alpha), "--", label=f"fit: {c:.2f} N^-{alpha:.3f}")
ax.set_xlabel("parameters N")
ax.set_ylabel("validation loss (nats)")
ax.set_title("Validation loss against model size, four widths")
ax.legend()
ax.grid(True, which="both", alpha=0.3)
plt.show()
