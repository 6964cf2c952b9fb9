import matplotlib.pyplot as plt
import torch

# A long, narrow valley: L = (a - 1)^2 + 10 (b + 2)^2, minimum at (1, -2).
loss_fn = lambda w: (w[..., 0] - 1) ** 2 + 10 * (w[..., 1] + 2) ** 2
start = torch.tensor([-1.5, 0.5])
optimizers = {
    "SGD, lr 0.05": lambda p: torch.optim.SGD(p, lr=0.05),
    "SGD + momentum 0.9, lr 0.01": lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9),
    "Adam, lr 0.2": lambda p: torch.optim.Adam(p, lr=0.2),
    "AdamW, lr 0.2, weight_decay 0.1": lambda p: torch.optim.AdamW(
        p, lr=0.2, weight_decay=0.1
    ),
}
paths = {}
for name, make in optimizers.items():
    w = start.clone().requires_grad_(True)
    opt, path = make([w]), [start.tolist()]
    for _ in range(40):
        opt.zero_grad()
        loss_fn(w).backward()
        opt.step()
        path.append(w.detach().tolist())
    paths[name] = torch.tensor(path)
    print(
        f"{name:32} after 40 steps: ({path[-1][0]:.3f}, {path[-1][1]:.3f}), "
        f"loss {loss_fn(torch.tensor(path[-1])).item():.4f}"
    )

a, b = torch.meshgrid(
    torch.linspace(-2, 2.2, 200), torch.linspace(-3, 1, 200), indexing="xy"
)
fig, ax = plt.subplots(figsize=(7, 5))
ax.contour(
    a, b, loss_fn(torch.stack([a, b], -1)), levels=20, cmap="Greys", linewidths=0.6
)
for name, path in paths.items():
    ax.plot(path[:, 0], path[:, 1], "o-", markersize=2.5, linewidth=1.2, label=name)
ax.plot([1], [-2], "*", markersize=14, color="tab:red", label="minimum (1, -2)")
ax.set_xlabel("parameter a")
ax.set_ylabel("parameter b")
ax.set_title("40 steps of each optimizer on a narrow valley")
ax.legend(fontsize=8, loc="upper right")
plt.show()
